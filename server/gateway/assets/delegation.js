// The delegation page (/delegation): inscribe, change the speaker or rank,
// withdraw, ask for a right of reply; the delegation's position and
// expected start, live. Of other delegations it shows only the public
// list's order and names. Code and token are kept in sessionStorage. Each
// action carries a request id of its own (SPK.commandRunner), reused by
// its Retry.
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);
  const storage = { code: 'speakers.delegation.code', token: 'speakers.delegation.token' };

  let code = sessionStorage.getItem(storage.code) || '';
  let token = sessionStorage.getItem(storage.token) || '';
  let session = null;
  let watch = null;
  let meetingId = SPK.param('meeting') || '';
  let item = null;
  let followCurrent = true;
  let positions = {};  // item -> Position (GetPosition), refreshed on each change
  let refreshTimer = null;

  const { show, run } = SPK.commandRunner('message', () => token, () => signOut(false));

  // ---- Sign in ----

  function signOut(clearMessage = true) {
    sessionStorage.removeItem(storage.code);
    sessionStorage.removeItem(storage.token);
    code = '';
    token = '';
    if (watch) watch.close();
    watch = null;
    $('page').hidden = true;
    $('signin').hidden = false;
    $('signout').hidden = true;
    $('live').textContent = 'signed out';
    if (clearMessage) show('', 'ok');
  }

  $('signin-form').addEventListener('submit', (event) => {
    event.preventDefault();
    code = $('code-input').value.trim().toUpperCase();
    token = $('token-input').value.trim();
    if (!code || !token) return;
    sessionStorage.setItem(storage.code, code);
    sessionStorage.setItem(storage.token, token);
    $('token-input').value = '';
    start();
  });
  $('signout').addEventListener('click', () => signOut());

  async function start() {
    $('signin').hidden = true;
    $('page').hidden = false;
    $('signout').hidden = false;
    try {
      session = await SPK.loadSession(token);
    } catch (e) {
      show('Loading the session — refused: ' + e.message, 'error');
      if (e.status === 401) signOut(false);
      return;
    }
    const mine = session.byCode[code];
    if (!mine) {
      show('No delegation with code "' + code + '" is accredited to this session.', 'error');
      signOut(false);
      return;
    }
    const name = (mine.names && mine.names.en) || code;
    $('title').textContent = name + ' (' + code + ')';
    document.title = name + ' — list of speakers';
    const meetings = session.meetings || [];
    if (!meetings.some((m) => m.id === meetingId)) meetingId = meetings.length ? meetings[0].id : '';
    $('meeting-select').replaceChildren(...meetings.map((m) =>
      SPK.el('option', { value: m.id, selected: m.id === meetingId }, m.name || m.id)));
    follow();
  }

  function follow() {
    if (watch) watch.close();
    positions = {};
    followCurrent = true;
    watch = new SPK.MeetingWatch(meetingId, {
      token,
      onState: (state) => { render(state); scheduleRefresh(); },
      onConnection: (live) => {
        $('live').textContent = live ? 'live' : 'reconnecting…';
        $('live').classList.toggle('offline', !live);
      },
      // A revoked or expired token: back to sign-in, saying why.
      onUnauthenticated: (message) => {
        signOut(false);
        show('Signed out: ' + message, 'error');
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

  function listName(list) {
    return list.item === 'reply' ? 'Right of reply' : (list.label || list.item) + (list.title ? ' — ' + list.title : '');
  }

  function ordinal(n) {
    const s = ['th', 'st', 'nd', 'rd'];
    const v = n % 100;
    return n + (s[(v - 20) % 10] || s[v] || s[0]);
  }

  function render(state) {
    if (followCurrent || !state.lists.some((l) => l.item === item)) item = state.currentItem;
    $('item-select').replaceChildren(...state.lists.map((l) => SPK.el('option', {
      value: l.item, selected: l.item === item,
    }, listName(l) + (l.item === state.currentItem ? ' (current)' : ''))));
    const list = watch.list(item);
    if (!list) return;
    $('list-status').textContent = {
      LIST_OPEN: 'The list is open', LIST_CLOSED: 'The list is closed',
      LIST_NOT_YET_OPEN: 'The list is not yet open',
    }[list.status] || '';

    // The public list: order and names only.
    const rows = [];
    const current = list.current && list.current.entry;
    if (current) rows.push(publicRow('▶', current));
    (list.waiting || []).forEach((entry, i) => rows.push(publicRow(String(i + 1), entry)));
    if (!rows.length) rows.push(SPK.el('tr', {}, SPK.el('td', { colspan: '2', class: 'c-muted' }, 'Nobody is on the list.')));
    $('public-list').replaceChildren(...rows);
    $('list-count').textContent = '(' + (list.waiting || []).length + ' waiting)';

    const entry = ownEntry(list);
    $('form-title').textContent = entry ? 'Your speaker on this list' : 'Inscribe on this list';
    $('speaker-submit').textContent = entry ? 'Change speaker or rank' : 'Inscribe';
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
    $('point-status').textContent = heard ? 'You have the floor on your point of order'
      : waiting >= 0 ? 'Your point of order is waiting for the chair (' + ordinal(waiting + 1) + ' in line)'
      : points.heard ? 'A point of order is being heard' : '';
  }

  function publicRow(position, entry) {
    const mine = entry.delegation === code;
    return SPK.el('tr', { class: mine ? 'mine' : '' },
      SPK.el('td', {}, position),
      SPK.el('td', {}, SPK.delegationName(session, entry.delegation, 'en', entry.delegationName),
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
      const place = !p ? '…' : (p.position || 0) === 0 ? 'You have the floor' :
        p.position === 1 ? 'You are next' : 'You are ' + ordinal(p.position) + ' in line';
      let when = '';
      if (p && p.position > 0 && p.expectedStart) {
        const start = SPK.parseTime(p.expectedStart);
        const minutes = Math.max(0, Math.round((start - now) / 60000));
        const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: zone })
          .format(new Date(start));
        when = 'Expected to start at about ' + time + ' (in ' + minutes + ' min)';
      }
      return SPK.el('div', { class: 'c-row', style: 'flex-direction:column;align-items:flex-start' },
        SPK.el('div', { class: 'c-muted' }, listName(list)),
        SPK.el('div', { class: 'c-position' }, place),
        when ? SPK.el('div', {}, when) : null,
        p && p.receipt ? SPK.el('div', { class: 'c-muted' }, 'Receipt ' + p.receipt.number) : null);
    });
    $('mine').replaceChildren(...(blocks.length ? blocks
      : [SPK.el('div', { class: 'c-muted' }, 'You are on no list of this meeting.')]));
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
    if (list && ownEntry(list)) run('Change the speaker', 'UpdateSpeaker', body);
    else run('Inscribe', 'Inscribe', body);
  });
  $('withdraw').addEventListener('click', () =>
    run('Withdraw', 'Withdraw', { list: { meeting: meetingId, item }, delegation: code }));
  $('reply').addEventListener('click', () =>
    run('Ask for a right of reply', 'RequestReply',
      { meeting: meetingId, item, delegation: code, speaker: speaker() }));

  $('raise-point').addEventListener('click', () =>
    run('Raise a point of order', 'RaisePoint',
      { meeting: meetingId, delegation: code, kind: 'POINT_OF_ORDER' }));
  $('raise-question').addEventListener('click', () =>
    run('Put a question to the speaker', 'RaisePoint',
      { meeting: meetingId, delegation: code, kind: 'POINT_QUESTION' }));
  $('withdraw-point').addEventListener('click', () =>
    run('Withdraw the point of order', 'WithdrawPoint', { meeting: meetingId, delegation: code }));

  window.SPK_DELEGATION = { get watch() { return watch; }, positions: () => positions };

  if (code && token) start(); else signOut();
})();
