#!/usr/bin/env node
// Real-browser tests of the pages served by speakers-server: Debian's
// chromium driven by playwright-core (never a downloaded browser).
//
//   node tests/browser/run.mjs <speakers-server> <output dir>
//
// Starts the server on port 0 (HTTP and gRPC) over a fresh data directory,
// prepares the plenary through the JSON API, then checks the room display,
// the chair's console and the delegation page in the browser. Screenshots
// (1920x1080 and 1280x720) go to <output dir>. Prints "N passed, N failed";
// exits 1 on a failure. Skips (exit 0) only when chromium or playwright-core
// is missing (deploy/test.sh installs both).
import path from 'node:path';
import { openHarness, check, uuid } from './harness.mjs';

const h = await openHarness('run.mjs');
const api = (method, body, token) => h.api(method, body, token);
const test = (name, body) => h.test(name, body);
const base = () => h.base();
const outDir = h.outDir;

// ---- The scenario ----

const list = { meeting: 'plenary', item: '1 (f)' };
const speakers = [
  ['GBR', 'H.E. Mr. Alexander Montgomery-Fitzwilliam', 'Minister of State for Europe and North America', 'RANK_MINISTER'],
  ['AUT', 'H.E. Ms. Anna Gruber', 'Federal Minister of Justice', 'RANK_MINISTER'],
  ['FRA', 'M. Jean Dupont', 'Ambassadeur, Représentant permanent', 'RANK_HEAD_OF_DELEGATION'],
  ['CHN', 'Mr. Li Wei', 'Vice-Minister of Supervision', 'RANK_VICE_MINISTER'],
  ['BRA', 'Ms. Ana Souza', 'Ambassador', 'RANK_HEAD_OF_DELEGATION'],
  ['KEN', 'Mr. John Kamau', 'Attorney General', 'RANK_HEAD_OF_DELEGATION'],
  ['VEN', 'Sr. Carlos Pérez', 'Embajador', 'RANK_HEAD_OF_DELEGATION'],
  ['DEU', 'Dr. Klaus Weber', 'State Secretary', 'RANK_VICE_MINISTER'],
];

let browser;
try {
  await h.startServer();
  const t = h.tokens();
  const chair = t['chair plenary'];
  check(chair && t['delegation AUT'], 'new-tokens.txt has no chair or delegation tokens');
  await api('ChangeMeeting', { meeting: 'plenary', action: 'MEETING_OPEN' }, chair);
  await api('SetCurrentItem', { meeting: 'plenary', item: '1 (f)' }, chair);
  for (const [delegation, name, title, rank] of speakers) {
    // The 2017 list is closed: only the chair may still add speakers.
    await api('AddSpeaker', { list, delegation, speaker: { name, title, rank } }, chair);
  }
  await api('CallNext', { list }, chair);
  await api('Timer', { list, action: 'TIMER_START' }, chair);

  browser = await h.launch();
  const pageErrors = [];
  const newPage = async (width, height) => {
    const page = await browser.newPage({ viewport: { width, height } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    return page;
  };
  const shot = (page, name) => page.screenshot({ path: path.join(outDir, name) });
  const text = (page, selector) => page.locator(selector).innerText();
  const firstWaiting = (page) => page.$eval('#queue li', (li) => li.dataset.delegation || '');

  const display = await newPage(1920, 1080);
  const small = await newPage(1280, 720);

  await test('the display loads and shows the state', async () => {
    await display.goto(`${base()}/display/plenary?lang=en`);
    await display.waitForFunction(() =>
      document.getElementById('current-delegation').dataset.delegation === 'GBR', null, { timeout: 5000 });
    check((await text(display, '#current-delegation')).includes('United Kingdom of Great Britain and Northern Ireland'),
      'the current speaker is not shown');
    check((await text(display, '#current-speaker')).includes('Montgomery-Fitzwilliam'), 'no speaker name');
    check((await text(display, '#item')).includes('1 (f)'), 'no agenda item');
    check((await text(display, '#list-status')).includes('List closed'), 'no list status');
    check((await text(display, '#meeting-status')) === 'In session', 'no meeting status');
    const queue = await display.$$eval('#queue li[data-delegation]', (items) => items.map((li) => li.dataset.delegation));
    check(JSON.stringify(queue) === JSON.stringify(['AUT', 'FRA', 'CHN', 'BRA', 'KEN']), `next five: ${queue}`);
    check((await text(display, '#queue .q-more')).includes('and 2 more'), 'no "and 2 more"');
    check(/^\d+:\d\d$/.test(await text(display, '#clock')), 'no M:SS clock');
    await shot(display, 'display-live-en-1920x1080.png');
  });

  // Nothing leaves its box or the screen (long names wrap or shrink).
  const overflows = (page) => page.evaluate(() => {
    const bad = [];
    const ids = ['meeting', 'item', 'current-delegation', 'current-speaker', 'queue'];
    for (const id of ids) {
      const node = document.getElementById(id);
      const r = node.getBoundingClientRect();
      if (node.scrollHeight > node.clientHeight + 1 || node.scrollWidth > node.clientWidth + 1) bad.push(`${id} overflows its box`);
      if (r.left < 0 || r.right > innerWidth + 1 || r.bottom > innerHeight + 1) bad.push(`${id} leaves the screen`);
    }
    return bad;
  });

  await test('long names never overflow at 1920x1080 and 1280x720', async () => {
    check((await overflows(display)).length === 0, (await overflows(display)).join('; '));
    await small.goto(`${base()}/display/plenary?lang=en`);
    await small.waitForFunction(() => document.getElementById('current-delegation').dataset.delegation === 'GBR');
    await small.waitForTimeout(300);
    check((await overflows(small)).length === 0, (await overflows(small)).join('; '));
    await shot(small, 'display-live-en-1280x720.png');
  });

  await test('the countdown runs down', async () => {
    const first = await display.evaluate(() => SPK_DISPLAY.remaining());
    await display.waitForTimeout(1500);
    const second = await display.evaluate(() => SPK_DISPLAY.remaining());
    check(first - second > 1200 && first - second < 1800, `remaining went from ${first} to ${second}`);
    check(second < 300000 && second > 240000, `remaining ${second} is not near 5:00`);
  });

  await test('two displays agree within 100 ms', async () => {
    const read = (page) => page.evaluate(() => ({ remaining: SPK_DISPLAY.remaining(), at: Date.now() }));
    const [a, b] = await Promise.all([read(display), read(small)]);
    // Same machine, same local clock: compare at one instant.
    const gap = Math.abs((a.remaining + a.at) - (b.remaining + b.at));
    check(gap < 100, `the displays differ by ${gap} ms`);
  });

  await test('a chair command appears on the display within 1 s', async () => {
    const started = Date.now();
    await api('Swap', { list, first: 'AUT', second: 'FRA' }, chair);
    await display.waitForFunction(() => document.querySelector('#queue li').dataset.delegation === 'FRA', null, { timeout: 1000 });
    const took = Date.now() - started;
    check(took < 1000, `took ${took} ms`);
    await api('Swap', { list, first: 'AUT', second: 'FRA' }, chair);
    await display.waitForFunction(() => document.querySelector('#queue li').dataset.delegation === 'AUT', null, { timeout: 1000 });
  });

  await test('paused shows "Paused" and stops the clock', async () => {
    await api('Timer', { list, action: 'TIMER_PAUSE' }, chair);
    await display.waitForFunction(() => document.getElementById('clock').dataset.state === 'paused', null, { timeout: 1000 });
    check((await text(display, '#clock-note')) === 'Paused', 'no "Paused"');
    const a = await display.evaluate(() => SPK_DISPLAY.remaining());
    await display.waitForTimeout(600);
    const b = await display.evaluate(() => SPK_DISPLAY.remaining());
    check(a === b, `a paused clock moved from ${a} to ${b}`);
    await api('Timer', { list, action: 'TIMER_RESUME' }, chair);
    await display.waitForFunction(() => document.getElementById('clock').dataset.state === 'running', null, { timeout: 1000 });
  });

  const color = (page) => page.$eval('#clock', (c) => getComputedStyle(c).color);

  await test('amber from the warning threshold', async () => {
    const remaining = await display.evaluate(() => SPK_DISPLAY.remaining());
    // Leave 20 s: under the 30 s warning.
    const delta = -Math.round((remaining - 20000) / 1000);
    await api('AddTime', { list, delta: `${delta}s` }, chair);
    await display.waitForFunction(() => document.getElementById('clock').classList.contains('warning'), null, { timeout: 2000 });
    check((await color(display)) === 'rgb(255, 179, 0)', `the clock is ${await color(display)}`);
    await shot(display, 'display-warning-1920x1080.png');
  });

  await test('the overrun turns red and counts past zero', async () => {
    const remaining = await display.evaluate(() => SPK_DISPLAY.remaining());
    // Leave 2 s, then let it run out.
    const delta = -Math.round((remaining - 2000) / 1000);
    await api('AddTime', { list, delta: `${delta}s` }, chair);
    await display.waitForFunction(() => document.getElementById('clock').classList.contains('overrun'), null, { timeout: 6000 });
    check((await color(display)) === 'rgb(255, 77, 77)', `the clock is ${await color(display)}`);
    await display.waitForFunction(() => document.getElementById('clock').textContent.startsWith('+'), null, { timeout: 3000 });
    check((await text(display, '#clock-note')) === 'Over time', 'no "Over time"');
    await shot(display, 'display-overrun-1920x1080.png');
    await small.waitForFunction(() => document.getElementById('clock').classList.contains('overrun'), null, { timeout: 2000 });
    await shot(small, 'display-overrun-1280x720.png');
  });

  await test('the Arabic display is right to left, in Arabic', async () => {
    const ar = await newPage(1920, 1080);
    await ar.goto(`${base()}/display/plenary?lang=ar`);
    await ar.waitForFunction(() => document.getElementById('current-delegation').dataset.delegation === 'GBR');
    // Names come from GetSession, which may land after the first update.
    await ar.waitForFunction(() => /[\u0600-\u06FF]/.test(document.getElementById('current-delegation').textContent), null, { timeout: 5000 });
    check((await ar.evaluate(() => document.documentElement.dir)) === 'rtl', 'dir is not rtl');
    check((await ar.evaluate(() => document.documentElement.lang)) === 'ar', 'lang is not ar');
    check((await text(ar, '#next-label')).includes('المتكلمون'), 'the labels are not Arabic');
    check((await overflows(ar)).length === 0, (await overflows(ar)).join('; '));
    await shot(ar, 'display-live-ar-1920x1080.png');
    await ar.setViewportSize({ width: 1280, height: 720 });
    await ar.waitForTimeout(300);
    check((await overflows(ar)).length === 0, (await overflows(ar)).join('; '));
    await shot(ar, 'display-live-ar-1280x720.png');
    await ar.close();
  });

  await test('the other languages and their long names fit', async () => {
    for (const lang of ['zh', 'fr', 'ru', 'es']) {
      const page = await newPage(1280, 720);
      await page.goto(`${base()}/display/plenary?lang=${lang}`);
      await page.waitForFunction(() => document.getElementById('current-delegation').dataset.delegation === 'GBR');
      await page.waitForFunction((l) => document.documentElement.lang === l && document.getElementById('current-delegation').textContent !==
        'United Kingdom of Great Britain and Northern Ireland', lang, { timeout: 5000 });
      check((await page.evaluate(() => document.documentElement.dir)) === 'ltr', `${lang} is not ltr`);
      check((await overflows(page)).length === 0, `${lang}: ${(await overflows(page)).join('; ')}`);
      if (lang === 'zh' || lang === 'ru') await shot(page, `display-live-${lang}-1280x720.png`);
      await page.close();
    }
  });

  await test("the chair console's Next button works", async () => {
    const console_ = await newPage(1280, 720);
    await console_.goto(`${base()}/chair/plenary`);
    await console_.fill('#token-input', chair);
    await console_.click('#signin-form button[type=submit]');
    // Every command the console POSTs carries a fresh request id.
    const posted = [];
    console_.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/api/')) {
        posted.push({ method: r.url().split('/api/')[1], body: r.postDataJSON() });
      }
    });
    await console_.waitForFunction(() => document.getElementById('current-name').textContent.includes('GBR'), null, { timeout: 5000 });
    const rows = await console_.$$eval('#waiting tr[data-delegation]', (r) => r.map((x) => x.dataset.delegation));
    check(rows.length === 7 && rows[0] === 'AUT', `waiting rows: ${rows}`);
    await shot(console_, 'chair-1280x720.png');
    const started = Date.now();
    await console_.click('#next');
    await display.waitForFunction(() => document.getElementById('current-delegation').dataset.delegation === 'AUT', null, { timeout: 1000 });
    check(Date.now() - started < 1000, 'the display took more than 1 s');
    await console_.waitForFunction(() => document.getElementById('current-name').textContent.includes('AUT'), null, { timeout: 1000 });
    check((await text(console_, '#message')).includes('Next speaker: done'), 'no confirmation');
    const calls = posted.filter((p) => p.method === 'CallNext');
    check(calls.length === 1 && uuid.test(calls[0].body.requestId || ''),
      `CallNext was posted without a request id: ${JSON.stringify(posted)}`);
    check((await firstWaiting(display)) === 'FRA', 'France is not next');

    // Keyboard: Space starts the clock, N calls the next speaker.
    await console_.locator('body').press(' ');
    await display.waitForFunction(() => document.getElementById('clock').dataset.state === 'running', null, { timeout: 1000 });
    await console_.keyboard.press('n');
    await display.waitForFunction(() => document.getElementById('current-delegation').dataset.delegation === 'FRA', null, { timeout: 1000 });

    // Move and remove from the console.
    await console_.click('#waiting tr[data-delegation="BRA"] button[title="Move up"]');
    await display.waitForFunction(() => document.querySelector('#queue li').dataset.delegation === 'BRA', null, { timeout: 1000 });
    const commands = posted.filter((p) => p.method !== 'GetSession');
    const ids = commands.map((p) => p.body.requestId);
    check(commands.map((p) => p.method).join() === 'CallNext,Timer,CallNext,Move' &&
          ids.every((id) => uuid.test(id || '')) && new Set(ids).size === 4,
      `each command needs a request id of its own: ${JSON.stringify(commands)}`);

    // A refusal is shown in the server's words.
    await console_.fill('#add-delegation', 'XYZ');
    await console_.fill('#add-name', 'Someone');
    await console_.click('#add-form button[type=submit]');
    await console_.waitForFunction(() => document.getElementById('message').classList.contains('error'), null, { timeout: 2000 });
    const refusal = await text(console_, '#message');
    check(refusal.includes('no delegation with code "XYZ"'), `the refusal says: ${refusal}`);
    await shot(console_, 'chair-error-1280x720.png');
    await console_.setViewportSize({ width: 1920, height: 1080 });
    await shot(console_, 'chair-1920x1080.png');
    await console_.close();
  });

  await test('a command with no answer in time is retried with the same request id and applied once', async () => {
    const console_ = await newPage(1280, 720);
    await console_.goto(`${base()}/chair/plenary`);
    await console_.fill('#token-input', chair);
    await console_.click('#signin-form button[type=submit]');
    await console_.waitForFunction(() => document.getElementById('current-name').textContent.includes('FRA'), null, { timeout: 5000 });
    // The server's own state, read after each answer.
    const limit = async () => parseFloat((await api('GetList', list, chair)).current.timer.limit) * 1000;
    const serverVersion = async () => Number((await api('GetMeeting', { meeting: 'plenary' }, chair)).version);
    const before = await limit();
    const version = await serverVersion();
    check((await console_.evaluate(() => SPK_CHAIR.watch.version)) === version, 'the console is behind');
    // The first attempt reaches the server and is applied, but the answer
    // the page gets is the gateway's 504 (as after command_timeout).
    const bodies = [];
    let attempts = 0;
    await console_.route('**/api/AddTime', async (route) => {
      bodies.push(route.request().postDataJSON());
      if (++attempts > 1) return route.continue();
      const applied = await route.fetch();
      check(applied.status() === 200, `the first AddTime: HTTP ${applied.status()}`);
      return route.fulfill({
        status: 504, contentType: 'application/json; charset=utf-8',
        body: JSON.stringify({
          code: 'DEADLINE_EXCEEDED',
          message: 'no answer within 10 s; the command may still have been applied — the list shows the ' +
                   'current state; retrying it with the same request_id is safe, it will not be applied twice',
        }),
      });
    });
    await console_.click('#add-minute');
    await console_.waitForSelector('#message .c-retry', { timeout: 2000 });
    const warning = await text(console_, '#message');
    check(warning.includes('Add a minute — no answer within 10 s; the command may still have been applied'),
      `the message says: ${warning}`);
    await shot(console_, 'chair-retry-1280x720.png');
    await console_.waitForFunction((v) => SPK_CHAIR.watch.version === v + 1, version, { timeout: 2000 });
    await console_.click('#message .c-retry');
    await console_.waitForFunction(() => document.getElementById('message').textContent.includes('Add a minute: done'),
      null, { timeout: 2000 });
    check(bodies.length === 2 && uuid.test(bodies[0].requestId || '') && bodies[1].requestId === bodies[0].requestId,
      `the retry did not reuse the request id: ${JSON.stringify(bodies)}`);
    // Applied once: one minute more, one version more.
    check((await limit()) - before === 60000, `the limit went from ${before} to ${await limit()} ms`);
    check((await serverVersion()) === version + 1, `applied twice: version ${version} then ${await serverVersion()}`);
    await console_.close();
  });

  await test('the delegation page shows its place and changes its speaker', async () => {
    const page = await newPage(1280, 720);
    await page.goto(`${base()}/delegation`);
    await page.fill('#token-input', t['delegation KEN']);
    await page.click('#signin-form button[type=submit]');
    await page.waitForFunction(() => /in line|You are next/.test(document.getElementById('mine').textContent), null, { timeout: 5000 });
    const mine = await text(page, '#mine');
    check(/Expected to start at about \d\d:\d\d/.test(mine), `no expected start: ${mine}`);
    // Other delegations: names only, no speakers.
    const others = await page.$$eval('#public-list tr:not(.mine)', (r) => r.map((x) => x.textContent).join(' '));
    check(!others.includes('Souza') && others.includes('Brazil'), `the public list shows: ${others}`);
    await shot(page, 'delegation-1280x720.png');
    await page.fill('#speaker-name', 'Ms. Wanjiku Otieno');
    await page.click('#speaker-submit');
    await display.waitForFunction(() => document.getElementById('queue').textContent.includes('Wanjiku Otieno'), null, { timeout: 1000 });
    await page.click('#withdraw');
    await page.click('#confirm-ok');  // the confirmation (delegation_suite.mjs tests it)
    await display.waitForFunction(() => !document.querySelector('#queue li[data-delegation="KEN"]'), null, { timeout: 1000 });
    await page.waitForFunction(() => document.getElementById('mine').textContent.includes('on no list'), null, { timeout: 2000 });
    await page.close();
  });

  await test('a point of order: the delegate raises, the chair grants, the display shows, the clock waits', async () => {
    try { await api('Timer', { list, action: 'TIMER_START' }, chair); } catch (e) { /* already running */ }
    const speaking = (await api('GetList', list, chair)).current;
    check(speaking.timer.state === 'TIMER_RUNNING', `the clock is ${speaking.timer.state}`);
    const who = speaking.entry.delegation;
    // The delegate, on a phone.
    const phone = await newPage(390, 844);
    await phone.goto(`${base()}/delegation`);
    await phone.fill('#token-input', t['delegation KEN']);
    await phone.click('#signin-form button[type=submit]');
    await phone.waitForFunction(() => !document.getElementById('raise-point').disabled, null, { timeout: 5000 });
    await phone.click('#raise-point');
    await phone.waitForFunction(() => document.getElementById('point-status').textContent.includes('waiting'), null, { timeout: 2000 });
    await shot(phone, 'delegation-point-390x844.png');
    // The chair sees it at once and grants it.
    const console_ = await newPage(1440, 900);
    await console_.goto(`${base()}/chair/plenary`);
    await console_.fill('#token-input', chair);
    await console_.click('#signin-form button[type=submit]');
    await console_.waitForSelector('#points tr[data-delegation="KEN"]', { timeout: 5000 });
    await shot(console_, 'chair-point-waiting-1440x900.png');
    await console_.click('#points tr[data-delegation="KEN"] button.primary');
    await display.waitForFunction(() => document.body.dataset.point === 'heard' &&
      document.getElementById('current-delegation').dataset.delegation === 'KEN', null, { timeout: 1000 });
    const label = await display.$eval('#floor-label', (n) => n.textContent);
    check(label === 'Point of order', `the label says ${label}`);
    check((await text(display, '#current-delegation')) === 'Kenya', 'the display does not name Kenya');
    const paused = (await api('GetList', list, chair)).current.timer;
    check(paused.state === 'TIMER_PAUSED', `the interrupted clock is ${paused.state}`);
    await phone.waitForFunction(() => document.getElementById('point-status').textContent.includes('You have the floor'), null, { timeout: 2000 });
    await console_.waitForFunction(() => !document.getElementById('point-heard').hidden, null, { timeout: 1000 });
    await display.waitForTimeout(1100);
    await shot(display, 'display-point-1920x1080.png');
    await shot(console_, 'chair-point-heard-1440x900.png');
    check(JSON.stringify((await api('GetList', list, chair)).current.timer) === JSON.stringify(paused),
      'the interrupted clock moved during the point');
    // The chair ends it: the speaker has the floor again with the time used.
    await console_.click('#end-point');
    await display.waitForFunction((d) => document.getElementById('current-delegation').dataset.delegation === d &&
      document.getElementById('clock').dataset.state === 'running', who, { timeout: 1000 });
    const resumed = (await api('GetList', list, chair)).current.timer;
    check(resumed.state === 'TIMER_RUNNING' && resumed.accumulated === paused.accumulated,
      `after the point: ${JSON.stringify(resumed)}, before: ${JSON.stringify(paused)}`);
    // A mistaken "next" undone: the speaker keeps the floor and the time used.
    const next = (await api('GetList', list, chair)).waiting[0].delegation;
    await console_.click('#next');
    await display.waitForFunction((d) => document.getElementById('current-delegation').dataset.delegation === d, next, { timeout: 1000 });
    await console_.waitForFunction(() => !document.getElementById('undo-next').disabled, null, { timeout: 1000 });
    await console_.click('#undo-next');
    await display.waitForFunction((d) => document.getElementById('current-delegation').dataset.delegation === d, who, { timeout: 1000 });
    check((await firstWaiting(display)) === next, `${next} is not back in first place`);
    const back = (await api('GetList', list, chair));
    check(back.current.timer.state === 'TIMER_RUNNING' &&
          parseFloat(back.current.timer.accumulated) >= parseFloat(paused.accumulated),
      `after the undo: ${JSON.stringify(back.current.timer)}`);
    check(!(back.spoken || []).some((s) => s.entry.delegation === next), `${next} has a statement recorded`);
    await phone.close();
    await console_.close();
  });

  await test('the point of order reads in every language', async () => {
    await api('RaisePoint', { meeting: 'plenary', delegation: 'KEN' }, chair);
    await api('GrantPoint', { meeting: 'plenary' }, chair);
    const labels = { en: 'Point of order', fr: 'Motion d’ordre', es: 'Cuestión de orden',
                     ru: 'По порядку ведения заседания', zh: '程序问题', ar: 'نقطة نظام' };
    for (const [lang, label] of Object.entries(labels)) {
      const page = await newPage(1920, 1080);
      await page.goto(`${base()}/display/plenary?lang=${lang}`);
      await page.waitForFunction(() => document.body.dataset.point === 'heard', null, { timeout: 5000 });
      const shown = await page.$eval('#floor-label', (n) => n.textContent);
      check(shown === label, `${lang}: ${shown}`);
      check((await overflows(page)).length === 0, `${lang}: ${(await overflows(page)).join('; ')}`);
      if (lang !== 'en') await shot(page, `display-point-${lang}-1920x1080.png`);
      await page.close();
    }
    await api('EndPoint', { meeting: 'plenary' }, chair);
    await api('Timer', { list, action: 'TIMER_RESET' }, chair);  // as the next test expects
  });

  await test('a revoked token signs the console out at once, saying why', async () => {
    const issued = await api('IssueToken', { role: 'TOKEN_ROLE_CHAIR', scope: 'plenary', name: 'Vice-President' },
      t.secretariat);
    const console_ = await newPage(1280, 720);
    await console_.goto(`${base()}/chair/plenary`);
    await console_.fill('#token-input', issued.token);
    await console_.click('#signin-form button[type=submit]');
    await console_.waitForFunction(() => document.getElementById('live').textContent === 'live', null, { timeout: 5000 });
    // The stream carries the token in a header, never in its address.
    const addresses = [];
    console_.on('request', (r) => addresses.push(r.url()));
    await api('RevokeToken', { id: issued.info.id }, t.secretariat);
    await console_.waitForFunction(() => !document.getElementById('signin').hidden, null, { timeout: 5000 });
    const message = await text(console_, '#message');
    check(message.includes('Signed out: this access token') && message.includes('was revoked'),
      `the console says: ${message}`);
    check(addresses.every((a) => !a.includes('token=')), `a token in an address: ${addresses}`);
    check(!(await console_.evaluate((token) => Object.values(sessionStorage).includes(token), issued.token)),
      'the revoked token is still in the session storage');
    await shot(console_, 'chair-revoked-1280x720.png');
    await console_.close();
  });

  await test('the index links the displays and consoles', async () => {
    const page = await newPage(1280, 720);
    await page.goto(`${base()}/`);
    await page.waitForSelector('a[href="/chair/plenary"]', { timeout: 5000 });
    check(await page.$('a[href="/display/plenary?lang=ar"]'), 'no Arabic display link');
    await shot(page, 'index-1280x720.png');
    await page.close();
  });

  await test('a display that loses the server says so, keeps counting and resumes', async () => {
    const port = h.httpAddress.split(':').pop();
    await api('Timer', { list, action: 'TIMER_START' }, chair);
    await display.waitForFunction(() => document.getElementById('clock').dataset.state === 'running', null, { timeout: 1000 });
    const before = await display.evaluate(() => SPK_DISPLAY.remaining());
    await h.stopServer();
    await display.waitForFunction(() => document.body.dataset.connection === 'reconnecting', null, { timeout: 5000 });
    check(!(await display.$eval('#offline', (n) => n.hidden)), 'no "Reconnecting" banner');
    await display.waitForTimeout(1200);
    const during = await display.evaluate(() => SPK_DISPLAY.remaining());
    check(before - during > 1000, `the clock stopped: ${before} then ${during}`);
    await shot(display, 'display-reconnecting-1920x1080.png');
    const version = await display.evaluate(() => SPK_DISPLAY.watch.version);
    const stream = await display.evaluate(() => SPK_DISPLAY.watch.stream);
    check(/^[0-9a-f]{24}$/.test(stream), `the display holds no stream id: "${stream}"`);
    await h.startServer(`127.0.0.1:${port}`);
    await display.waitForFunction(() => document.body.dataset.connection === 'live', null, { timeout: 10000 });
    await api('Swap', { list, first: 'BRA', second: 'CHN' }, chair);
    await display.waitForFunction(() => document.querySelector('#queue li').dataset.delegation === 'CHN', null, { timeout: 2000 });
    const after = await display.evaluate(() => SPK_DISPLAY.watch.version);
    check(after === version + 1, `resumed from ${version} to ${after}`);
    // Another run of the server: the display took its snapshot (a version
    // names a state only within one run), and now resumes within the new one.
    const restream = await display.evaluate(() => SPK_DISPLAY.watch.stream);
    check(restream !== stream && /^[0-9a-f]{24}$/.test(restream), `stream ${stream} then ${restream}`);
  });

  await test('no script errors on any page', async () => {
    check(pageErrors.length === 0, pageErrors.join('; '));
  });
} catch (e) {
  h.fail('setup', e);
} finally {
  await h.finish();
}
