// The chair's console (/chair/<meeting>): a whole meeting run from one page
// — the meeting (open, suspend, resume, adjourn), the lists (current item,
// close, reopen, settings), the floor (next, clock, time, undo next,
// absent, own time, re-add last, end), the waiting list (select, swap,
// move, drag, remove, absent, own time), points of order, rights of reply,
// adding speakers; the keyboard shortcuts are listed on the page.
//
// Contracts:
// - Each action goes to the JSON API with a request id of its own; a Retry
//   after no answer sends the same id, so nothing is applied twice. A
//   refusal is shown in the server's words, in the message band, whose
//   height never changes (nothing under the mouse moves).
// - A double press is absorbed: a command of the floor (next, clock, undo
//   next, absent, re-add) is not sent again while the last one is on its
//   way or until the live state shows its result; a "next" the server
//   refused because the floor had already moved on is said calmly
//   ("Already done: … has the floor"), never as an error.
// - Irreversible actions ask first in the page (Cancel focused, Escape
//   cancels), and act on what the dialog named when it opened; Remove and
//   Absent are done at once and offered for undo for UNDO_MS (the entry,
//   receipt included, is shown; undo puts the delegation back at its place).
// - Live updates keep the selection, the focus and the list's scroll.
// - The words are in the chair's language (I18N.pick, the picker in the
//   header), right to left for Arabic.
'use strict';

(() => {
  const meetingId = SPK.meetingFromPath();
  const storageKey = 'speakers.chair.' + meetingId;
  const $ = (id) => document.getElementById(id);
  const UNDO_MS = 8000;        // how long a removal or an absence may be undone
  const GATE_MS = 3000;        // the longest a double press waits for the live state
  const SHIELD_MS = 500;       // a click where a dialog's button was, this soon after, is dropped
  const DOUBLE_MS = 700;       // a second Remove/Absent press at the same place within this is ignored

  let lang = I18N.pick(SPK.param('lang'));
  const t = (key, values) => I18N.t(lang, key, values);
  let token = sessionStorage.getItem(storageKey) || '';
  let session = null;
  let watch = null;
  let live = null;           // null: signed out; true: live; false: reconnecting
  let item = null;           // the list being worked on
  let followCurrent = true;  // follow the meeting's current item until one is picked
  const picked = new Set();  // the selected delegations on `item`'s list
  let pickedItem = null;
  let replyItemChosen = false;  // the item replied on, chosen by the chair

  $('display-link').href = '/display/' + encodeURIComponent(meetingId);

  // ---- Small helpers ----

  function setText(node, text) {
    if (node.textContent !== text) node.textContent = text;
  }

  function meetingInfo() {
    return session && (session.meetings || []).find((m) => m.id === meetingId);
  }

  function meetingName() {
    const m = meetingInfo();
    return (m && m.names && m.names[lang]) || (m && m.name) ||
           (watch && watch.state && watch.state.name) || meetingId;
  }

  function nameOf(entry) {
    return SPK.delegationName(session, entry.delegation, lang, entry.delegationName);
  }

  function itemTitle(id, fallback) {
    const m = meetingInfo();
    const a = m && (m.agenda || []).find((x) => x.id === id);
    return (a && a.titles && a.titles[lang]) || fallback || (a && a.title) || '';
  }

  // "Item 1 (f) — General discussion"; "Right of reply".
  function listName(list) {
    if (list.item === 'reply') return t('reply');
    const title = itemTitle(list.item, list.title);
    return t('item') + ' ' + list.item + (title ? t('displayTitleSeparator') + title : '');
  }

  function listRef() {
    return { meeting: meetingId, item };
  }

  function currentList() {
    return watch && watch.state ? watch.list(item) : null;
  }

  function timeText(ms) {
    return SPK.clockText(ms);
  }

  // A time of day in the session's zone ("10:02:17"), Western digits.
  const timeLocales = {
    ar: 'ar-u-nu-latn', zh: 'zh-CN', en: 'en-GB', fr: 'fr-FR', ru: 'ru-RU', es: 'es-ES',
  };
  function clockTime(iso) {
    const ms = SPK.parseTime(iso);
    if (!Number.isFinite(ms)) return '';
    const options = { hour: '2-digit', minute: '2-digit', second: '2-digit' };
    if (session && session.timeZone) options.timeZone = session.timeZone;
    return new Intl.DateTimeFormat(timeLocales[lang] || 'en-GB', options).format(new Date(ms));
  }

  function dateText(iso) {
    const ms = SPK.parseTime(iso);
    return Number.isFinite(ms) ? I18N.dateTime(lang, ms, session && session.timeZone) : '';
  }

  // ---- Durations as the CLI takes them ----

  // "90" and "90s" (seconds), "2m", "1m30s", "1h", "1:30", "1:00:00" -> ms;
  // null when `text` is not a duration.
  function parseDurationText(text) {
    const word = String(text).trim().toLowerCase();
    let m = /^(\d{1,6}):([0-5]\d)$/.exec(word);
    if (m) return (+m[1] * 60 + +m[2]) * 1000;
    m = /^(\d{1,6}):([0-5]\d):([0-5]\d)$/.exec(word);
    if (m) return (+m[1] * 3600 + +m[2] * 60 + +m[3]) * 1000;
    if (/^\d{1,6}$/.test(word)) return +word * 1000;
    m = /^(?:(\d{1,6})h)?(?:(\d{1,6})m)?(?:(\d{1,6})s)?$/.exec(word);
    if (m && (m[1] || m[2] || m[3])) return ((+m[1] || 0) * 3600 + (+m[2] || 0) * 60 + (+m[3] || 0)) * 1000;
    return null;
  }

  // A speaking time: as parseDurationText, but a bare 1 to 59 is refused
  // as a slip for minutes (as the CLI does). {ms} or {error} in words.
  function parseLimit(text) {
    const word = String(text).trim();
    const ms = parseDurationText(word);
    if (ms === null) return { error: t('chairBadDuration', { text: word }) };
    if (/^\d+$/.test(word) && ms >= 1000 && ms < 60000) return { error: t('chairBareSlip', { n: word }) };
    return { ms };
  }

  // ---- Date and time in the session's zone (datetime-local fields) ----

  // The wall clock of `zone` at `ms` as "YYYY-MM-DDTHH:MM".
  function wallClock(ms, zone) {
    const parts = {};
    const format = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone || 'UTC', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    });
    for (const p of format.formatToParts(new Date(ms))) parts[p.type] = p.value;
    return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
  }

  // "YYYY-MM-DDTHH:MM" on the wall clock of `zone` -> ms (NaN if malformed).
  function fromWallClock(text, zone) {
    const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)$/.exec(text);
    if (!m) return NaN;
    const asUtc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
    const offsetAt = (ms) => {
      const w = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)$/.exec(wallClock(ms, zone));
      return Date.UTC(+w[1], +w[2] - 1, +w[3], +w[4], +w[5]) - ms;
    };
    let ms = asUtc - offsetAt(asUtc);
    ms = asUtc - offsetAt(ms);  // once more, across a change of offset
    return ms;
  }

  // ---- The message band ----

  // kind: 'ok' and 'note' (calm; greyed after 5 s, kept as the last thing
  // done), 'pending', 'error' (stays until the next message); run(what,
  // method, body, options) sends a command with a fresh request id (kept
  // for every retry) and says what happened (SPK.commandRunner).
  const { show, run } = SPK.commandRunner('message', () => token, () => signOut(false), t, 'ch-message');

  // Waits until the live state reaches `version` (at most `ms`).
  const versionWaiters = [];
  function waitForVersion(version, ms = GATE_MS) {
    if (watch && watch.version >= version) return Promise.resolve();
    return new Promise((resolve) => {
      const waiter = { version, resolve };
      versionWaiters.push(waiter);
      setTimeout(() => { const i = versionWaiters.indexOf(waiter); if (i >= 0) versionWaiters.splice(i, 1); resolve(); }, ms);
    });
  }

  // The double-press guard of the floor's commands: a gate is busy while
  // its command is on its way and the screen still shows what it showed at
  // the press (unchanged(); by default: no update since), then until the
  // live state shows the reply's version (at most GATE_MS). A press once
  // the screen has changed is a new, deliberate one.
  const gates = new Map();
  function gateBusy(name) {
    const g = gates.get(name);
    if (!g) return null;
    if (g.inFlight ? g.unchanged() : watch && watch.version < g.version && Date.now() < g.until) return g;
    if (!g.inFlight) gates.delete(name);
    return null;
  }
  async function gatedRun(name, what, method, body, options = {}) {
    const version = watch ? watch.version : 0;
    const unchanged = options.unchanged || (() => watch && watch.version === version);
    const gate = { inFlight: true, unchanged };
    gates.set(name, gate);
    const reply = await run(what, method, body, options);
    if (gates.get(name) === gate) {
      if (reply) {
        gates.set(name, { inFlight: false, version: Number(reply.version || 0), until: Date.now() + GATE_MS, reply });
      } else {
        gates.delete(name);
      }
    }
    return reply;
  }

  // ---- Undo ----

  let undoOffer = null;  // { action, timer }

  function offerUndo(text, action) {
    clearUndo();
    undoOffer = { action, timer: setTimeout(clearUndo, UNDO_MS) };
    $('undo-text').textContent = text;
    const bar = $('undo-bar');
    bar.classList.remove('running');
    void bar.offsetWidth;  // restarts the bar's animation
    bar.classList.add('running');
    $('undo').hidden = false;
  }

  function clearUndo() {
    if (undoOffer) clearTimeout(undoOffer.timer);
    undoOffer = null;
    $('undo').hidden = true;
  }

  function takeUndo() {
    if (!undoOffer) return;
    const action = undoOffer.action;
    clearUndo();
    action();
  }
  $('undo-button').addEventListener('click', takeUndo);

  // Puts `entry` back on the list `ref` at `position`: re-added (same
  // speaker, group and own time) if no longer on it, then moved there.
  async function putBack(entry, position, ref) {
    const name = nameOf(entry);
    const what = t('chairActPutBack', { name });
    const on = () => {
      const l = watch && watch.list(ref.item);
      return l ? (l.waiting || []).findIndex((e) => e.delegation === entry.delegation) : -1;
    };
    if (on() < 0) {
      // Taken off (removed, or dropped as absent): the server puts it back
      // where it stood, with its receipt, speaker and own time.
      await run(what, 'Reinstate', { list: ref, delegation: entry.delegation }, {
        done: (reply) => {
          const back = (reply.events || []).find((e) => e.kind === 'reinstated');
          return t('chairPutBackDone', { name, n: (back && back.position) || position });
        },
      });
      return;
    }
    const l = watch.list(ref.item);
    const place = Math.min(position, (l && (l.waiting || []).length) || 1);
    if (on() === place - 1) {
      show(t('chairPutBackDone', { name, n: place }), 'ok');
      return;
    }
    await run(what, 'Move', { list: ref, delegation: entry.delegation, position: place },
      { done: () => t('chairPutBackDone', { name, n: place }) });
  }

  // ---- Dialogs ----

  let confirmAction = null;  // fixed when the dialog opened
  // Where and when a dialog's button was last clicked with the mouse.
  let dialogClick = { x: 0, y: 0, at: 0 };
  function shield(event) {
    if (event && event.detail > 0) dialogClick = { x: event.clientX, y: event.clientY, at: Date.now() };
  }

  // Asks before an irreversible action; `action` runs on Yes.
  function ask(text, note, okLabel, action) {
    confirmAction = action;
    $('confirm-text').textContent = text;
    $('confirm-note').textContent = note || '';
    $('confirm-ok').textContent = okLabel;
    $('confirm').showModal();
    $('confirm-cancel').focus();
  }
  $('confirm-cancel').addEventListener('click', () => $('confirm').close());
  $('confirm').addEventListener('close', () => { confirmAction = null; });
  $('confirm-ok').addEventListener('click', (event) => {
    const action = confirmAction;
    confirmAction = null;
    shield(event);
    $('confirm').close();
    if (action) action();
  });
  // The second click of a double click on a dialog's button must not land
  // on what lay under the dialog: a click at the same place soon after is
  // dropped.
  document.addEventListener('click', (event) => {
    const near = Math.abs(event.clientX - dialogClick.x) < 12 && Math.abs(event.clientY - dialogClick.y) < 12;
    if (near && Date.now() - dialogClick.at < SHIELD_MS && !event.target.closest('dialog[open]')) {
      event.preventDefault();
      event.stopPropagation();
    }
  }, true);

  function closeDialogs() {
    for (const d of document.querySelectorAll('dialog[open]')) d.close();
  }

  // ---- Sign in and language ----

  function renderHeader() {
    const name = meetingName();
    document.title = t('chairPageTitle', { meeting: name });
    $('title').textContent = t('chairPageTitle', { meeting: name });
    $('signin-label').textContent = t('chairTokenFor', { meeting: name });
    $('live').textContent = live === null ? t('chairSignedOut')
      : live ? t('chairLive') : t('chairReconnecting');
    $('live').classList.toggle('offline', live !== true);
  }

  function translate() {
    I18N.apply(lang);
    renderHeader();
    renderStatic();
    if (watch && watch.state) render(watch.state);
  }

  I18N.picker($('lang'), lang, (chosen) => {
    lang = chosen;
    translate();
  });

  function signOut(clearMessage = true) {
    sessionStorage.removeItem(storageKey);
    token = '';
    if (watch) watch.close();
    watch = null;
    live = null;
    closeDialogs();
    clearUndo();
    $('console').hidden = true;
    $('signin').hidden = false;
    $('signout').hidden = true;
    renderHeader();
    if (clearMessage) show('', 'ok');
    $('token-input').focus();
  }

  // Whether `candidate` may run this meeting (WhoAmI): its chair's token or
  // the secretariat's. Otherwise says whose it is and where it belongs.
  async function mayChair(candidate) {
    let caller;
    try {
      caller = await SPK.api('WhoAmI', {}, candidate);
    } catch (e) {
      show(t('chairTokenRefused', { error: e.message }), 'error');
      return false;
    }
    const info = caller.token || {};
    if (info.role === 'TOKEN_ROLE_SECRETARIAT') return true;
    if (info.role === 'TOKEN_ROLE_CHAIR' && info.scope === meetingId) return true;
    const words = {
      TOKEN_ROLE_CHAIR: t('chairTokenOtherMeeting', { meeting: info.scope || '', here: meetingId }),
      TOKEN_ROLE_DELEGATION: t('chairTokenDelegation', { code: info.scope || '' }),
      TOKEN_ROLE_DISPLAY: t('chairTokenDisplay'),
    }[info.role];
    show(words || t('chairTokenNone'), 'error');
    return false;
  }

  let signingIn = false;  // a second press while the first is asked
  $('signin-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const candidate = $('token-input').value.trim();
    if (!candidate || signingIn) return;
    signingIn = true;
    const allowed = await mayChair(candidate);
    signingIn = false;
    if (!allowed) return;
    token = candidate;
    sessionStorage.setItem(storageKey, token);
    $('token-input').value = '';
    show('', 'ok');
    start();
  });
  $('signout').addEventListener('click', () => signOut());

  // After a reload: the kept token is asked about again (revoked, or
  // another meeting's console opened with it).
  async function resume() {
    if (await mayChair(token)) start(); else signOut(false);
  }

  function start() {
    $('signin').hidden = true;
    $('console').hidden = false;
    $('signout').hidden = false;
    SPK.loadSession(token).then((s) => {
      session = s;
      renderHeader();
      renderStatic();
      if (watch && watch.state) render(watch.state);
    }).catch((e) => {
      show(t('chairLoadRefused', { error: e.message }), 'error');
      if (e.status === 401) signOut(false);
    });
    watch = new SPK.MeetingWatch(meetingId, {
      token,
      onState: (state) => {
        for (const w of versionWaiters.splice(0)) {
          if (watch.version >= w.version) w.resolve(); else versionWaiters.push(w);
        }
        render(state);
      },
      onConnection: (isLive) => {
        live = isLive;
        renderHeader();
      },
      // A revoked or expired token: back to sign-in, saying why.
      onUnauthenticated: (message) => {
        signOut(false);
        show(t('chairSignedOutWhy', { error: message }), 'error');
      },
    });
  }

  // The parts that depend on the session only: the delegations offered,
  // the items one may reply on.
  function renderStatic() {
    if (!session) return;
    $('delegations').replaceChildren(...(session.delegations || []).map((d) =>
      SPK.el('option', { value: d.code }, SPK.delegationName(session, d.code, lang))));
    const m = meetingInfo();
    const select = $('reply-item');
    const chosen = select.value;
    select.replaceChildren(...((m && m.agenda) || []).map((a) =>
      SPK.el('option', { value: a.id }, t('item') + ' ' + a.id + t('displayTitleSeparator') + itemTitle(a.id))));
    if (chosen) select.value = chosen;
  }

  // ---- Rendering ----

  const meetingWords = {
    MEETING_NOT_STARTED: 'notStarted', MEETING_IN_SESSION: 'inSession',
    MEETING_SUSPENDED: 'suspended', MEETING_ADJOURNED: 'adjourned',
  };
  const allowedActions = {
    MEETING_NOT_STARTED: ['MEETING_OPEN'], MEETING_IN_SESSION: ['MEETING_SUSPEND', 'MEETING_ADJOURN'],
    MEETING_SUSPENDED: ['MEETING_RESUME', 'MEETING_ADJOURN'], MEETING_ADJOURNED: [],
  };
  let itemsSignature = '';

  function render(state) {
    if (followCurrent || !state.lists.some((l) => l.item === item)) item = state.currentItem;
    if (pickedItem !== item) {
      picked.clear();
      pickedItem = item;
    }
    renderHeader();
    setText($('meeting-name'), meetingName());
    setText($('meeting-status'), meetingWords[state.status] ? t(meetingWords[state.status]) : '');
    $('meeting-status').dataset.status = state.status;
    const allowed = allowedActions[state.status] || [];
    for (const button of document.querySelectorAll('[data-meeting-action]')) {
      button.disabled = !allowed.includes(button.dataset.meetingAction);
    }

    // The lists, rebuilt only when they change (an open drop-down stays).
    const labels = state.lists.map((l) => [l.item,
      l.item === state.currentItem ? t('chairCurrentMark', { list: listName(l) }) : listName(l)]);
    const signature = JSON.stringify([labels, item]);
    if (signature !== itemsSignature) {
      itemsSignature = signature;
      $('item-select').replaceChildren(...labels.map(([id, label]) =>
        SPK.el('option', { value: id, selected: id === item }, label)));
    }
    $('make-current').disabled = item === state.currentItem || item === 'reply';

    const list = currentList();
    if (!list) return;
    renderListStatus(list);
    renderFloor(state, list);
    renderPoints(state.points || {});
    renderReplies(state);
    renderWaiting(list);
    tick();
  }

  function renderListStatus(list) {
    const s = list.settings || {};
    let text = {
      LIST_OPEN: t('chairListOpen'), LIST_CLOSED: t('chairListClosed'), LIST_NOT_YET_OPEN: t('chairListNotYetOpen'),
    }[list.status] || '';
    if (list.closedByChair && list.status === 'LIST_CLOSED') text = t('chairByChair', { status: text });
    if (list.status === 'LIST_OPEN' && s.closesAt) text += t('displayJoin') + t('closesAt', { time: dateText(s.closesAt) });
    if (list.status === 'LIST_NOT_YET_OPEN' && s.opensAt) text += t('displayJoin') + t('opensAt', { time: dateText(s.opensAt) });
    text += t('displayJoin') + t('chairTimeEach', { time: timeText(SPK.parseDuration(s.speakingTime)) });
    setText($('list-status'), text);
    $('list-status').title = text;
    $('list-status').dataset.status = list.status;
    $('close-list').disabled = list.status === 'LIST_CLOSED';
    $('open-list').disabled = list.status === 'LIST_OPEN';
    $('settings-open').disabled = list.item === 'reply';
  }

  function renderFloor(state, list) {
    const current = list.current && list.current.entry;
    setText($('current-name'), current ? nameOf(current) + ' (' + current.delegation + ')' : t('nobodyHasTheFloor'));
    $('current-name').classList.toggle('empty', !current);
    setText($('current-speaker'), current ? SPK.speakerLine(current.speaker) : '');
    // One floor per meeting: say where it is when another list has it.
    const elsewhere = !current && state.lists.find((l) => l.current && l.item !== list.item);
    setText($('clock-note'), elsewhere ? t('chairFloorElsewhere', { list: listName(elsewhere) }) : '');
    // While a point of order is heard, nobody is called and no clock runs.
    const point = Boolean(state.points && state.points.heard);
    const waiting = list.waiting || [];
    $('next').disabled = point || (!waiting.length && !current);
    $('timer-toggle').disabled = point || !current;
    for (const id of ['add-minute', 'less-time', 'timer-reset', 'end-statement', 'current-absent', 'current-limit']) {
      $(id).disabled = !current;
    }
    $('undo-next').disabled = point || !list.canUndoNext;
    $('readd-last').disabled = !list.spokenCount || list.item === 'reply';
  }

  // The points of order: the one heard above the floor, the queue in
  // order of arrival with Grant and Dismiss.
  function renderPoints(points) {
    const heard = points.heard;
    $('point-heard').hidden = !heard;
    if (heard) {
      const p = heard.point || {};
      setText($('point-heard-text'),
        (p.kind === 'POINT_QUESTION' ? t('question') : t('pointOfOrder')) + t('displayTitleSeparator') + nameOf(p) +
        (heard.interruptedDelegation
          ? ' (' + t('interrupted', { name: nameOf({ delegation: heard.interruptedDelegation }) }) + ')' : ''));
    }
    const waiting = points.waiting || [];
    setText($('points-count'), '(' + waiting.length + ')');
    const rows = waiting.map((p, i) => SPK.el('tr', { 'data-delegation': p.delegation },
      SPK.el('td', { class: 'ch-pos' }, String(i + 1)),
      SPK.el('td', {}, SPK.el('bdi', {}, nameOf(p)), ' ', SPK.el('span', { class: 'c-tier' }, p.delegation),
        SPK.el('div', { class: 'c-tier' },
          (p.kind === 'POINT_QUESTION' ? t('question') : t('pointOfOrder')) + t('displayJoin') +
          t('chairRaisedAt', { time: clockTime(p.raisedAt) }))),
      SPK.el('td', { class: 'c-actions' },
        SPK.el('button', {
          class: 'small primary', disabled: Boolean(heard), title: t('chairGrantHelp', { name: nameOf(p) }),
          onclick: () => grant(p.delegation),
        }, t('chairGrant')),
        SPK.el('button', {
          class: 'small danger', title: t('chairDismissHelp'),
          onclick: () => dismiss(p),
        }, t('chairDismiss')))));
    if (!rows.length) rows.push(SPK.el('tr', {}, SPK.el('td', { class: 'c-muted' }, t('chairNoPoints'))));
    $('points').replaceChildren(...rows);
  }

  // The reply list as it stands (it is run like any list, when chosen).
  function renderReplies(state) {
    const reply = state.lists.find((l) => l.item === 'reply');
    $('reply-panel').hidden = !reply;
    if (!reply) return;
    const waiting = reply.waiting || [];
    setText($('replies-count'), '(' + waiting.length + ')');
    const replyLine = (e) => t('chairReplyOn', { item: e.replyItem || '', n: e.replyNumber || 1 });
    const rows = [];
    if (reply.current) {
      const e = reply.current.entry;
      rows.push(SPK.el('tr', { class: 'mine', 'data-delegation': e.delegation },
        SPK.el('td', { class: 'ch-pos' }, '▶'),
        SPK.el('td', {}, SPK.el('bdi', {}, nameOf(e)), ' ', SPK.el('span', { class: 'c-tier' }, e.delegation),
          SPK.el('div', { class: 'c-tier' }, t('hasTheFloor') + t('displayJoin') + replyLine(e)))));
    }
    waiting.forEach((e, i) => rows.push(SPK.el('tr', { 'data-delegation': e.delegation },
      SPK.el('td', { class: 'ch-pos' }, String(i + 1)),
      SPK.el('td', {}, SPK.el('bdi', {}, nameOf(e)), ' ', SPK.el('span', { class: 'c-tier' }, e.delegation),
        SPK.el('div', { class: 'c-tier' }, [SPK.speakerLine(e.speaker), replyLine(e)].filter(Boolean).join(t('displayJoin')))))));
    if (!rows.length) rows.push(SPK.el('tr', {}, SPK.el('td', { class: 'c-muted' }, t('chairNoReplies'))));
    $('replies').replaceChildren(...rows);
    $('work-replies').disabled = item === 'reply';
    // Replies are on the current item unless the chair chose another.
    if (!replyItemChosen && state.currentItem && state.currentItem !== 'reply') {
      $('reply-item').value = state.currentItem;
    }
  }

  // The waiting list. Each entry keeps its row (by entry id) from one
  // update to the next; only what changed is rewritten and only rows out
  // of place are moved, so the focus, the selection and the scroll stay.
  const rowsById = new Map();

  function makeRow() {
    const row = SPK.el('tr', { draggable: 'true' });
    const c = {};
    c.box = SPK.el('input', { type: 'checkbox', class: 'pick' });
    c.box.addEventListener('change', () => {
      if (c.box.checked) picked.add(row.entry.delegation); else picked.delete(row.entry.delegation);
      updatePickControls();
    });
    c.pos = SPK.el('td', { class: 'ch-pos' });
    c.name = SPK.el('bdi', { class: 'ch-name-text' });
    c.code = SPK.el('span', { class: 'c-tier' });
    c.nameCell = SPK.el('td', { class: 'ch-name' }, c.name, ' ', c.code);
    c.speaker = SPK.el('td', { class: 'ch-speaker', dir: 'auto' });
    c.time = SPK.el('td', { class: 'ch-time' });
    c.up = SPK.el('button', { class: 'small', onclick: () => move(row.entry, row.position - 1) }, '↑');
    c.down = SPK.el('button', { class: 'small', onclick: () => move(row.entry, row.position + 1) }, '↓');
    c.limit = SPK.el('button', { class: 'small', onclick: () => openLimit(row.entry, false) });
    c.absent = SPK.el('button', { class: 'small', onclick: (event) => markAbsent(row.entry, row.position, false, event) });
    c.remove = SPK.el('button', { class: 'small danger', onclick: (event) => removeEntry(row.entry, row.position, event) });
    row.append(SPK.el('td', { class: 'ch-pick' }, c.box), c.pos, c.nameCell, c.speaker, c.time,
      SPK.el('td', { class: 'c-actions' }, c.up, c.down, c.limit, c.absent, c.remove));
    row.cells_ = c;
    row.addEventListener('dragstart', (event) => {
      event.dataTransfer.setData('text/plain', row.entry.delegation);
      row.classList.add('dragging');
    });
    row.addEventListener('dragend', () => row.classList.remove('dragging'));
    row.addEventListener('dragover', (event) => { event.preventDefault(); row.classList.add('drop-target'); });
    row.addEventListener('dragleave', () => row.classList.remove('drop-target'));
    row.addEventListener('drop', (event) => {
      event.preventDefault();
      row.classList.remove('drop-target');
      const dragged = event.dataTransfer.getData('text/plain');
      if (dragged && dragged !== row.entry.delegation) move({ delegation: dragged }, row.position);
    });
    return row;
  }

  function fillRow(row, entry, position, count, reply) {
    const c = row.cells_;
    row.entry = entry;
    row.position = position;
    row.dataset.delegation = entry.delegation;
    const name = nameOf(entry);
    c.box.checked = picked.has(entry.delegation);
    c.box.setAttribute('aria-label', t('chairSelect', { name }));
    setText(c.pos, String(position));
    setText(c.name, name);
    setText(c.code, entry.delegation);
    c.nameCell.title = entry.tier || '';
    const parts = [SPK.speakerLine(entry.speaker)];
    if (entry.onBehalfOf) parts.push(t('onBehalfOf', { group: entry.onBehalfOf }));
    if (reply) parts.push(t('chairReplyOn', { item: entry.replyItem || '', n: entry.replyNumber || 1 }));
    if (entry.receipt && entry.receipt.number) parts.push(t('chairReceipt', { n: entry.receipt.number }));
    const speaker = parts.filter(Boolean).join(t('displayJoin'));
    setText(c.speaker, speaker);
    c.speaker.title = speaker;
    setText(c.time, timeText(SPK.parseDuration(entry.timeLimit)));
    c.time.classList.toggle('own', Boolean(entry.ownTimeLimit));
    c.time.title = entry.ownTimeLimit ? t('chairOwnTimeSet') : t('chairListTime');
    c.up.disabled = position === 1;
    c.down.disabled = position === count;
    c.up.title = t('chairMoveUp');
    c.down.title = t('chairMoveDown');
    setText(c.limit, t('chairRowTime'));
    c.limit.title = t('chairRowTimeHelp', { name });
    setText(c.absent, t('chairRowAbsent'));
    c.absent.title = t('chairRowAbsentHelp', { name });
    setText(c.remove, t('chairRowRemove'));
    c.remove.title = t('chairRowRemoveHelp', { name });
    row.classList.toggle('picked', c.box.checked);
  }

  function renderWaiting(list) {
    const waiting = list.waiting || [];
    const present = new Set(waiting.map((e) => e.delegation));
    for (const code of picked) if (!present.has(code)) picked.delete(code);
    setText($('waiting-count'), '(' + waiting.length + ')');
    const tbody = $('waiting');
    const seen = new Set();
    const rows = waiting.map((entry, i) => {
      const key = list.item + '#' + entry.id;
      seen.add(key);
      let row = rowsById.get(key);
      if (!row) {
        row = makeRow();
        rowsById.set(key, row);
      }
      fillRow(row, entry, i + 1, waiting.length, list.item === 'reply');
      return row;
    });
    for (const [key, row] of rowsById) {
      if (!seen.has(key)) {
        row.remove();
        rowsById.delete(key);
      }
    }
    const empty = $('waiting-empty');
    if (!rows.length && !empty) {
      tbody.append(SPK.el('tr', { id: 'waiting-empty' }, SPK.el('td', { colspan: '6', class: 'c-muted' }, t('chairNobodyWaiting'))));
    } else if (rows.length && empty) {
      empty.remove();
    } else if (empty) {
      setText(empty.firstElementChild, t('chairNobodyWaiting'));
    }
    let at = tbody.firstElementChild;
    for (const row of rows) {
      if (row === at) {
        at = at.nextElementSibling;
      } else {
        tbody.insertBefore(row, at);
      }
    }
    updatePickControls();
  }

  function pickedList() {
    const list = currentList();
    return ((list && list.waiting) || []).map((e) => e.delegation).filter((code) => picked.has(code));
  }

  function updatePickControls() {
    const n = picked.size;
    setText($('picked-count'), n ? t('chairPickedCount', { n }) : '');
    $('swap').disabled = n !== 2;
    $('move-go').disabled = n !== 1 || !$('move-to').value.trim();
    $('pick-clear').disabled = n === 0;
    for (const row of $('waiting').children) {
      if (row.cells_) row.classList.toggle('picked', row.cells_.box.checked);
    }
  }

  function clearPicked() {
    picked.clear();
    for (const row of $('waiting').children) if (row.cells_) row.cells_.box.checked = false;
    updatePickControls();
  }

  // The clock, drawn locally like the room display's.
  function tick() {
    const state = watch && watch.state;
    const heard = state && state.points && state.points.heard;
    if (heard) {
      const elapsed = Math.max(0, watch.clock.now() - SPK.parseTime(heard.grantedAt));
      setText($('point-clock'), SPK.clockText(heard.limit ? SPK.parseDuration(heard.limit) - elapsed : elapsed));
    }
    const list = currentList();
    const clock = $('clock');
    const timer = list && list.current ? SPK.timerAt(list.current.timer, watch.clock.now()) : null;
    const toggle = $('timer-toggle-text');
    if (!timer) {
      setText(clock, '–:––');
      clock.className = 'c-clock';
      setText(toggle, t('chairStart'));
      return;
    }
    setText(clock, SPK.clockText(timer.remaining));
    const over = timer.remaining <= 0;
    const warning = !over && timer.warning > 0 && timer.remaining <= timer.warning;
    clock.className = 'c-clock' + (over ? ' overrun' : warning ? ' warning' : '') +
                      (timer.state === 'TIMER_PAUSED' ? ' paused' : '');
    setText(toggle, { TIMER_RUNNING: t('chairPause'), TIMER_PAUSED: t('chairResume') }[timer.state] || t('chairStart'));
  }
  setInterval(() => { if (watch) tick(); }, 100);

  // ---- The floor ----

  function floorEntry() {
    const list = currentList();
    return list && list.current ? list.current.entry : null;
  }

  // A refused "next" because the floor had already moved on (another press
  // or another console got there first): the calm words, else ''.
  async function alreadyMoved(error, ref, expected) {
    if (error.code !== 'FAILED_PRECONDITION') return '';
    let actual;
    try {
      const l = await SPK.api('GetList', ref, token);
      actual = l.current && l.current.entry ? l.current.entry : null;
    } catch (e) {
      return '';
    }
    if ((actual ? actual.delegation : '') === expected) return '';
    return actual ? t('chairAlreadyCalled', { name: nameOf(actual) }) : t('chairAlreadyEnded');
  }

  function next() {
    const list = currentList();
    if (!list || $('next').disabled) return;
    const busy = gateBusy('next');
    if (busy) {
      // The press before is on its way, or its result not yet on screen.
      if (busy.reply && busy.reply.entry) show(t('chairAlreadyCalled', { name: nameOf(busy.reply.entry) }), 'note');
      return;
    }
    const current = list.current && list.current.entry;
    const expected = current ? current.delegation : '';
    const ref = listRef();
    // The guard against advancing twice: who we believe has the floor.
    const floorNow = () => {
      const l = watch && watch.list(ref.item);
      return l && l.current ? l.current.entry.delegation : '';
    };
    gatedRun('next', t('chairActNext'), 'CallNext', { list: ref, expectedCurrent: expected },
      { calm: (e) => alreadyMoved(e, ref, expected), unchanged: () => floorNow() === expected });
  }

  function toggleTimer() {
    const list = currentList();
    if (!list || $('timer-toggle').disabled || gateBusy('timer')) return;
    const state = list.current && list.current.timer ? list.current.timer.state : '';
    const action = { TIMER_RUNNING: 'TIMER_PAUSE', TIMER_PAUSED: 'TIMER_RESUME' }[state] || 'TIMER_START';
    const words = { TIMER_PAUSE: 'chairActPause', TIMER_RESUME: 'chairActResume', TIMER_START: 'chairActStart' };
    gatedRun('timer', t(words[action]), 'Timer', { list: listRef(), action });
  }

  function undoNext() {
    const list = currentList();
    if (!list || !list.canUndoNext || $('undo-next').disabled || gateBusy('undo-next')) return;
    gatedRun('undo-next', t('chairActUndoNext'), 'UndoNext', { list: listRef() });
  }

  function readdLast() {
    if ($('readd-last').disabled || gateBusy('readd')) return;
    gatedRun('readd', t('chairActReadd'), 'ReaddLast', { list: listRef() });
  }

  function addTime(seconds) {
    if (!floorEntry()) return;
    run(t(seconds > 0 ? 'chairActAddMinute' : 'chairActLessTime'), 'AddTime', { list: listRef(), delta: seconds + 's' });
  }

  // End statement and Reset clock ask first, naming the speaker; on Yes
  // they act only if that speaker still has the floor.
  function confirmFloor(questionKey, noteKey, okKey, whatKey, method, body) {
    const entry = floorEntry();
    if (!entry) return;
    const ref = listRef();
    const name = nameOf(entry);
    ask(t(questionKey, { name }), t(noteKey), t(okKey), () => {
      const l = watch.list(ref.item);
      const now = l && l.current ? l.current.entry.delegation : '';
      if (now !== entry.delegation) {
        show(t('chairNotDoneFloorMoved', { name }), 'note');
        return;
      }
      run(t(whatKey, { name }), method, Object.assign({ list: ref }, body));
    });
  }

  function endStatement() {
    if ($('end-statement').disabled) return;
    confirmFloor('chairConfirmEnd', 'chairConfirmEndNote', 'chairYesEnd', 'chairActEnd', 'EndStatement', {});
  }

  function resetClock() {
    if ($('timer-reset').disabled) return;
    confirmFloor('chairConfirmReset', 'chairConfirmResetNote', 'chairYesReset', 'chairActReset', 'Timer',
      { action: 'TIMER_RESET' });
  }

  $('next').addEventListener('click', next);
  $('timer-toggle').addEventListener('click', toggleTimer);
  $('undo-next').addEventListener('click', undoNext);
  $('readd-last').addEventListener('click', readdLast);
  $('add-minute').addEventListener('click', () => addTime(60));
  $('less-time').addEventListener('click', () => addTime(-30));
  $('end-statement').addEventListener('click', endStatement);
  $('timer-reset').addEventListener('click', resetClock);
  $('current-absent').addEventListener('click', (event) => {
    const entry = floorEntry();
    if (entry) markAbsent(entry, 0, true, event);
  });
  $('current-limit').addEventListener('click', () => {
    const entry = floorEntry();
    if (entry) openLimit(entry, true);
  });
  $('end-point').addEventListener('click', () => {
    if (gateBusy('point')) return;
    gatedRun('point', t('chairActEndPoint'), 'EndPoint', { meeting: meetingId });
  });

  // ---- Points of order ----

  function grant(delegation) {
    const state = watch && watch.state;
    if (!state || (state.points && state.points.heard) || gateBusy('point')) return;
    const p = ((state.points && state.points.waiting) || []).find((x) => x.delegation === delegation);
    if (!p) return;
    gatedRun('point', t('chairActGrant', { name: nameOf(p) }), 'GrantPoint',
      { meeting: meetingId, delegation });
  }

  function grantFirst() {
    const waiting = (watch && watch.state && watch.state.points && watch.state.points.waiting) || [];
    if (waiting.length) grant(waiting[0].delegation);
  }

  function dismiss(point) {
    const name = nameOf(point);
    const delegation = point.delegation;
    ask(t('chairConfirmDismiss', { name }), t('chairConfirmDismissNote'), t('chairYesDismiss'), () =>
      run(t('chairActDismiss', { name }), 'DismissPoint', { meeting: meetingId, delegation }));
  }

  // ---- The waiting list ----

  function move(entry, position) {
    const name = nameOf(entry);
    return run(t('chairActMove', { name, n: position }), 'Move',
      { list: listRef(), delegation: entry.delegation, position });
  }

  // Remove and Absent: the second press of a double click, or a press at
  // the same place soon after, is ignored (the row under the mouse may be
  // another one by then).
  let lastDestructive = { x: 0, y: 0, at: 0 };
  function secondPress(event) {
    if (!event || !event.detail) return false;  // the keyboard
    if (event.detail > 1) return true;
    const again = Math.abs(event.clientX - lastDestructive.x) < 12 &&
                  Math.abs(event.clientY - lastDestructive.y) < 12 && Date.now() - lastDestructive.at < DOUBLE_MS;
    lastDestructive = { x: event.clientX, y: event.clientY, at: Date.now() };
    return again;
  }

  function receiptText(entry) {
    const r = entry.receipt || {};
    if (!r.number) return '';
    return t('chairReceiptAt', { n: r.number, time: dateText(r.at) });
  }

  function removeEntry(entry, position, event) {
    if (secondPress(event)) return;
    const ref = listRef();
    const name = nameOf(entry);
    const what = t('chairActRemove', { name });
    const details = [SPK.speakerLine(entry.speaker), receiptText(entry)].filter(Boolean).join(t('displayJoin'));
    if (ref.item === 'reply') {
      // A right of reply is not given back by re-adding: ask first.
      ask(t('chairConfirmRemoveReply', { name }), details, t('chairYesRemove'), () =>
        run(what, 'Remove', { list: ref, delegation: entry.delegation }));
      return;
    }
    run(what, 'Remove', { list: ref, delegation: entry.delegation }, { done: false }).then((reply) => {
      if (!reply) return;
      picked.delete(entry.delegation);
      offerUndo(t('chairRemoved', { name, n: position, details }), () => putBack(entry, position, ref));
    });
  }

  function markAbsent(entry, position, wasCurrent, event) {
    if (secondPress(event)) return;
    const ref = listRef();
    const name = nameOf(entry);
    // The speaker called is guarded against a double press like "next".
    if (wasCurrent && gateBusy('absent')) return;
    const what = t('chairActAbsent', { name });
    const body = { list: ref, delegation: entry.delegation };
    const sent = wasCurrent ? gatedRun('absent', what, 'MarkAbsent', body, { done: false })
                            : run(what, 'MarkAbsent', body, { done: false });
    sent.then((reply) => {
      if (!reply) return;
      const absence = (reply.events || []).find((e) => e.kind === 'dropped' || e.kind === 'marked_absent');
      const dropped = absence && absence.kind === 'dropped';
      const text = dropped ? t('chairAbsentDropped', { name })
        : t('chairAbsentMoved', { name, n: (absence && absence.position) || '' });
      // Undo puts it back where it stood; the speaker who had the floor,
      // next in line.
      offerUndo(text, () => putBack(entry, wasCurrent ? 1 : position, ref));
    });
  }

  $('swap').addEventListener('click', swapPicked);
  function swapPicked() {
    const codes = pickedList();
    if (codes.length !== 2) return;
    const [first, second] = codes;
    run(t('chairActSwap', { first: nameOf({ delegation: first }), second: nameOf({ delegation: second }) }), 'Swap',
      { list: listRef(), first, second }).then((reply) => { if (reply) clearPicked(); });
  }

  $('move-to').addEventListener('input', updatePickControls);
  $('move-to').addEventListener('keydown', (event) => {
    if (event.key === 'Enter') { event.preventDefault(); movePicked(); }
  });
  $('move-go').addEventListener('click', movePicked);
  function movePicked() {
    const codes = pickedList();
    const list = currentList();
    if (codes.length !== 1 || !list) return;
    const count = (list.waiting || []).length;
    const text = $('move-to').value.trim();
    const n = /^\d+$/.test(text) ? Number(text) : NaN;
    if (!(n >= 1 && n <= count)) {
      show(t('chairBadPlace', { text, count }), 'error');
      return;
    }
    move({ delegation: codes[0] }, n).then((reply) => {
      if (!reply) return;
      $('move-to').value = '';
      clearPicked();
    });
  }
  $('pick-clear').addEventListener('click', clearPicked);

  // ---- A speaker's own time ----

  let limitTarget = null;  // { entry, ref }, fixed when the dialog opened

  function openLimit(entry, isCurrent) {
    limitTarget = { entry, ref: listRef() };
    const name = nameOf(entry);
    $('limit-text').textContent = t(isCurrent ? 'chairLimitTitleCurrent' : 'chairLimitTitle', { name });
    $('limit-label').textContent = t('chairOwnTimeField');
    $('limit-input').value = entry.ownTimeLimit ? timeText(SPK.parseDuration(entry.timeLimit)) : '';
    $('limit-input').placeholder = timeText(SPK.parseDuration(entry.timeLimit));
    $('limit-note').textContent = t('chairLimitNote');
    $('limit-error').textContent = '';
    $('limit-dialog').showModal();
    $('limit-input').focus();
    $('limit-input').select();
  }
  $('limit-cancel').addEventListener('click', () => $('limit-dialog').close());
  $('limit-dialog').addEventListener('close', () => { limitTarget = null; });
  $('limit-ok').addEventListener('click', shield);
  $('limit-form').addEventListener('submit', (event) => {
    event.preventDefault();
    if (!limitTarget) return;
    const { entry, ref } = limitTarget;
    const text = $('limit-input').value.trim();
    const body = { list: ref, delegation: entry.delegation };
    if (text) {
      const parsed = parseLimit(text);
      if (parsed.error) {
        $('limit-error').textContent = parsed.error;
        return;
      }
      body.limit = SPK.durationJson(parsed.ms);
    }
    $('limit-dialog').close();
    run(t('chairActLimit', { name: nameOf(entry) }), 'SetTimeLimit', body);
  });

  // ---- The list's settings ----

  let settingsTarget = null;  // the list ref, fixed when the dialog opened

  function openSettings() {
    const list = currentList();
    if (!list || list.item === 'reply') return;
    settingsTarget = listRef();
    const s = list.settings || {};
    const zone = session && session.timeZone;
    const duration = (d) => (d ? timeText(SPK.parseDuration(d)) : '');
    $('settings-title').textContent = t('chairSettingsTitle', { list: listName(list) });
    $('set-speaking').value = duration(s.speakingTime);
    $('set-warning').value = s.warning ? duration(s.warning) : '';
    $('set-observer').value = duration(s.observerTime);
    $('set-group').value = duration(s.groupTime);
    $('set-policy').value = s.policy && s.policy !== 'POLICY_KIND_UNSPECIFIED' ? s.policy : 'POLICY_MINISTERIAL_FIRST';
    $('set-groups-first').checked = Boolean(s.groupsFirst);
    $('set-absent').value = s.absent === 'ABSENT_DROP' ? 'ABSENT_DROP' : 'ABSENT_MOVE_TO_END_OF_TIER';
    $('set-opens').value = s.opensAt ? wallClock(SPK.parseTime(s.opensAt), zone) : '';
    $('set-closes').value = s.closesAt ? wallClock(SPK.parseTime(s.closesAt), zone) : '';
    $('set-opens-label').textContent = t('chairOpensAt', { zone: zone || 'UTC' });
    $('set-closes-label').textContent = t('chairClosesAt', { zone: zone || 'UTC' });
    $('settings-error').textContent = '';
    $('settings').showModal();
    $('set-speaking').focus();
  }
  $('settings-open').addEventListener('click', openSettings);
  $('settings-cancel').addEventListener('click', () => $('settings').close());
  $('settings').addEventListener('close', () => { settingsTarget = null; });
  $('settings-ok').addEventListener('click', shield);
  $('settings-form').addEventListener('submit', (event) => {
    event.preventDefault();
    if (!settingsTarget) return;
    const ref = settingsTarget;
    const zone = session && session.timeZone;
    const errors = [];
    const limit = (id, label, required) => {
      const text = $(id).value.trim();
      if (!text) {
        if (required) errors.push(t('chairRequired', { field: label }));
        return '0s';  // zero clears (observers' and groups' time)
      }
      const parsed = parseLimit(text);
      if (parsed.error) { errors.push(label + t('chairColon') + parsed.error); return null; }
      return SPK.durationJson(parsed.ms);
    };
    const settings = {
      speakingTime: limit('set-speaking', t('chairSpeakingTime'), true),
      observerTime: limit('set-observer', t('chairObserverTime'), false),
      groupTime: limit('set-group', t('chairGroupTime'), false),
      policy: $('set-policy').value,
      groupsFirst: $('set-groups-first').checked,
      absent: $('set-absent').value,
    };
    const warningText = $('set-warning').value.trim();
    if (warningText) {
      const ms = parseDurationText(warningText);
      if (ms === null) errors.push(t('chairWarning') + t('chairColon') + t('chairBadDuration', { text: warningText }));
      else settings.warning = SPK.durationJson(ms);
    } else {
      settings.warning = '0s';
    }
    for (const [id, field] of [['set-opens', 'opensAt'], ['set-closes', 'closesAt']]) {
      const text = $(id).value;
      if (!text) continue;  // none scheduled
      const ms = fromWallClock(text, zone);
      if (!Number.isFinite(ms)) errors.push(t('chairBadDate', { text }));
      else settings[field] = new Date(ms).toISOString();
    }
    if (errors.length) {
      $('settings-error').textContent = errors.join(' ');
      return;
    }
    $('settings').close();
    run(t('chairActSettings'), 'ConfigureList', { list: ref, settings });
  });

  // ---- The meeting and its lists ----

  const meetingActionWords = {
    MEETING_OPEN: 'chairActMeetingOpen', MEETING_SUSPEND: 'chairActMeetingSuspend',
    MEETING_RESUME: 'chairActMeetingResume', MEETING_ADJOURN: 'chairActMeetingAdjourn',
  };
  for (const button of document.querySelectorAll('[data-meeting-action]')) {
    button.addEventListener('click', () => {
      const action = button.dataset.meetingAction;
      const go = () => run(t(meetingActionWords[action]), 'ChangeMeeting', { meeting: meetingId, action });
      if (action === 'MEETING_ADJOURN') {
        ask(t('chairConfirmAdjourn', { meeting: meetingName() }), t('chairConfirmAdjournNote'), t('chairYesAdjourn'), go);
      } else {
        go();
      }
    });
  }

  $('close-list').addEventListener('click', () => {
    const list = currentList();
    if (!list) return;
    const ref = listRef();
    ask(t('chairConfirmClose', { list: listName(list) }), t('chairConfirmCloseNote'), t('chairYesClose'), () =>
      run(t('chairActClose'), 'CloseList', { list: ref }));
  });
  $('open-list').addEventListener('click', () => run(t('chairActOpen'), 'OpenList', { list: listRef() }));
  $('make-current').addEventListener('click', () =>
    run(t('chairActCurrent', { item }), 'SetCurrentItem', { meeting: meetingId, item }));
  $('item-select').addEventListener('change', (event) => {
    item = event.target.value;
    followCurrent = false;
    if (watch && watch.state) render(watch.state);
  });
  $('work-replies').addEventListener('click', () => {
    item = 'reply';
    followCurrent = false;
    if (watch && watch.state) render(watch.state);
  });

  // ---- Adding a speaker, a right of reply ----

  $('add-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const delegation = $('add-delegation').value.trim().toUpperCase();
    const body = {
      list: listRef(), delegation,
      speaker: { name: $('add-name').value.trim(), title: $('add-title').value.trim(), rank: $('add-rank').value },
      onBehalfOf: $('add-behalf').value.trim(),
    };
    const what = t('chairActAdd', { name: nameOf({ delegation }) });
    const limit = $('add-limit').value.trim();
    if (limit) {
      const parsed = parseLimit(limit);
      if (parsed.error) {
        show(what + ' — ' + parsed.error, 'error');
        return;
      }
      body.timeLimit = SPK.durationJson(parsed.ms);
    }
    if (await run(what, 'AddSpeaker', body)) event.target.reset();
  });

  $('reply-item').addEventListener('change', () => { replyItemChosen = true; });
  $('reply-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const delegation = $('reply-delegation').value.trim().toUpperCase();
    const body = {
      meeting: meetingId, item: $('reply-item').value, delegation,
      speaker: { name: $('reply-name').value.trim() },
    };
    if (await run(t('chairActReply', { name: nameOf({ delegation }) }), 'AddReply', body)) {
      $('reply-delegation').value = '';
      $('reply-name').value = '';
    }
  });

  // ---- Keyboard ----

  // Not while typing in a field (a check box is no field), with a
  // modifier, or while a dialog is open (Escape closes it, natively).
  // Letters by their key's place (event.code), so that they work with an
  // Arabic, Russian or Chinese keyboard layout too.
  const typingIn = (target) => target.closest &&
    target.closest('input:not([type=checkbox]), select, textarea, [contenteditable]');
  const byCode = {
    KeyN: next, KeyP: toggleTimer, Space: toggleTimer, KeyU: undoNext, KeyR: readdLast,
    KeyE: endStatement, KeyG: grantFirst, KeyS: swapPicked, KeyZ: takeUndo,
    KeyA: () => { const e = floorEntry(); if (e) markAbsent(e, 0, true); },
    KeyT: () => { const e = floorEntry(); if (e) openLimit(e, true); },
    NumpadAdd: () => addTime(60), NumpadSubtract: () => addTime(-30),
    Slash: () => $('add-delegation').focus(), NumpadDivide: () => $('add-delegation').focus(),
  };
  const byKey = { '+': () => addTime(60), '=': () => addTime(60), '-': () => addTime(-30), '−': () => addTime(-30) };
  document.addEventListener('keydown', (event) => {
    if (!token || $('console').hidden || event.ctrlKey || event.metaKey || event.altKey) return;
    if (document.querySelector('dialog[open]')) return;
    if (typingIn(event.target)) return;
    if (event.key === 'Escape') {
      clearPicked();
      return;
    }
    const action = byKey[event.key] || byCode[event.code];
    if (!action || event.repeat) {
      if (event.code === 'Space') event.preventDefault();  // no click on a focused button
      return;
    }
    event.preventDefault();
    action();
  }, true);
  // On a focused button, Space is the shortcut, not a click.
  document.addEventListener('keyup', (event) => {
    if (event.code === 'Space' && !typingIn(event.target) && !document.querySelector('dialog[open]')) {
      event.preventDefault();
    }
  }, true);

  window.SPK_CHAIR = {
    get watch() { return watch; },
    get picked() { return [...picked]; },
    parseLimit,
  };

  translate();
  if (token) resume(); else signOut();
})();
