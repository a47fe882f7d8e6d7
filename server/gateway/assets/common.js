// Shared by every page: the JSON API, protobuf JSON time values, the
// server's clock as seen from this browser, and a meeting's live state from
// its event stream (/api/watch/<meeting>). Plain script: defines SPK.
'use strict';

const SPK = (() => {
  // ---- Protobuf JSON values ----

  // "2017-11-06T09:00:00.123456789Z" -> milliseconds since the epoch
  // (fractional); NaN when absent or malformed.
  function parseTime(text) {
    if (!text) return NaN;
    const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d+))?Z$/.exec(text);
    if (!m) return Date.parse(text);
    const whole = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
    return whole + (m[7] ? parseFloat('0.' + m[7]) * 1000 : 0);
  }

  // "300s", "-1.500s" -> milliseconds; 0 when absent.
  function parseDuration(text) {
    if (!text) return 0;
    const value = parseFloat(String(text).replace(/s$/, ''));
    return Number.isFinite(value) ? value * 1000 : 0;
  }

  // Milliseconds -> "300s" (protobuf JSON Duration).
  function durationJson(ms) {
    return (Math.round(ms) / 1000).toFixed(3).replace(/\.?0+$/, '') + 's';
  }

  // A countdown's text: whole seconds left rounded up ("4:59" until 4:58.0);
  // past zero, the overrun rounded down with a "+" ("+0:07").
  function clockText(remainingMs) {
    const over = remainingMs < 0;
    const seconds = over ? Math.floor(-remainingMs / 1000) : Math.ceil(remainingMs / 1000);
    const text = Math.floor(seconds / 60) + ':' + String(seconds % 60).padStart(2, '0');
    return over && seconds > 0 ? '+' + text : text;
  }

  // ---- The server's clock ----

  // Estimates server time from the server_time of messages: each sample is
  // (server time - local receipt time) = offset - delivery delay, so the
  // largest recent sample is the best estimate. Old samples (stale cached
  // snapshots, resumed backlogs) are smaller and lose; samples older than
  // five minutes are forgotten, so a corrected server clock is followed.
  class ServerClock {
    constructor() {
      this.samples = [];  // [{offset, at}]
      this.offset = 0;
    }
    sample(serverMs, localMs = Date.now()) {
      if (!Number.isFinite(serverMs)) return;
      this.samples.push({ offset: serverMs - localMs, at: localMs });
      const horizon = localMs - 5 * 60 * 1000;
      this.samples = this.samples.filter((s) => s.at >= horizon).slice(-64);
      this.offset = Math.max(...this.samples.map((s) => s.offset));
    }
    now() {
      return Date.now() + this.offset;
    }
  }

  // The current speaker's clock at server time `nowMs` (see the Timer
  // message): {state, remaining, warning, limit} in milliseconds.
  function timerAt(timer, nowMs) {
    if (!timer) return null;
    const limit = parseDuration(timer.limit);
    let elapsed = parseDuration(timer.accumulated);
    const state = timer.state || 'TIMER_READY';
    if (state === 'TIMER_RUNNING') elapsed += Math.max(0, nowMs - parseTime(timer.startedAt));
    return { state, limit, warning: parseDuration(timer.warning), remaining: limit - elapsed };
  }

  // ---- The JSON API ----

  // POST /api/<method> with `body`; resolves to the reply, or rejects with
  // an Error carrying the server's words (.message), .code and .status
  // (0: no answer — the request may or may not have reached the server).
  async function api(method, body, token) {
    const headers = { 'Content-Type': 'application/json' };
    if (token) headers.Authorization = 'Bearer ' + token;
    let response;
    let text;
    try {
      response = await fetch('/api/' + method, {
        method: 'POST', headers, body: JSON.stringify(body || {}),
      });
      text = await response.text();
    } catch (e) {
      const error = new Error('no answer from the server (the connection failed); check the connection');
      error.code = 'UNAVAILABLE';
      error.status = 0;
      throw error;
    }
    let json;
    try {
      json = text ? JSON.parse(text) : {};
    } catch (e) {
      json = { message: text };
    }
    if (!response.ok) {
      const error = new Error(json.message || response.statusText);
      error.code = json.code || String(response.status);
      error.status = response.status;
      throw error;
    }
    return json;
  }

  // A fresh request id (a random UUID, version 4) for one command: the
  // server applies a command at most once per id, and a retry with the same
  // id gets the first reply. crypto.randomUUID needs a secure context (a
  // room server reached over plain HTTP is not one); getRandomValues does
  // not.
  function newRequestId() {
    if (typeof crypto.randomUUID === 'function') {
      try {
        return crypto.randomUUID();
      } catch (e) {
        // Not in this context: the same from getRandomValues.
      }
    }
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;  // version 4
    bytes[8] = (bytes[8] & 0x3f) | 0x80;  // RFC 4122 variant
    const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join('-');
  }

  // Whether a failed command may be sent again with its request id: no
  // answer at all (status 0), no answer in time (504), or the server or a
  // proxy unavailable (502, 503). Never applied twice: the id is the same.
  function retryable(error) {
    return [0, 502, 503, 504].includes(error.status);
  }

  // ---- A meeting's live state ----

  // Applies a Delta (what one command, or a group committed together,
  // changed) to a snapshot-shaped state, in the order the server made the
  // changes. Returns '' when it applied, 'gap' when the state is not at the
  // delta's base version (resume from our version), 'lost' when it names a
  // list or entry the state does not have (start from a snapshot).
  // Protobuf JSON leaves out zeros and writes 64-bit numbers as strings.
  function applyDelta(state, delta, version) {
    if (Number(delta.baseVersion || 0) !== Number(state.version || 0)) return 'gap';
    for (const d of delta.lists || []) {
      let list = state.lists.find((l) => l.item === d.item);
      if (!list) return 'lost';
      if (d.header) {
        const kept = { waiting: list.waiting, current: list.current,
                       spoken: d.header.spoken || list.spoken, spokenCount: list.spokenCount };
        const at = state.lists.indexOf(list);
        list = Object.assign({}, d.header, kept);
        state.lists[at] = list;
      }
      list.status = d.status || 'LIST_STATUS_UNSPECIFIED';
      list.nextReceipt = d.nextReceipt || '0';
      const waiting = list.waiting || (list.waiting = []);
      const indexOf = (id) => waiting.findIndex((e) => String(e.id) === String(id));
      for (const op of d.ops || []) {
        if (op.insert) {
          const index = op.insert.index || 0;
          if (index > waiting.length) return 'lost';
          waiting.splice(index, 0, op.insert.entry || {});
        } else if (op.remove !== undefined) {
          const at = indexOf(op.remove);
          if (at < 0) return 'lost';
          waiting.splice(at, 1);
        } else if (op.move) {
          const at = indexOf(op.move.id);
          const index = op.move.index || 0;
          if (at < 0) return 'lost';
          const [entry] = waiting.splice(at, 1);
          if (index > waiting.length) return 'lost';
          entry.placedByChair = Boolean(op.move.placedByChair);
          if (!entry.placedByChair) delete entry.placedByChair;
          waiting.splice(index, 0, entry);
        } else if (op.update) {
          const at = indexOf(op.update.id);
          if (at < 0) return 'lost';
          waiting[at] = op.update;
        } else if (op.reset) {
          waiting.splice(0, waiting.length, ...(op.reset.waiting || []));
        } else {
          return 'lost';  // an operation this page does not know
        }
      }
      if (d.current) {
        list.current = d.current;
      } else if (d.floorEmpty) {
        delete list.current;
      } else if (d.timer) {
        if (!list.current) return 'lost';
        list.current.timer = d.timer;
      }
      if (d.unspoken) {
        // The last statement taken back (undo of "next").
        if (!list.spokenCount) return 'lost';
        list.spoken = d.spoken ? [d.spoken] : [];
        list.spokenCount -= 1;
        if (!list.spokenCount) delete list.spokenCount;  // JSON leaves out zeros
      } else if (d.spoken) {
        list.spoken = [d.spoken];
        list.spokenCount = (list.spokenCount || 0) + 1;
      }
      if (d.canUndoNext) list.canUndoNext = true; else delete list.canUndoNext;
    }
    state.status = delta.status || 'MEETING_STATUS_UNSPECIFIED';
    state.currentItem = delta.currentItem || '';
    if (delta.points) state.points = delta.points;
    state.version = version;
    return '';
  }

  // The time each waiting entry of `list` may expect to wait at the
  // server's `now` (ms since the epoch), in ms: the current speaker's time
  // left (none in overrun) plus the limits of the entries ahead. The
  // server no longer streams it: it would change for everyone on every
  // command.
  function expectedWaits(list, now) {
    let wait = 0;
    if (list.current && list.current.timer) {
      wait = Math.max(0, timerAt(list.current.timer, now).remaining);
    }
    return (list.waiting || []).map((entry) => {
      const mine = wait;
      wait += parseDuration(entry.timeLimit);
      return mine;
    });
  }

  // Follows /api/watch/<meeting>: a snapshot, then changes and timer
  // signals. The stream is read with fetch, so that the token travels in
  // the Authorization header and never in the address (which proxies and
  // access logs keep); the Server-Sent Events are parsed here. When the
  // stream ends, fails or is refused, this reconnects after a pause and
  // resumes with Last-Event-ID ("<version>.<stream>"). A resume is honoured
  // only by the server run that numbered the version (the stream id of its
  // snapshots); any other sends a snapshot.
  //   options.token                   sent as "Authorization: Bearer ..."
  //   options.onState(state, update)  after each snapshot or change
  //   options.onSignal(signal)        a clock deadline (warning, limit)
  //   options.onConnection(live)      true when connected, false when not
  //   options.onUnauthenticated(msg)  the token is refused (unknown, revoked,
  //                                   expired): the watch stops; without it,
  //                                   it keeps trying
  class MeetingWatch {
    constructor(meeting, options = {}) {
      this.meeting = meeting;
      this.options = options;
      this.state = null;
      this.version = 0;
      this.stream = '';
      this.live = false;
      this.retryMs = 2000;
      this.clock = new ServerClock();
      this.connect();
    }

    url() {
      return '/api/watch/' + encodeURIComponent(this.meeting);
    }

    connect() {
      const controller = new AbortController();
      this.source = controller;
      const headers = { Accept: 'text/event-stream' };
      if (this.options.token) headers.Authorization = 'Bearer ' + this.options.token;
      if (this.version && this.stream) headers['Last-Event-ID'] = this.version + '.' + this.stream;
      const current = () => this.source === controller;
      const again = () => {
        if (!current()) return;  // closed, or replaced by a resync
        this.setLive(false);
        setTimeout(() => { if (current()) this.connect(); }, this.retryMs);
      };
      fetch(this.url(), { headers, signal: controller.signal, cache: 'no-store' })
        .then(async (response) => {
          if (response.status === 401 && this.options.onUnauthenticated) {
            let message = 'the access token is refused';
            try { message = (await response.json()).message || message; } catch (e) { /* keep */ }
            if (!current()) return;
            this.close();
            this.setLive(false);
            this.options.onUnauthenticated(message);
            return;
          }
          if (!response.ok || !response.body) { again(); return; }
          const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
          let buffer = '';
          let type = '';
          let data = [];
          for (;;) {
            const { value, done } = await reader.read();
            if (done || !current()) break;
            buffer += value;
            let end;
            while ((end = buffer.indexOf('\n')) >= 0) {
              let line = buffer.slice(0, end);
              buffer = buffer.slice(end + 1);
              if (line.endsWith('\r')) line = line.slice(0, -1);
              if (line === '') {  // the end of one event
                if (data.length && current()) this.onEvent(type, data.join('\n'));
                type = '';
                data = [];
                continue;
              }
              if (line[0] === ':') continue;  // a comment
              const colon = line.indexOf(':');
              const field = colon < 0 ? line : line.slice(0, colon);
              let text = colon < 0 ? '' : line.slice(colon + 1);
              if (text[0] === ' ') text = text.slice(1);
              if (field === 'data') data.push(text);
              else if (field === 'event') type = text;
              else if (field === 'retry' && /^\d+$/.test(text)) this.retryMs = Number(text);
            }
          }
          again();
        })
        .catch(() => again());
    }

    onEvent(type, data) {
      if (type === 'clock') {
        this.clock.sample(parseTime(JSON.parse(data).serverTime));
        this.setLive(true);
        return;
      }
      if (type === '' || type === 'message') this.onMessage({ data });
    }

    close() {
      if (this.source) this.source.abort();
      this.source = null;
    }

    setLive(live) {
      if (live === this.live) return;
      this.live = live;
      if (this.options.onConnection) this.options.onConnection(live);
    }

    onMessage(event) {
      const update = JSON.parse(event.data);
      this.clock.sample(parseTime(update.serverTime));
      this.setLive(true);
      if (update.snapshot) {
        const s = update.snapshot;
        this.stream = update.stream || '';
        this.state = {
          meeting: s.meeting, name: s.name || s.meeting,
          status: s.status || 'MEETING_STATUS_UNSPECIFIED', currentItem: s.currentItem || '',
          lists: s.lists || [], points: s.points || {}, questions: Boolean(s.questions),
        };
      } else if (update.delta) {
        if (!this.state) return;
        const version = Number(update.version || 0);
        const outcome = applyDelta(this.state, update.delta, version);
        if (outcome) {
          // Something was missed: resume from our version (the server
          // sends what is missing, or a snapshot), or start afresh.
          if (outcome === 'lost') { this.version = 0; this.state = null; }
          this.resyncs = (this.resyncs || 0) + 1;
          this.close();
          this.connect();
          return;
        }
      } else if (update.signal) {
        if (this.options.onSignal) this.options.onSignal(update.signal);
        return;
      }
      this.version = Number(update.version || 0);
      this.state.version = this.version;
      if (this.options.onState) this.options.onState(this.state, update);
    }

    // The list of `item`, or null.
    list(item) {
      return this.state ? this.state.lists.find((l) => l.item === item) || null : null;
    }
  }

  // ---- Pages ----

  // A query parameter of this page's address.
  function param(name) {
    return new URLSearchParams(location.search).get(name);
  }

  // The path segment after /display/ or /chair/: the meeting id.
  function meetingFromPath() {
    const parts = location.pathname.split('/').filter(Boolean);
    return parts.length >= 2 ? decodeURIComponent(parts[1]) : '';
  }

  // document.createElement with attributes and children (strings or nodes).
  function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes)) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'class') node.className = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? '' : value);
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  // Shrinks the font of `node` from `maxPx` until its content fits its box
  // (never below `minPx`): long names wrap, then shrink, never overflow.
  function fit(node, maxPx, minPx) {
    let size = maxPx;
    node.style.fontSize = size + 'px';
    while (size > minPx &&
           (node.scrollHeight > node.clientHeight + 1 || node.scrollWidth > node.clientWidth + 1)) {
      size = Math.max(minPx, Math.floor(size * 0.92));
      node.style.fontSize = size + 'px';
    }
    return size;
  }

  // A delegation's name in `lang` from the session (GetSession), falling
  // back to English, then to what the entry says, then to its code.
  function delegationName(session, code, lang, fallback) {
    const d = session && session.byCode ? session.byCode[code] : null;
    const names = (d && d.names) || {};
    return names[lang] || names.en || fallback || code;
  }

  // Loads GetSession once and indexes its delegations by code.
  async function loadSession(token) {
    const session = await api('GetSession', {}, token);
    session.byCode = {};
    for (const d of session.delegations || []) session.byCode[d.code] = d;
    return session;
  }

  // "Mr. X, Minister" from a Speaker.
  function speakerLine(speaker) {
    if (!speaker) return '';
    return [speaker.name, speaker.title].filter(Boolean).join(', ');
  }

  // The message line of the console pages (element `boxId`, with the
  // extra class `boxClass`), in the page's words: `t(key, values)` gives
  // the run* keys of the translation tables. show(text, kind, retry): kind
  // 'ok' or 'note' (calm; greyed after 5 s and kept as the last thing
  // done, so that nothing moves), 'pending', 'error' (kept until the next
  // message); `retry`, if given, is a Retry button's action. run(what,
  // method, body, options) sends the command with getToken() and a fresh
  // request id, says what happened, and calls onUnauthorized() on a 401.
  // When the server could not answer (see retryable) the line says so and
  // offers Retry, which sends the same body with the same request id: a
  // command that was applied after all is not applied again, its first
  // reply comes back. options.done: false for no message, or a function of
  // the reply giving it; options.calm(error): calm words (kind 'note') for
  // a refusal that is no mistake of the user's, or '' for an error. run
  // resolves to the reply once an attempt succeeds, or to null once
  // refused or when the line moves on to another message.
  function commandRunner(boxId, getToken, onUnauthorized, t, boxClass = '') {
    let timer = null;
    let abandon = null;  // resolves the run whose Retry is on offer with null
    function show(text, kind, retry) {
      if (abandon) {
        const end = abandon;
        abandon = null;
        end();
      }
      const box = document.getElementById(boxId);
      box.textContent = text;
      box.className = ['c-message', boxClass, text ? kind : ''].filter(Boolean).join(' ');
      clearTimeout(timer);
      if (kind === 'ok' || kind === 'note') {
        timer = setTimeout(() => {
          box.className = ['c-message', boxClass, 'past'].filter(Boolean).join(' ');
        }, 5000);
      }
      if (retry) {
        box.append(' ', el('button', { type: 'button', class: 'small c-retry', onclick: retry }, t('runRetry')));
      }
    }
    // The gateway's own words for its timeout say that the command may
    // have been applied; the same for no answer at all.
    function retryText(what, error) {
      if (error.status === 503) return t('runUnavailable', { what, error: error.message });
      if (error.code === 'DEADLINE_EXCEEDED') return t('runTimedOut', { what, error: error.message });
      return t('runNoAnswer', { what });
    }
    async function attempt(what, method, request, options, resolve) {
      let reply;
      try {
        reply = await api(method, request, getToken());
      } catch (e) {
        if (retryable(e)) {
          show(retryText(what, e), 'error', () => {
            abandon = null;  // this run goes on
            show(t('runRetrying', { what }), 'pending');
            attempt(what, method, request, options, resolve);
          });
          abandon = () => resolve(null);
          return;
        }
        const calm = options.calm && e.status !== 401 ? await options.calm(e) : '';
        if (calm) show(calm, 'note');
        else show(t('runRefused', { what, error: e.message }), 'error');
        if (e.status === 401) onUnauthorized();
        resolve(null);
        return;
      }
      if (options.done !== false) show(options.done ? options.done(reply) : t('runDone', { what }), 'ok');
      resolve(reply);
    }
    function run(what, method, body, options = {}) {
      // One id for this action, kept for every retry of it.
      const request = Object.assign({}, body, { requestId: newRequestId() });
      return new Promise((resolve) => attempt(what, method, request, options, resolve));
    }
    return { show, run };
  }

  return {
    parseTime, parseDuration, durationJson, clockText, ServerClock, timerAt, api, applyDelta,
    expectedWaits,
    MeetingWatch, param, meetingFromPath, el, fit, delegationName, loadSession, speakerLine,
    newRequestId, retryable, commandRunner,
  };
})();
