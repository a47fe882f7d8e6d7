// The chair's console (/chair/<meeting>): the live list with every chair
// command. The chair token is kept in sessionStorage; each action goes to
// the JSON API with a request id of its own (SPK.commandRunner: a Retry
// after no answer sends the same id, so nothing is applied twice), and a
// refusal is shown in the server's words.
'use strict';

(() => {
  const meetingId = SPK.meetingFromPath();
  const storageKey = 'speakers.chair.' + meetingId;
  const $ = (id) => document.getElementById(id);

  let token = sessionStorage.getItem(storageKey) || '';
  let session = null;
  let watch = null;
  let item = null;           // the list being worked on
  let followCurrent = true;  // follow the meeting's current item until one is picked

  document.title = 'Chair console — ' + meetingId;
  $('title').textContent = 'Chair console — ' + meetingId;
  $('signin-meeting').textContent = meetingId;
  $('display-link').href = '/display/' + encodeURIComponent(meetingId);

  // ---- Messages ----

  const { show, run } = SPK.commandRunner('message', () => token, () => signOut(false));

  // ---- Sign in ----

  function signOut(clearMessage = true) {
    sessionStorage.removeItem(storageKey);
    token = '';
    if (watch) watch.close();
    watch = null;
    $('console').hidden = true;
    $('signin').hidden = false;
    $('signout').hidden = true;
    if (clearMessage) show('', 'ok');
    $('token-input').focus();
  }

  $('signin-form').addEventListener('submit', (event) => {
    event.preventDefault();
    token = $('token-input').value.trim();
    if (!token) return;
    sessionStorage.setItem(storageKey, token);
    $('token-input').value = '';
    start();
  });
  $('signout').addEventListener('click', () => signOut());

  function start() {
    $('signin').hidden = true;
    $('console').hidden = false;
    $('signout').hidden = false;
    SPK.loadSession(token).then((s) => {
      session = s;
      const options = $('delegations');
      options.replaceChildren(...s.delegations.map((d) =>
        SPK.el('option', { value: d.code }, (d.names && d.names.en) || d.code)));
      if (watch && watch.state) render(watch.state);
    }).catch((e) => show('Loading the session — refused: ' + e.message, 'error'));
    watch = new SPK.MeetingWatch(meetingId, {
      token,
      onState: (state) => render(state),
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

  // ---- Rendering ----

  const meetingWords = {
    MEETING_NOT_STARTED: 'not started', MEETING_IN_SESSION: 'in session',
    MEETING_SUSPENDED: 'suspended', MEETING_ADJOURNED: 'adjourned',
  };
  const listWords = {
    LIST_OPEN: 'The list is open', LIST_CLOSED: 'The list is closed',
    LIST_NOT_YET_OPEN: 'The list is not yet open',
  };

  function nameOf(entry) {
    return SPK.delegationName(session, entry.delegation, 'en', entry.delegationName);
  }

  function listRef() {
    return { meeting: meetingId, item };
  }

  function currentList() {
    return watch && watch.state ? watch.list(item) : null;
  }

  function render(state) {
    if (followCurrent || !state.lists.some((l) => l.item === item)) item = state.currentItem;
    $('meeting-name').textContent = state.name;
    $('meeting-status').textContent = meetingWords[state.status] || '';
    const allowed = {
      MEETING_NOT_STARTED: ['MEETING_OPEN'], MEETING_IN_SESSION: ['MEETING_SUSPEND', 'MEETING_ADJOURN'],
      MEETING_SUSPENDED: ['MEETING_RESUME', 'MEETING_ADJOURN'], MEETING_ADJOURNED: [],
    }[state.status] || [];
    for (const button of document.querySelectorAll('[data-meeting-action]')) {
      button.disabled = !allowed.includes(button.dataset.meetingAction);
    }

    const select = $('item-select');
    select.replaceChildren(...state.lists.map((l) => SPK.el('option', {
      value: l.item, selected: l.item === item,
    }, (l.item === 'reply' ? 'Right of reply' : l.label || l.item) +
       (l.title ? ' — ' + l.title : '') + (l.item === state.currentItem ? ' (current)' : ''))));
    $('make-current').disabled = item === state.currentItem || item === 'reply';
    $('item-note').textContent = item === state.currentItem ? 'This is the current item.' : '';

    const list = currentList();
    if (!list) return;
    $('list-status').textContent = (listWords[list.status] || '') +
                                   (list.closedByChair ? ' (closed by the chair)' : '');
    $('close-list').disabled = list.status === 'LIST_CLOSED';
    $('open-list').disabled = list.status === 'LIST_OPEN';

    const current = list.current && list.current.entry;
    $('current-name').textContent = current ? nameOf(current) + ' (' + current.delegation + ')'
                                            : 'Nobody has the floor';
    $('current-speaker').textContent = current ? SPK.speakerLine(current.speaker) : '';
    // While a point of order is heard, nobody is called and no clock runs.
    const point = Boolean(state.points && state.points.heard);
    $('next').disabled = point || (!(list.waiting || []).length && !current);
    $('end-statement').disabled = !current;
    $('undo-next').disabled = point || !list.canUndoNext;
    $('timer-toggle').disabled = point;

    renderPoints(state.points || {});
    renderWaiting(list.waiting || []);
    tick();
  }

  function renderWaiting(waiting) {
    $('waiting-count').textContent = '(' + waiting.length + ')';
    const rows = waiting.map((entry, i) => {
      const position = i + 1;
      const row = SPK.el('tr', { draggable: 'true', 'data-delegation': entry.delegation },
        SPK.el('td', {}, SPK.el('input', {
          type: 'checkbox', class: 'pick', value: entry.delegation, 'aria-label': 'select ' + entry.delegation,
          onchange: updateSwap,
        })),
        SPK.el('td', {}, String(position)),
        SPK.el('td', {}, nameOf(entry), ' ', SPK.el('span', { class: 'c-tier' }, entry.delegation),
          SPK.el('div', { class: 'c-tier' }, entry.tier || '')),
        SPK.el('td', {}, SPK.speakerLine(entry.speaker),
          entry.onBehalfOf ? SPK.el('div', { class: 'c-tier' }, 'on behalf of ' + entry.onBehalfOf) : null,
          entry.ownTimeLimit ? SPK.el('div', { class: 'c-tier' },
            'own time ' + SPK.clockText(SPK.parseDuration(entry.timeLimit))) : null),
        SPK.el('td', { class: 'c-actions' },
          SPK.el('button', {
            class: 'small', title: 'Move up', disabled: position === 1,
            onclick: () => move(entry, position - 1),
          }, '↑'),
          SPK.el('button', {
            class: 'small', title: 'Move down', disabled: position === waiting.length,
            onclick: () => move(entry, position + 1),
          }, '↓'),
          SPK.el('button', {
            class: 'small danger', title: 'Remove from the list',
            onclick: () => run('Remove ' + entry.delegation, 'Remove',
              { list: listRef(), delegation: entry.delegation }),
          }, 'Remove')));
      row.addEventListener('dragstart', (event) => {
        event.dataTransfer.setData('text/plain', entry.delegation);
        row.classList.add('dragging');
      });
      row.addEventListener('dragend', () => row.classList.remove('dragging'));
      row.addEventListener('dragover', (event) => { event.preventDefault(); row.classList.add('drop-target'); });
      row.addEventListener('dragleave', () => row.classList.remove('drop-target'));
      row.addEventListener('drop', (event) => {
        event.preventDefault();
        row.classList.remove('drop-target');
        const dragged = event.dataTransfer.getData('text/plain');
        if (dragged && dragged !== entry.delegation) {
          move({ delegation: dragged }, position);
        }
      });
      return row;
    });
    if (!rows.length) rows.push(SPK.el('tr', {}, SPK.el('td', { colspan: '5', class: 'c-muted' }, 'Nobody is waiting.')));
    $('waiting').replaceChildren(...rows);
    updateSwap();
  }

  // The points of order: the one heard above the floor, the queue in
  // order of arrival with Grant and Dismiss.
  function renderPoints(points) {
    const heard = points.heard;
    $('point-heard').hidden = !heard;
    if (heard) {
      const p = heard.point || {};
      $('point-heard-text').textContent =
        (p.kind === 'POINT_QUESTION' ? 'Question' : 'Point of order') + ' — ' + nameOf(p) +
        (heard.interruptedDelegation
          ? ' (' + nameOf({ delegation: heard.interruptedDelegation }) + ' paused)' : '');
    }
    const waiting = points.waiting || [];
    $('points-count').textContent = '(' + waiting.length + ')';
    const rows = waiting.map((p, i) => SPK.el('tr', { 'data-delegation': p.delegation },
      SPK.el('td', {}, String(i + 1)),
      SPK.el('td', {}, nameOf(p), ' ', SPK.el('span', { class: 'c-tier' }, p.delegation),
        SPK.el('div', { class: 'c-tier' },
          (p.kind === 'POINT_QUESTION' ? 'question' : 'point of order') + ' · raised ' +
          new Date(SPK.parseTime(p.raisedAt)).toLocaleTimeString())),
      SPK.el('td', { class: 'c-actions' },
        SPK.el('button', {
          class: 'small primary', disabled: Boolean(heard), title: 'Give the floor to ' + p.delegation,
          onclick: () => run('Grant ' + p.delegation + '’s point', 'GrantPoint',
            { meeting: meetingId, delegation: p.delegation }),
        }, 'Grant'),
        SPK.el('button', {
          class: 'small', title: 'Rule the point out',
          onclick: () => run('Dismiss ' + p.delegation + '’s point', 'DismissPoint',
            { meeting: meetingId, delegation: p.delegation }),
        }, 'Dismiss'))));
    if (!rows.length) rows.push(SPK.el('tr', {}, SPK.el('td', { class: 'c-muted' }, 'None raised.')));
    $('points').replaceChildren(...rows);
  }

  function move(entry, position) {
    return run('Move ' + entry.delegation + ' to place ' + position, 'Move',
      { list: listRef(), delegation: entry.delegation, position });
  }

  function picked() {
    return [...document.querySelectorAll('input.pick:checked')].map((box) => box.value);
  }

  function updateSwap() {
    $('swap').disabled = picked().length !== 2;
  }

  // The clock, drawn locally like the room display's.
  function tick() {
    const heard = watch && watch.state && watch.state.points && watch.state.points.heard;
    if (heard) {
      const elapsed = Math.max(0, watch.clock.now() - SPK.parseTime(heard.grantedAt));
      $('point-clock').textContent = SPK.clockText(
        heard.limit ? SPK.parseDuration(heard.limit) - elapsed : elapsed);
    }
    const list = currentList();
    const clock = $('clock');
    const timer = list && list.current ? SPK.timerAt(list.current.timer, watch.clock.now()) : null;
    const toggle = $('timer-toggle');
    if (!timer) {
      clock.textContent = '–:––';
      clock.className = 'c-clock';
      toggle.firstChild.textContent = 'Start';
      return;
    }
    clock.textContent = SPK.clockText(timer.remaining);
    const over = timer.remaining <= 0;
    const warning = !over && timer.warning > 0 && timer.remaining <= timer.warning;
    clock.className = 'c-clock' + (over ? ' overrun' : warning ? ' warning' : '') +
                      (timer.state === 'TIMER_PAUSED' ? ' paused' : '');
    toggle.firstChild.textContent = { TIMER_RUNNING: 'Pause', TIMER_PAUSED: 'Resume' }[timer.state] || 'Start';
  }
  setInterval(() => { if (watch) tick(); }, 100);

  // ---- Actions ----

  function next() {
    const list = currentList();
    if (!list) return;
    const current = list.current && list.current.entry;
    // The guard against advancing twice: who we believe has the floor.
    run('Next speaker', 'CallNext', { list: listRef(), expectedCurrent: current ? current.delegation : '' });
  }

  function toggleTimer() {
    const list = currentList();
    const state = list && list.current && list.current.timer ? list.current.timer.state : '';
    const action = { TIMER_RUNNING: 'TIMER_PAUSE', TIMER_PAUSED: 'TIMER_RESUME' }[state] || 'TIMER_START';
    const words = { TIMER_PAUSE: 'Pause the clock', TIMER_RESUME: 'Resume the clock', TIMER_START: 'Start the clock' };
    run(words[action], 'Timer', { list: listRef(), action });
  }

  function undoNext() {
    const list = currentList();
    if (!list || !list.canUndoNext) return;
    run('Undo next', 'UndoNext', { list: listRef() });
  }

  $('next').addEventListener('click', next);
  $('undo-next').addEventListener('click', undoNext);
  $('end-statement').addEventListener('click', () =>
    run('End the statement', 'EndStatement', { list: listRef() }));
  $('end-point').addEventListener('click', () =>
    run('End the point of order', 'EndPoint', { meeting: meetingId }));
  $('timer-toggle').addEventListener('click', toggleTimer);
  $('add-minute').addEventListener('click', () =>
    run('Add a minute', 'AddTime', { list: listRef(), delta: '60s' }));
  $('less-time').addEventListener('click', () =>
    run('Take 30 seconds', 'AddTime', { list: listRef(), delta: '-30s' }));
  $('timer-reset').addEventListener('click', () =>
    run('Reset the clock', 'Timer', { list: listRef(), action: 'TIMER_RESET' }));
  $('close-list').addEventListener('click', () => run('Close the list', 'CloseList', { list: listRef() }));
  $('open-list').addEventListener('click', () => run('Reopen the list', 'OpenList', { list: listRef() }));
  $('make-current').addEventListener('click', () =>
    run('Make ' + item + ' the current item', 'SetCurrentItem', { meeting: meetingId, item }));
  $('item-select').addEventListener('change', (event) => {
    item = event.target.value;
    followCurrent = false;
    if (watch && watch.state) render(watch.state);
  });
  for (const button of document.querySelectorAll('[data-meeting-action]')) {
    button.addEventListener('click', () => run(button.textContent, 'ChangeMeeting',
      { meeting: meetingId, action: button.dataset.meetingAction }));
  }
  $('swap').addEventListener('click', () => {
    const [first, second] = picked();
    run('Swap ' + first + ' and ' + second, 'Swap', { list: listRef(), first, second });
  });

  $('add-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const delegation = $('add-delegation').value.trim().toUpperCase();
    const body = {
      list: listRef(), delegation,
      speaker: { name: $('add-name').value.trim(), title: $('add-title').value.trim(), rank: $('add-rank').value },
      onBehalfOf: $('add-behalf').value.trim(),
    };
    const limit = $('add-limit').value.trim();
    if (limit) {
      const m = /^(\d+)(?::(\d{1,2}))?$/.exec(limit);
      if (!m) {
        show('Add ' + delegation + ' — the own time must be minutes:seconds, e.g. 3:00', 'error');
        return;
      }
      body.timeLimit = SPK.durationJson((+m[1] * 60 + +(m[2] || 0)) * 1000);
    }
    if (await run('Add ' + delegation, 'AddSpeaker', body)) event.target.reset();
  });

  // N: next speaker; Space: start, pause or resume — not while typing. On a
  // focused button, Space is the shortcut too, not a second click.
  const typingIn = (target) => target.closest && target.closest('input, select, textarea');
  document.addEventListener('keydown', (event) => {
    if (typingIn(event.target) || event.ctrlKey || event.metaKey || event.altKey || !token) return;
    if (event.key === 'n' || event.key === 'N') {
      event.preventDefault();
      next();
    } else if (event.key === 'u' || event.key === 'U') {
      event.preventDefault();
      undoNext();
    } else if (event.key === ' ') {
      event.preventDefault();
      toggleTimer();
    }
  }, true);
  document.addEventListener('keyup', (event) => {
    if (event.key === ' ' && !typingIn(event.target)) event.preventDefault();
  }, true);

  window.SPK_CHAIR = { get watch() { return watch; } };

  if (token) start(); else signOut();
})();
