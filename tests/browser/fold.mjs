#!/usr/bin/env node
// The pages' fold of the live stream (common.js applyDelta) against the
// server, without a browser:
//
//   node tests/browser/fold.mjs <speakers-server> [commands]
//
// Starts the server on port 0 over a fresh data directory, follows
// /api/watch/plenary as the pages do (the JSON of each update), and sends
// random chair commands through the JSON API. After each accepted command
// the folded state must equal GetMeeting (its expected waits left out, only
// the last statement, the lists' scheduled status left out), and
// expectedWaits() on the folded state must give GetMeeting's expected
// waits. Prints "N commands, N accepted, N deltas"; exits 1 on a mismatch.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

const [serverPath, countArg] = process.argv.slice(2);
if (!serverPath) {
  console.error('usage: node fold.mjs <speakers-server> [commands]');
  process.exit(2);
}
const count = Number(countArg || 600);
const here = path.dirname(fileURLToPath(import.meta.url));
const common = fs.readFileSync(
  path.join(here, '../../server/gateway/assets/common.js'), 'utf8');
const SPK = vm.runInNewContext(common + '\nSPK;', { console });

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'speakers-fold-'));
const child = spawn(serverPath, ['--http=127.0.0.1:0', '--grpc=127.0.0.1:0',
  `--data=${dataDir}`], { stdio: ['ignore', 'pipe', 'inherit'] });
const address = await new Promise((resolve, reject) => {
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
    const m = /listening grpc=(\S+) http=(\S+)/.exec(output);
    if (m) resolve(m[2]);
  });
  child.on('exit', (code) => reject(new Error(`the server exited with ${code}`)));
});
const tokens = {};
for (const line of fs.readFileSync(path.join(dataDir, 'new-tokens.txt'), 'utf8').split('\n')) {
  const [token, role, scope] = line.trim().split(/\s+/);
  if (token && !token.startsWith('#') && role) tokens[scope ? `${role} ${scope}` : role] = token;
}
const chair = tokens['chair plenary'];

async function api(method, body) {
  const response = await fetch(`http://${address}/api/${method}`, {
    method: 'POST', body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${chair}` },
  });
  return { ok: response.ok, json: await response.json() };
}

// The stream, folded as MeetingWatch does.
let state = null;
let deltas = 0;
let failure = '';
const waiters = [];
http.get(`http://${address}/api/watch/plenary`, { headers: { Authorization: `Bearer ${chair}` } }, (res) => {
  let buffer = '';
  res.setEncoding('utf8');
  res.on('data', (chunk) => {
    buffer += chunk;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (/^event: /m.test(frame)) continue;  // clock frames
      const data = frame.split('\n').filter((l) => l.startsWith('data: '))
        .map((l) => l.slice(6)).join('\n');
      if (!data) continue;
      const update = JSON.parse(data);
      if (update.snapshot) {
        const s = update.snapshot;
        state = { status: s.status || 'MEETING_STATUS_UNSPECIFIED',
                  currentItem: s.currentItem || '', lists: s.lists || [],
                  points: s.points || {} };
        state.version = Number(update.version || 0);
      } else if (update.delta) {
        const outcome = SPK.applyDelta(state, update.delta, Number(update.version || 0));
        if (outcome) failure = `delta to ${update.version}: ${outcome}`;
        ++deltas;
      }
      while (waiters.length && state && state.version >= waiters[0].version) {
        waiters.shift().resolve();
      }
    }
  });
});
function folded(version) {
  if (state && state.version >= version) return Promise.resolve();
  return new Promise((resolve) => waiters.push({ version, resolve }));
}

// JSON with sorted keys and no undefined values.
function canonical(value) {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    const out = {};
    for (const key of Object.keys(value).sort()) {
      if (value[key] !== undefined) out[key] = canonical(value[key]);
    }
    return out;
  }
  return value;
}
function comparable(lists) {
  return JSON.stringify(canonical(lists.map((l) => {
    const copy = JSON.parse(JSON.stringify(l));
    delete copy.status;
    for (const e of copy.waiting || []) delete e.expectedWait;
    if (copy.waiting && !copy.waiting.length) delete copy.waiting;
    if (copy.spoken) copy.spoken = copy.spoken.slice(-1);
    if (copy.spoken && !copy.spoken.length) delete copy.spoken;
    return copy;
  })));
}

// ---- Random chair commands ----

let seed = 20171106;
// The high bits: the low bits of this generator repeat with a short period.
const random = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return Math.floor(seed / 65536) % n; };
const session = (await api('GetSession', {})).json;
const codes = session.delegations.map((d) => d.code).slice(0, 40);
const items = ['1 (f)', '2', 'reply'];
await api('ChangeMeeting', { meeting: 'plenary', action: 'MEETING_OPEN' });

function someone(list) {
  const waiting = (list && list.waiting) || [];
  return waiting.length && random(4) ? waiting[random(waiting.length)].delegation
                                     : codes[random(codes.length)];
}
function command() {
  const item = items[random(items.length)];
  const listRef = { meeting: 'plenary', item };
  const list = state.lists.find((l) => l.item === item);
  const n = ((list && list.waiting) || []).length;
  const speaker = { name: 'H.E. Ms. Jane Doe', title: 'Minister', rank: 'RANK_MINISTER' };
  const waitingPoints = (state.points && state.points.waiting) || [];
  const pointOf = () => (waitingPoints.length && random(3)
    ? waitingPoints[random(waitingPoints.length)].delegation : codes[random(codes.length)]);
  if (lastAccepted === 'CallNext' && random(2)) return ['UndoNext', { list: lastList }];
  switch (random(20)) {
    case 14: return ['UndoNext', { list: listRef }];
    case 15: return ['EndStatement', { list: listRef }];
    case 16: return ['RaisePoint', { meeting: 'plenary', delegation: codes[random(codes.length)] }];
    case 17: return ['GrantPoint', { meeting: 'plenary', delegation: random(2) ? pointOf() : '' }];
    case 18: return ['EndPoint', { meeting: 'plenary' }];
    case 19: return ['DismissPoint', { meeting: 'plenary', delegation: pointOf() }];
    case 0: case 1: case 2: case 3:
      return ['AddSpeaker', { list: listRef, delegation: codes[random(codes.length)], speaker }];
    case 4: return ['CallNext', { list: listRef }];
    case 5: return ['Move', { list: listRef, delegation: someone(list), position: 1 + random(Math.max(n, 1)) }];
    case 6: return ['Swap', { list: listRef, first: someone(list), second: someone(list) }];
    case 7: return ['Remove', { list: listRef, delegation: someone(list) }];
    case 8: return ['MarkAbsent', { list: listRef, delegation: someone(list) }];
    case 9: return ['Timer', { list: listRef, action: ['TIMER_START', 'TIMER_PAUSE', 'TIMER_RESUME', 'TIMER_RESET'][random(4)] }];
    case 10: return ['SetTimeLimit', { list: listRef, delegation: someone(list), limit: `${60 + random(400)}s` }];
    case 11: return ['ConfigureList', { list: listRef, settings: {
      policy: ['POLICY_MINISTERIAL_FIRST', 'POLICY_PROTOCOL', 'POLICY_CATEGORY_ONLY', 'POLICY_FIRST_COME_FIRST_SERVED',
               'POLICY_STATES_PARTIES_FIRST'][random(5)],
      speakingTime: `${120 + random(300)}s`,
      observerTime: random(3) ? `${60 + random(300)}s` : '0s',
      groupTime: random(3) ? `${120 + random(400)}s` : '0s' } }];
    case 12: return [random(2) ? 'OpenList' : 'CloseList', { list: listRef }];
    default: return ['ReaddLast', { list: listRef }];
  }
}

await folded(0);
let accepted = 0;
let code = 0;
const tally = {};  // method -> [accepted, sent]
let lastAccepted = '';
let lastList = null;
try {
  for (let i = 0; i < count && !failure; ++i) {
    const [method, body] = command();
    const reply = await api(method, body);
    tally[method] = tally[method] || [0, 0];
    ++tally[method][1];
    if (!reply.ok) continue;
    ++accepted;
    ++tally[method][0];
    lastAccepted = method;
    lastList = body.list;
    await folded(Number(reply.json.version));
    const server = (await api('GetMeeting', { meeting: 'plenary' })).json;
    if (Number(server.version) !== state.version) continue;  // moved on meanwhile
    const context = `command #${i} ${method} ${JSON.stringify(body)} (version ${state.version})`;
    if (comparable(server.lists) !== comparable(state.lists)) {
      const differing = server.lists.map((l) => l.item).filter((item) =>
        comparable(server.lists.filter((l) => l.item === item)) !==
        comparable(state.lists.filter((l) => l.item === item)));
      const show = (lists) => comparable(lists.filter((l) => differing.includes(l.item)));
      failure = `${context}: the folded state differs on ${differing.join(', ')}:\n  server ${show(server.lists)}\n  folded ${show(state.lists)}`;
      break;
    }
    if (JSON.stringify(canonical(server.points || {})) !== JSON.stringify(canonical(state.points || {}))) {
      failure = `${context}: the points of order differ:\n  server ${JSON.stringify(server.points)}\n  folded ${JSON.stringify(state.points)}`;
      break;
    }
        if ((server.status || '') !== (state.status || '') ||
        (server.currentItem || '') !== state.currentItem) {
      failure = `${context}: the meeting's status or item differs`;
      break;
    }
    const now = SPK.parseTime(server.serverTime);
    for (const list of server.lists) {
      const mine = SPK.expectedWaits(state.lists.find((l) => l.item === list.item), now);
      (list.waiting || []).forEach((e, k) => {
        const theirs = SPK.parseDuration(e.expectedWait);
        if (Math.abs(theirs - mine[k]) > 1) {
          failure = `${context}: expected wait of ${e.delegation} on ${list.item}: server ${theirs} ms, page ${mine[k]} ms`;
        }
      });
    }
  }
} finally {
  console.log(`${count} commands, ${accepted} accepted, ${deltas} deltas`);
  console.log(Object.entries(tally).map(([m, [a, n]]) => `${m} ${a}/${n}`).join(', '));
  if (failure) { console.log(`FAIL  ${failure}`); code = 1; }
  else if (accepted < count / 4) { console.log('FAIL  too few commands were accepted'); code = 1; }
  else console.log('ok    every folded state was the server\'s');
  child.kill('SIGTERM');
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(code);
}
