// The room display (/display/<meeting>?lang=xx): the current speaker, the
// countdown drawn locally from the timer's instants and the estimated
// server time, and the next speakers; the meeting's name and the agenda
// item's title in the display's language (English where the session file
// has none). A suspended or adjourned meeting fills the screen. Read-only;
// a ?token= is sent on (as a header) when the server requires one for
// reading. No internal number is shown (the state's version is in
// body[data-version], for tests).
'use strict';

(() => {
  const lang = I18N.pick(SPK.param('lang'));
  const meetingId = SPK.meetingFromPath();
  const forcedItem = SPK.param('item');
  const token = SPK.param('token') || '';
  const t = (key, values) => I18N.t(lang, key, values);
  const $ = (id) => document.getElementById(id);
  const kQueueLength = 5;

  let session = null;  // GetSession, for names in `lang` and the time zone
  let shown = null;    // the list on screen
  let heard = null;    // the point of order being heard, if any

  I18N.apply(lang);
  document.title = t('listOfSpeakers') + ' — ' + meetingId;
  $('meeting').textContent = meetingId;
  $('floor-label').textContent = t('hasTheFloor');
  $('next-label').textContent = t('nextSpeakers');
  $('connection').textContent = t('loading');

  // The list to show: ?item= if given; else the right of reply while one
  // is being exercised; else the meeting's current item.
  function chooseList(state) {
    if (forcedItem) return state.lists.find((l) => l.item === forcedItem) || null;
    const current = state.lists.find((l) => l.item === state.currentItem) || null;
    const reply = state.lists.find((l) => l.item === 'reply');
    if (reply && reply.current && !(current && current.current)) return reply;
    return current || state.lists[0] || null;
  }

  function nameOf(entry) {
    return SPK.delegationName(session, entry.delegation, lang, entry.delegationName);
  }

  // The meeting's name in `lang` from the session, else the state's
  // (English) name.
  function meetingName(state) {
    const m = session && (session.meetings || []).find((x) => x.id === meetingId);
    return (m && m.names && m.names[lang]) || (m && m.name) || state.name || meetingId;
  }

  // The agenda item's title in `lang` from the session, else the list's
  // (English) title.
  function itemTitle(list) {
    const m = session && (session.meetings || []).find((x) => x.id === meetingId);
    const item = m && (m.agenda || []).find((a) => a.id === list.item);
    return (item && item.titles && item.titles[lang]) || list.title || (item && item.title) || '';
  }

  function meetingStatusText(status) {
    return {
      MEETING_NOT_STARTED: t('notStarted'), MEETING_IN_SESSION: t('inSession'),
      MEETING_SUSPENDED: t('suspended'), MEETING_ADJOURNED: t('adjourned'),
    }[status] || '';
  }

  // "Item 1 (f) — General discussion" ("议程项目 1 (f)：一般性辩论"); the id
  // and the title are isolated so that they keep their order in a
  // right-to-left line.
  function itemLine(list) {
    if (list.item === 'reply') return [t('reply')];
    const parts = [t('item') + ' ', SPK.el('bdi', {}, list.item)];
    const title = itemTitle(list);
    if (title) parts.push(t('displayTitleSeparator'), SPK.el('bdi', {}, title));
    return parts;
  }

  // "List open · closes 6 November at 12:00 CET", in the session's zone
  // (the year only when it is not this year). The chair's decision
  // overrides the schedule, and the line says so: a list the chair opened
  // again after its closing time is "open — reopened by the chair", never
  // "closes" at a time gone by.
  function listStatus(list) {
    const settings = list.settings || {};
    const zone = session ? session.timeZone : undefined;
    const at = (ts) => I18N.dateTime(lang, SPK.parseTime(ts), zone, watch.clock.now());
    const join = t('displayJoin');
    switch (list.status) {
      case 'LIST_OPEN':
        if (list.openedByChair) {
          const reopened = settings.closesAt && SPK.parseTime(settings.closesAt) <= watch.clock.now();
          return { text: t(reopened ? 'displayListReopened' : 'displayListOpenedByChair'), kind: 'open' };
        }
        return {
          text: t('listOpen') + (settings.closesAt ? join + t('closesAt', { time: at(settings.closesAt) }) : ''),
          kind: 'open',
        };
      case 'LIST_CLOSED':
        return { text: t(list.closedByChair ? 'displayListClosedByChair' : 'listClosed'), kind: 'closed' };
      case 'LIST_NOT_YET_OPEN':
        return {
          text: t('notYetOpen') + (settings.opensAt ? join + t('opensAt', { time: at(settings.opensAt) }) : ''),
          kind: 'pending',
        };
      default:
        return { text: '', kind: '' };
    }
  }

  function queueItem(entry, position) {
    const name = SPK.el('div', { class: 'q-name' }, nameOf(entry));
    const details = [SPK.speakerLine(entry.speaker)];
    if (entry.onBehalfOf) details.push(t('onBehalfOf', { group: entry.onBehalfOf }));
    return SPK.el('li', { 'data-delegation': entry.delegation },
      SPK.el('span', { class: 'q-pos' }, String(position)),
      SPK.el('div', { class: 'q-body' }, name,
        SPK.el('div', { class: 'q-speaker' }, details.filter(Boolean).join(' · '))));
  }

  function render(state) {
    const name = meetingName(state);
    $('meeting').textContent = name;
    document.title = t('listOfSpeakers') + ' — ' + name;
    $('meeting-status').textContent = meetingStatusText(state.status);
    $('meeting-status').dataset.status = state.status;
    document.body.dataset.version = String(state.version);
    // Suspended or adjourned: the whole screen says so, legible from the
    // back of the hall.
    const halted = state.status === 'MEETING_SUSPENDED' || state.status === 'MEETING_ADJOURNED';
    $('halt').hidden = !halted;
    $('halt').dataset.status = halted ? state.status : '';
    document.body.dataset.halted = halted ? 'yes' : '';
    if (halted) {
      $('halt-status').textContent = meetingStatusText(state.status);
      $('halt-meeting').textContent = name;
    }
    shown = chooseList(state);
    if (!shown) return;
    $('item').replaceChildren(...itemLine(shown));
    const status = listStatus(shown);
    $('list-status').textContent = status.text;
    $('list-status').dataset.kind = status.kind;

    heard = (state.points && state.points.heard) || null;
    document.body.dataset.point = heard ? 'heard' : '';
    if (heard) {
      // "Point of order — France": the raiser has the floor; the speaker
      // interrupted waits with a paused clock.
      const raiser = heard.point || {};
      $('floor-label').textContent =
        t(raiser.kind === 'POINT_QUESTION' ? 'question' : 'pointOfOrder');
      $('current-delegation').textContent = nameOf(raiser);
      $('current-delegation').classList.remove('empty');
      $('current-delegation').dataset.delegation = raiser.delegation || '';
      $('current-speaker').textContent = heard.interruptedDelegation
        ? t('interrupted', { name: nameOf({ delegation: heard.interruptedDelegation }) }) : '';
    } else {
      $('floor-label').textContent = t('hasTheFloor');
      const current = shown.current && shown.current.entry;
      $('current-delegation').textContent = current ? nameOf(current) : t('nobodyHasTheFloor');
      $('current-delegation').classList.toggle('empty', !current);
      $('current-delegation').dataset.delegation = current ? current.delegation : '';
      const who = current ? [SPK.speakerLine(current.speaker)] : [];
      if (current && current.onBehalfOf) who.push(t('onBehalfOf', { group: current.onBehalfOf }));
      $('current-speaker').textContent = who.filter(Boolean).join(' · ');
    }

    const queue = $('queue');
    queue.replaceChildren();
    const waiting = shown.waiting || [];
    waiting.slice(0, kQueueLength).forEach((entry, i) => queue.append(queueItem(entry, i + 1)));
    if (waiting.length === 0) queue.append(SPK.el('li', { class: 'q-empty' }, t('nobodyWaiting')));
    if (waiting.length > kQueueLength) {
      queue.append(SPK.el('li', { class: 'q-more' }, t('more', { n: waiting.length - kQueueLength })));
    }
    layout();
    tick();
  }

  // Long names wrap, then shrink; nothing leaves the screen.
  function layout() {
    const h = window.innerHeight;
    SPK.fit($('meeting'), Math.round(h * 0.042), Math.round(h * 0.018));
    SPK.fit($('item'), Math.round(h * 0.04), Math.round(h * 0.018));
    SPK.fit($('current-delegation'), Math.round(h * 0.095), Math.round(h * 0.03));
    SPK.fit($('current-speaker'), Math.round(h * 0.045), Math.round(h * 0.02));
    SPK.fit($('queue'), Math.round(h * 0.045), Math.round(h * 0.016));
  }

  // The countdown, ten times a second, from the timer's instants and the
  // server time estimated by the watch.
  function tick() {
    const clock = $('clock');
    const note = $('clock-note');
    if (heard) {
      // The point's own clock: down from its limit, or up from the grant.
      const elapsed = Math.max(0, watch.clock.now() - SPK.parseTime(heard.grantedAt));
      const remaining = heard.limit ? SPK.parseDuration(heard.limit) - elapsed : null;
      const text = SPK.clockText(remaining === null ? elapsed : remaining);
      if (clock.textContent !== text) clock.textContent = text;
      clock.dataset.state = 'point';
      clock.className = 'd-clock point' + (remaining !== null && remaining <= 0 ? ' overrun' : '');
      note.textContent = '';
      return;
    }
    const current = shown && shown.current;
    const timer = current ? SPK.timerAt(current.timer, watch.clock.now()) : null;
    if (!timer) {
      clock.textContent = '';
      clock.dataset.state = 'none';
      clock.className = 'd-clock';
      note.textContent = '';
      return;
    }
    const text = SPK.clockText(timer.remaining);
    if (clock.textContent !== text) clock.textContent = text;
    const over = timer.remaining <= 0;
    const warning = !over && timer.warning > 0 && timer.remaining <= timer.warning;
    const state = { TIMER_RUNNING: 'running', TIMER_PAUSED: 'paused' }[timer.state] || 'ready';
    clock.dataset.state = state;
    clock.dataset.remainingMs = String(Math.round(timer.remaining));
    clock.className = 'd-clock' + (over ? ' overrun' : warning ? ' warning' : '') +
                      (state === 'paused' ? ' paused' : '');
    note.textContent = state === 'paused' ? t('paused') : over ? t('overTime')
                     : state === 'ready' ? t('ready') : '';
    note.className = 'd-clock-note' + (over ? ' overrun' : '');
  }

  function onConnection(live) {
    $('connection').textContent = live ? '' : t('reconnecting');
    $('connection').classList.toggle('offline', !live);
    $('offline').hidden = live;
    $('offline').textContent = t('reconnecting');
    document.body.dataset.connection = live ? 'live' : 'reconnecting';
  }

  const watch = new SPK.MeetingWatch(meetingId, {
    token,
    onState: (state) => render(state),
    onConnection,
  });
  SPK.loadSession(token).then((s) => {
    session = s;
    if (watch.state) render(watch.state);
  }).catch(() => {});  // names stay in English

  setInterval(tick, 100);
  window.addEventListener('resize', () => { if (watch.state) render(watch.state); });
  // A font that arrives late (Arabic, CJK, Cyrillic) changes the sizes that
  // layout() fitted: fit again.
  if (document.fonts) {
    document.fonts.addEventListener('loadingdone', () => { if (watch.state) render(watch.state); });
  }

  // For tests and the curious: the state as this display sees it.
  window.SPK_DISPLAY = {
    watch,
    offset: () => watch.clock.offset,
    remaining: () => {
      const timer = shown && shown.current ? SPK.timerAt(shown.current.timer, watch.clock.now()) : null;
      return timer ? timer.remaining : null;
    },
  };
})();
