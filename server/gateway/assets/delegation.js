// The delegation page (/delegation): inscribe, change the speaker or rank,
// withdraw (after a confirmation), ask for a right of reply; the
// delegation's position and expected start, live. Of other delegations it
// shows only the public list's order and names. Sign-in takes the token
// alone: the server says whose it is (WhoAmI); token and code are kept in
// sessionStorage and checked again on a reload. Each action carries a request id of its own
// (SPK.commandRunner), reused by its Retry. The words are in the user's
// language (I18N.pick, changed with the picker at the top; the page is
// redrawn in place), right to left for Arabic.
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);
  const storage = { code: 'speakers.delegation.code', token: 'speakers.delegation.token' };
  // Times of day per language, Western digits everywhere (as the clock).
  const timeLocales = {
    ar: 'ar-u-nu-latn', zh: 'zh-CN', en: 'en-GB', fr: 'fr-FR', ru: 'ru-RU', es: 'es-ES',
  };

  let lang = I18N.pick(SPK.param('lang'));
  const t = (key, values) => I18N.t(lang, key, values);
  let code = sessionStorage.getItem(storage.code) || '';
  let token = sessionStorage.getItem(storage.token) || '';
  let session = null;
  let watch = null;
  let live = null;  // null: signed out; true: live; false: reconnecting
  let meetingId = SPK.param('meeting') || '';
  let item = null;
  let followCurrent = true;
  let positions = {};  // item -> Position (GetPosition), refreshed on each change
  let refreshTimer = null;
  // What the open confirmation withdraws, fixed when it opened: { method,
  // body, what } (a list's place, or the point of order); null when no
  // confirmation is open.
  let pendingWithdraw = null;

  const { show, run } = SPK.commandRunner('message', () => token, () => signOut(false), t);

  // ---- Language ----

  // The fixed words, the header and, once signed in, the whole page in `lang`.
  function translate() {
    I18N.apply(lang);
    renderHeader();
    if (session) renderMeetings();
    if (watch && watch.state) render(watch.state);
  }

  I18N.picker($('lang'), lang, (chosen) => {
    lang = chosen;
    translate();
  });

  function renderHeader() {
    const mine = session && session.byCode[code];
    if (mine) {
      const name = SPK.delegationName(session, code, lang);
      $('title').textContent = name + ' (' + code + ')';
      document.title = t('delegationPageTitle', { name });
    } else {
      $('title').textContent = t('delegationTitle');
      document.title = t('delegationTitle');
    }
    $('live').textContent = live === null ? t('delegationSignedOut')
      : live ? t('delegationLive') : t('delegationReconnecting');
    $('live').classList.toggle('offline', live !== true);
  }

  // ---- Sign in ----

  function signOut(clearMessage = true) {
    sessionStorage.removeItem(storage.code);
    sessionStorage.removeItem(storage.token);
    code = '';
    token = '';
    session = null;
    if (watch) watch.close();
    watch = null;
    live = null;
    closeConfirm();
    $('page').hidden = true;
    $('signin').hidden = false;
    $('signout').hidden = true;
    renderHeader();
    if (clearMessage) show('', 'ok');
  }

  // Whose `candidate` is (WhoAmI): the delegation's code, or null after
  // saying why it cannot sign in here (refused, or another role's token).
  async function delegationOf(candidate) {
    let caller;
    try {
      caller = await SPK.api('WhoAmI', {}, candidate);
    } catch (e) {
      show(t('delegationTokenRefused', { error: e.message }), 'error');
      return null;
    }
    const info = caller.token || {};
    if (info.role === 'TOKEN_ROLE_DELEGATION' && info.scope) return info.scope;
    const words = {
      TOKEN_ROLE_CHAIR: t('delegationTokenChair', { meeting: info.scope || '' }),
      TOKEN_ROLE_SECRETARIAT: t('delegationTokenSecretariat'),
      TOKEN_ROLE_DISPLAY: t('delegationTokenDisplay'),
    }[info.role];
    show(words || t('delegationTokenNone'), 'error');
    return null;
  }

  let signingIn = false;  // a second press while the first is asked
  $('signin-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const candidate = $('token-input').value.trim();
    if (!candidate || signingIn) return;
    signingIn = true;
    const found = await delegationOf(candidate);
    signingIn = false;
    if (!found) return;
    code = found;
    token = candidate;
    sessionStorage.setItem(storage.code, code);
    sessionStorage.setItem(storage.token, token);
    $('token-input').value = '';
    show('', 'ok');
    start();
  });
  $('signout').addEventListener('click', () => signOut());

  async function start() {
    $('signin').hidden = true;
    $('page').hidden = false;
    $('signout').hidden = false;
    // After a reload: the token may have been revoked, or reissued.
    const found = await delegationOf(token);
    if (found !== code) {
      signOut(false);
      return;
    }
    try {
      session = await SPK.loadSession(token);
    } catch (e) {
      show(t('delegationLoadRefused', { error: e.message }), 'error');
      if (e.status === 401) signOut(false);
      return;
    }
    if (!session.byCode[code]) {
      show(t('delegationUnknownCode', { code }), 'error');
      signOut(false);
      return;
    }
    renderHeader();
    const meetings = session.meetings || [];
    if (!meetings.some((m) => m.id === meetingId)) meetingId = meetings.length ? meetings[0].id : '';
    renderMeetings();
    follow();
  }

  function renderMeetings() {
    const meetings = (session && session.meetings) || [];
    $('meeting-select').replaceChildren(...meetings.map((m) =>
      SPK.el('option', { value: m.id, selected: m.id === meetingId },
        (m.names && m.names[lang]) || m.name || m.id)));
  }

  function follow() {
    if (watch) watch.close();
    positions = {};
    followCurrent = true;
    watch = new SPK.MeetingWatch(meetingId, {
      token,
      onState: (state) => { render(state); scheduleRefresh(); },
      onConnection: (connected) => {
        live = connected;
        renderHeader();
      },
      // A revoked or expired token: back to sign-in, saying why.
      onUnauthenticated: (message) => {
        signOut(false);
        show(t('delegationSignedOutWhy', { error: message }), 'error');
      },
    });
  }

  $('meeting-select').addEventListener('change', (event) => {
    meetingId = event.target.value;
    follow();
  });
  $('item-select').addEventListener('change', (event) => {
    item = event.target.value;
    followCurrent = false;
    if (watch && watch.state) render(watch.state);
  });

  // ---- Positions (the server computes them: GetPosition) ----

  function ownLists(state) {
    return state.lists.filter((l) =>
      (l.current && l.current.entry && l.current.entry.delegation === code) ||
      (l.waiting || []).some((e) => e.delegation === code));
  }

  function scheduleRefresh() {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(refreshPositions, 150);
  }

  async function refreshPositions() {
    if (!watch || !watch.state) return;
    const fresh = {};
    for (const list of ownLists(watch.state)) {
      try {
        fresh[list.item] = await SPK.api('GetPosition',
          { list: { meeting: meetingId, item: list.item }, delegation: code }, token);
      } catch (e) {
        // Gone between the update and the query: the next update redraws.
      }
    }
    positions = fresh;
    renderMine();
  }

  // ---- Rendering ----

  // The agenda item's title in `lang` from the session, else the list's.
  function itemTitle(list) {
    const m = session && (session.meetings || []).find((x) => x.id === meetingId);
    const agendaItem = m && (m.agenda || []).find((a) => a.id === list.item);
    return (agendaItem && agendaItem.titles && agendaItem.titles[lang]) || list.title ||
      (agendaItem && agendaItem.title) || '';
  }

  function listName(list) {
    if (list.item === 'reply') return t('delegationReplyTitle');
    const title = itemTitle(list);
    return t('delegationItem', { item: list.item }) + (title ? ' — ' + title : '');
  }

  function render(state) {
    if (followCurrent || !state.lists.some((l) => l.item === item)) item = state.currentItem;
    $('item-select').replaceChildren(...state.lists.map((l) => SPK.el('option', {
      value: l.item, selected: l.item === item,
    }, l.item === state.currentItem ? t('delegationCurrentList', { list: listName(l) }) : listName(l))));
    const list = watch.list(item);
    if (!list) return;
    $('list-status').textContent = {
      LIST_OPEN: t('delegationListOpen'), LIST_CLOSED: t('delegationListClosed'),
      LIST_NOT_YET_OPEN: t('delegationListNotYetOpen'),
    }[list.status] || '';

    // The public list: order and names only.
    const rows = [];
    const current = list.current && list.current.entry;
    if (current) rows.push(publicRow('▶', current));
    (list.waiting || []).forEach((entry, i) => rows.push(publicRow(String(i + 1), entry)));
    if (!rows.length) {
      rows.push(SPK.el('tr', {}, SPK.el('td', { colspan: '2', class: 'c-muted' }, t('delegationNobody'))));
    }
    $('public-list').replaceChildren(...rows);
    $('list-count').textContent = t('delegationWaitingCount', { count: (list.waiting || []).length });

    const entry = ownEntry(list);
    $('form-title').textContent = entry ? t('delegationFormMine') : t('delegationFormInscribe');
    $('speaker-submit').textContent = entry ? t('delegationChange') : t('delegationInscribe');
    $('withdraw').hidden = !entry || (current && current.delegation === code);
    $('reply').disabled = item === 'reply';
    if (entry && document.activeElement.closest('#speaker-form') === null) {
      $('speaker-name').value = (entry.speaker && entry.speaker.name) || '';
      $('speaker-title').value = (entry.speaker && entry.speaker.title) || '';
      $('speaker-rank').value = (entry.speaker && entry.speaker.rank) || 'RANK_HEAD_OF_DELEGATION';
      $('speaker-behalf').value = entry.onBehalfOf || '';
    }
    renderPoint(state);
    renderMine();
  }

  // The delegation's point of order: raise one, see it wait, withdraw it.
  function renderPoint(state) {
    const points = state.points || {};
    const heard = points.heard && points.heard.point && points.heard.point.delegation === code;
    const waiting = (points.waiting || []).findIndex((p) => p.delegation === code);
    $('raise-point').disabled = heard || waiting >= 0 || state.status !== 'MEETING_IN_SESSION';
    $('raise-question').hidden = !state.questions;
    $('raise-question').disabled = $('raise-point').disabled;
    $('withdraw-point').hidden = waiting < 0;
    $('point-status').textContent = heard ? t('delegationPointMine')
      : waiting >= 0 ? t('delegationPointWaiting', { n: waiting + 1 })
      : points.heard ? t('delegationPointHeard') : '';
  }

  function publicRow(position, entry) {
    const mine = entry.delegation === code;
    return SPK.el('tr', { class: mine ? 'mine' : '' },
      SPK.el('td', {}, position),
      SPK.el('td', {}, SPK.el('bdi', {}, SPK.delegationName(session, entry.delegation, lang, entry.delegationName)),
        mine ? SPK.el('div', { class: 'c-tier' }, SPK.speakerLine(entry.speaker)) : null));
  }

  function ownEntry(list) {
    const current = list.current && list.current.entry;
    if (current && current.delegation === code) return current;
    return (list.waiting || []).find((e) => e.delegation === code) || null;
  }

  function renderMine() {
    if (!watch || !watch.state) return;
    const lists = ownLists(watch.state);
    const now = watch.clock.now();
    const zone = session ? session.timeZone : undefined;
    const blocks = lists.map((list) => {
      const p = positions[list.item];
      const place = !p ? '…' : (p.position || 0) === 0 ? t('delegationFloor') :
        p.position === 1 ? t('delegationNext') :
          t('delegationInLine', { n: p.position });
      let when = '';
      if (p && p.position > 0 && p.expectedStart) {
        const begin = SPK.parseTime(p.expectedStart);
        const minutes = Math.max(0, Math.round((begin - now) / 60000));
        const time = new Intl.DateTimeFormat(timeLocales[lang], {
          hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: zone,
        }).format(new Date(begin));
        when = t('delegationExpected', { time, minutes });
      }
      return SPK.el('div', { class: 'c-row dl-mine' },
        SPK.el('div', { class: 'c-muted' }, listName(list)),
        SPK.el('div', { class: 'c-position' }, place),
        when ? SPK.el('div', {}, when) : null,
        p && p.receipt ? SPK.el('div', { class: 'c-muted' }, t('delegationReceipt', { number: p.receipt.number })) : null);
    });
    $('mine').replaceChildren(...(blocks.length ? blocks
      : [SPK.el('div', { class: 'c-muted' }, t('delegationOnNoList'))]));
  }
  setInterval(renderMine, 5000);

  // ---- Actions ----

  function speaker() {
    return {
      name: $('speaker-name').value.trim(), title: $('speaker-title').value.trim(),
      rank: $('speaker-rank').value,
    };
  }

  $('speaker-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const list = watch && watch.list(item);
    const body = {
      list: { meeting: meetingId, item }, delegation: code, speaker: speaker(),
      onBehalfOf: $('speaker-behalf').value.trim(),
    };
    if (list && ownEntry(list)) run(t('delegationActChange'), 'UpdateSpeaker', body);
    else run(t('delegationInscribe'), 'Inscribe', body);
  });

  // Withdrawing: the dialog names the list and fixes it; Confirm withdraws
  // from that list once (a second tap finds nothing pending), whatever
  // live updates changed on the page meanwhile; Cancel or Escape keep the
  // place.
  function confirmWithdraw(pending, text, note) {
    pendingWithdraw = pending;
    $('confirm-text').textContent = text;
    $('confirm-note').textContent = note;
    $('confirm').showModal();
    $('confirm-cancel').focus();
  }
  $('withdraw').addEventListener('click', () => {
    const list = watch && watch.list(item);
    if (!list || !ownEntry(list)) return;
    confirmWithdraw({
      what: t('delegationWithdraw'), method: 'Withdraw',
      body: { list: { meeting: meetingId, item: list.item }, delegation: code },
    }, t('delegationConfirmText', { list: listName(list) }), t('delegationConfirmNote'));
  });
  function closeConfirm() {
    pendingWithdraw = null;
    if ($('confirm').open) $('confirm').close();
  }
  $('confirm-cancel').addEventListener('click', closeConfirm);
  $('confirm').addEventListener('close', () => { pendingWithdraw = null; });
  $('confirm-ok').addEventListener('click', () => {
    const target = pendingWithdraw;
    closeConfirm();
    if (!target) return;
    run(target.what, target.method, target.body);
  });

  $('reply').addEventListener('click', () =>
    run(t('delegationActReply'), 'RequestReply',
      { meeting: meetingId, item, delegation: code, speaker: speaker() }));

  $('raise-point').addEventListener('click', () =>
    run(t('delegationActPoint'), 'RaisePoint',
      { meeting: meetingId, delegation: code, kind: 'POINT_OF_ORDER' }));
  $('raise-question').addEventListener('click', () =>
    run(t('delegationActQuestion'), 'RaisePoint',
      { meeting: meetingId, delegation: code, kind: 'POINT_QUESTION' }));
  $('withdraw-point').addEventListener('click', () =>
    confirmWithdraw({
      what: t('delegationActWithdrawPoint'), method: 'WithdrawPoint',
      body: { meeting: meetingId, delegation: code },
    }, t('delegationConfirmPointText'), t('delegationConfirmPointNote')));

  window.SPK_DELEGATION = {
    get watch() { return watch; }, positions: () => positions, pending: () => pendingWithdraw,
  };

  translate();
  if (code && token) start(); else signOut();
})();
