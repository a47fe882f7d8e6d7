#!/usr/bin/env node
// The chair's console in a real browser, used as a tired chair would: a
// general discussion of 190 speakers run from the console alone, double
// clicks on Next and Remove, live updates arriving while a dialog is open
// or a selection is made, undo within its window and not after, a message
// band that moves no button, shortcuts (never while typing), the six
// languages (lang, dir) at 1440x900 and 390x844; sign-in with this
// meeting's chair's token or the secretariat's only (WhoAmI), any other
// refused saying whose it is.
//
//   node tests/browser/chair_suite.mjs <speakers-server> <output dir>
//
// Screenshots: chair-<lang>-1440x900.png and chair-<lang>-390x844.png for
// the six languages (and the whole page on a phone in English and Arabic,
// chair-<lang>-390x844-full.png), chair-confirm-1440x900.png,
// chair-undo-1440x900.png, chair-settings-1440x900.png. Prints "N passed,
// N failed".
import path from 'node:path';
import { openHarness, check, signInRefused } from './harness.mjs';

const h = await openHarness('chair_suite.mjs');
const api = (method, body, token) => h.api(method, body, token);
const test = (name, body) => h.test(name, body);
const list = { meeting: 'plenary', item: '1 (f)' };
const languages = ['ar', 'zh', 'en', 'fr', 'ru', 'es'];

let browser;
try {
  await h.startServer();
  const t = h.tokens();
  const chair = t['chair plenary'];
  check(chair, 'new-tokens.txt has no chair token for the plenary');
  const session = await api('GetSession', {}, chair);
  const codes = session.delegations.map((d) => d.code);
  check(codes.length >= 200, `only ${codes.length} delegations in the session`);
  // The general discussion: 190 entries, added by the chair (the 2017
  // list is closed), every tenth a minister; the rest of the
  // delegations are kept for inscriptions arriving during the tests.
  await api('SetCurrentItem', { meeting: 'plenary', item: list.item }, chair);
  const onList = codes.slice(0, 190);
  const spare = codes.slice(190);
  for (const [i, delegation] of onList.entries()) {
    await api('AddSpeaker', {
      list, delegation,
      speaker: { name: `Speaker ${i + 1} of ${delegation}`, title: 'Ambassador',
                 rank: i % 10 === 9 ? 'RANK_MINISTER' : 'RANK_HEAD_OF_DELEGATION' },
    }, chair);
  }

  browser = await h.launch();
  const pageErrors = [];
  const shot = (page, name) => page.screenshot({ path: path.join(h.outDir, name) });
  const getList = () => api('GetList', list, chair);
  const limitSeconds = (l) => parseFloat(l.current.timer.limit);
  const waitingCodes = async () => ((await getList()).waiting || []).map((e) => e.delegation);

  // A signed-in console; `posted` collects the commands it sends.
  async function openConsole(width, height, lang = 'en') {
    const page = await browser.newPage({ viewport: { width, height } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    const posted = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/api/')) {
        posted.push({ method: r.url().split('/api/')[1], body: r.postDataJSON() });
      }
    });
    await page.goto(`${h.base()}/chair/plenary?lang=${lang}`);
    await page.fill('#token-input', chair);
    await page.click('#signin-form button[type=submit]');
    await page.waitForFunction(() => window.SPK_CHAIR.watch && window.SPK_CHAIR.watch.state &&
      document.querySelectorAll('#waiting tr[data-delegation]').length > 0, null, { timeout: 10000 });
    const commands = (method) => posted.filter((p) => p.method === method);
    return { page, posted, commands };
  }
  const current = (page) => page.evaluate(() => {
    const l = SPK_CHAIR.watch.list('1 (f)');
    return l && l.current ? l.current.entry.delegation : '';
  });
  const waitVersion = (page, version) =>
    page.waitForFunction((v) => SPK_CHAIR.watch.version >= v, version, { timeout: 5000 });
  const messageKind = (page) => page.$eval('#message', (m) => m.className);
  const messageText = (page) => page.$eval('#message', (m) => m.textContent);
  // A wait that, when it fails, says what the console's message said.
  const says = async (page, waiting) => {
    try {
      return await waiting;
    } catch (e) {
      throw new Error(`${e.message.split('\n')[0]} — the console says: "${await messageText(page)}"`);
    }
  };

  await test('sign-in: this meeting’s chair or the secretariat; another token is refused saying whose', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${h.base()}/chair/plenary?lang=en`);
    const refused = (token, words) => signInRefused(page, token, words);
    await refused('not-a-token-of-this-server', 'This token is not accepted');
    await refused(t['delegation KEN'], 'a delegation (KEN)');
    await refused(t.display, 'a room display’s token');
    if (t['chair experts']) await refused(t['chair experts'], 'open /chair/experts');
    await shot(page, 'chair-signin-refused-en-1440x900.png');
    await page.fill('#token-input', t.secretariat);
    await page.click('#signin-form button[type=submit]');
    await page.waitForFunction(() => window.SPK_CHAIR.watch && window.SPK_CHAIR.watch.state, null, { timeout: 5000 });
    await page.close();
  });

  await test('the console alone opens the meeting and runs the floor', async () => {
    const { page, commands } = await openConsole(1440, 900);
    await page.click('[data-meeting-action="MEETING_OPEN"]');
    await page.waitForFunction(() => SPK_CHAIR.watch.state.status === 'MEETING_IN_SESSION', null, { timeout: 3000 });
    // The 2017 list is closed: reopen it, then call the first speaker.
    await page.click('#open-list');
    await page.waitForFunction(() => SPK_CHAIR.watch.list('1 (f)').status === 'LIST_OPEN', null, { timeout: 3000 });
    const first = (await waitingCodes())[0];
    await page.click('#next');
    await page.waitForFunction((c) => document.getElementById('current-name').textContent.includes(`(${c})`), first, { timeout: 3000 });
    // P starts, + adds a minute, − takes 30 s, P pauses.
    await page.keyboard.press('p');
    await page.waitForFunction(() => SPK_CHAIR.watch.list('1 (f)').current.timer.state === 'TIMER_RUNNING', null, { timeout: 3000 });
    await page.click('#add-minute');
    await page.waitForFunction(() => document.getElementById('message').textContent.includes('Add a minute: done'), null, { timeout: 3000 });
    await page.click('#less-time');
    await page.waitForFunction(() => document.getElementById('message').textContent.includes('Take 30 seconds: done'), null, { timeout: 3000 });
    check((await getList()).current.timer.limit === '330s', `the limit is ${(await getList()).current.timer.limit}`);
    await page.keyboard.press('p');
    await page.waitForFunction(() => SPK_CHAIR.watch.list('1 (f)').current.timer.state === 'TIMER_PAUSED', null, { timeout: 3000 });
    check(/Resume/.test(await page.$eval('#timer-toggle', (b) => b.textContent)), 'the toggle does not offer Resume');

    // The next speaker is absent: A, offered for undo; Undo brings it
    // back next in line.
    const second = (await waitingCodes())[0];
    await page.click('#next');
    await page.waitForFunction((c) => document.getElementById('current-name').textContent.includes(`(${c})`), second, { timeout: 3000 });
    await page.keyboard.press('a');
    await page.waitForSelector('#undo:not([hidden])', { timeout: 3000 });
    check(!(await current(page)), 'the absent speaker still has the floor');
    const undoText = await page.$eval('#undo-text', (n) => n.textContent);
    check(undoText.includes('absent: now at place'), `the undo offer says: ${undoText}`);
    await shot(page, 'chair-undo-1440x900.png');
    await page.click('#undo-button');
    await page.waitForFunction((c) => document.querySelector('#waiting tr[data-delegation]').dataset.delegation === c,
      second, { timeout: 3000 });
    check((await waitingCodes())[0] === second, 'the absent speaker is not back next in line');

    // Next, then U: the call is undone (the floor was empty before it).
    await page.click('#next');
    await page.waitForFunction((c) => document.getElementById('current-name').textContent.includes(`(${c})`), second, { timeout: 3000 });
    await page.keyboard.press('u');
    await page.waitForFunction((c) => !SPK_CHAIR.watch.list('1 (f)').current &&
      document.querySelector('#waiting tr[data-delegation]').dataset.delegation === c, second, { timeout: 3000 });
    check(commands('UndoNext').length === 1, 'U sent no UndoNext');
    // Next, then R: the one who spoke last (the first) is put back next in line.
    await page.click('#next');
    await page.waitForFunction((c) => document.getElementById('current-name').textContent.includes(`(${c})`), second, { timeout: 3000 });
    await page.keyboard.press('r');
    await page.waitForFunction((c) => document.querySelector('#waiting tr[data-delegation]').dataset.delegation === c,
      first, { timeout: 3000 });
    check(commands('ReaddLast').length === 1, 'R sent no ReaddLast');

    // T: the speaker's own time; a bare "3" is refused in words, "3m" is taken.
    await page.keyboard.press('t');
    await page.waitForSelector('#limit-dialog[open]', { timeout: 2000 });
    await page.fill('#limit-input', '3');
    await page.click('#limit-ok');
    const slip = await page.$eval('#limit-error', (n) => n.textContent);
    check(slip.includes('write 3m or 3:00'), `a bare 3 says: ${slip}`);
    await page.fill('#limit-input', '3m');
    await page.click('#limit-ok');
    await page.waitForFunction(() => document.getElementById('message').textContent.includes('speaking time: done'), null, { timeout: 3000 });
    check((await getList()).current.timer.limit === '180s', 'SetTimeLimit did not apply 3m');
    // A waiting speaker's own time, from its row: 1:30.
    const third = (await waitingCodes())[1];
    await page.click(`#waiting tr[data-delegation="${third}"] td.c-actions button:nth-child(3)`);
    await page.fill('#limit-input', '1:30');
    await page.press('#limit-input', 'Enter');
    await page.waitForFunction((c) => document.querySelector(`#waiting tr[data-delegation="${c}"] .ch-time`).textContent === '1:30',
      third, { timeout: 3000 });
    const entry = (await getList()).waiting.find((e) => e.delegation === third);
    check(entry.ownTimeLimit && entry.timeLimit === '90s', `own time: ${JSON.stringify(entry)}`);

    // The list's settings: 4 minutes, a 45 s warning, absent speakers dropped.
    await page.click('#settings-open');
    await page.waitForSelector('#settings[open]', { timeout: 2000 });
    check((await page.inputValue('#set-speaking')) === '5:00', 'the settings do not show 5:00');
    await page.fill('#set-speaking', '4m');
    await page.fill('#set-warning', '45');
    await page.selectOption('#set-absent', 'ABSENT_DROP');
    await shot(page, 'chair-settings-1440x900.png');
    await page.click('#settings-ok');
    await page.waitForFunction(() => document.getElementById('message').textContent.includes('settings: done'), null, { timeout: 3000 });
    const settings = (await getList()).settings;
    check(settings.speakingTime === '240s' && settings.warning === '45s' && settings.absent === 'ABSENT_DROP',
      `settings: ${JSON.stringify(settings)}`);
    check(!settings.observerTime && !settings.groupTime, 'empty observers\' and groups\' times were not cleared');
    // And back to moving absent speakers to the end of their group.
    await page.click('#settings-open');
    await page.selectOption('#set-absent', 'ABSENT_MOVE_TO_END_OF_TIER');
    await page.click('#settings-ok');
    await page.waitForFunction(() => SPK_CHAIR.watch.list('1 (f)').settings.absent === 'ABSENT_MOVE_TO_END_OF_TIER', null, { timeout: 3000 });

    // Close the list: asked first; Yes closes it.
    await page.click('#close-list');
    await page.waitForSelector('#confirm[open]', { timeout: 2000 });
    check((await page.evaluate(() => document.activeElement.id)) === 'confirm-cancel', 'Cancel has not the focus');
    await page.click('#confirm-ok');
    await page.waitForFunction(() => SPK_CHAIR.watch.list('1 (f)').status === 'LIST_CLOSED', null, { timeout: 3000 });
    check(commands('CloseList').length === 1, 'CloseList was not sent once');
    await page.close();
  });

  await test('190 speakers: at least 12 waiting rows in view at 1440x900, no sideways scroll', async () => {
    const { page } = await openConsole(1440, 900);
    await page.waitForFunction(() => document.querySelectorAll('#waiting tr[data-delegation]').length >= 188, null, { timeout: 5000 });
    const visible = await page.evaluate(() => {
      const box = document.getElementById('waiting-scroll').getBoundingClientRect();
      return [...document.querySelectorAll('#waiting tr[data-delegation]')].filter((r) => {
        const b = r.getBoundingClientRect();
        return b.top >= box.top && b.bottom <= box.bottom + 0.5 && b.bottom <= innerHeight;
      }).length;
    });
    check(visible >= 12, `only ${visible} waiting rows are in view`);
    check(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'sideways scroll at 1440x900');
    await page.close();
  });

  await test('a double click on Next calls one speaker; a press the server refused is said calmly', async () => {
    const { page, commands } = await openConsole(1440, 900);
    const before = await current(page);
    // Each first press is held on its way until the second press is made.
    let held = null;    // resolves to the release of the request held
    const holding = () => new Promise((resolve) => { held = resolve; });
    await page.route('**/api/CallNext', async (route) => {
      await new Promise((release) => held(release));
      await route.continue();
    });
    const next = (await waitingCodes())[0];
    let release = holding();
    await page.dblclick('#next');
    (await release)();
    await page.waitForFunction((c) => document.getElementById('current-name').textContent.includes(`(${c})`), next, { timeout: 3000 });
    // N N at once on the keyboard: one more speaker.
    const after = (await waitingCodes())[0];
    release = holding();
    await page.keyboard.press('n');
    await page.keyboard.press('n');
    (await release)();
    await page.waitForFunction((c) => document.getElementById('current-name').textContent.includes(`(${c})`), after, { timeout: 3000 });
    await page.unroute('**/api/CallNext');
    await page.waitForTimeout(300);  // a second CallNext, if one were sent, would be answered by now
    check(commands('CallNext').length === 2, `${commands('CallNext').length} CallNext for two double presses`);
    check(!(await messageKind(page)).includes('error'), `an error after a double press: ${await messageText(page)}`);
    check((await current(page)) === after && before !== after, 'the floor is not where two presses put it');

    // Another console calls the next speaker just before this one's press
    // reaches the server: the server refuses (the floor moved on); the
    // console says so calmly, in a neutral note.
    const expected = await current(page);
    let raced = '';
    await page.route('**/api/CallNext', async (route) => {
      const other = await api('CallNext', { list, expectedCurrent: expected }, chair);
      raced = other.entry.delegation;
      await route.continue();
    });
    await page.keyboard.press('n');
    await page.waitForFunction(() => document.getElementById('message').className.includes('note'), null, { timeout: 3000 });
    const note = await messageText(page);
    const name = session.delegations.find((d) => d.code === raced).names.en;
    check(note === `Already done: ${name} has the floor.`, `the note says: ${note}`);
    check((await getList()).current.entry.delegation === raced, 'the console called a speaker too many');
    await page.unroute('**/api/CallNext');
    await page.close();
  });

  await test('a double click on Remove removes one delegation, shown with its receipt; Undo puts it back in time', async () => {
    const { page, commands } = await openConsole(1440, 900);
    const before = await waitingCodes();
    const victim = before[2];
    const entry = (await getList()).waiting[2];
    await page.dblclick(`#waiting tr[data-delegation="${victim}"] button.danger`);
    await says(page, page.waitForSelector('#undo:not([hidden])', { timeout: 3000 }));
    await page.waitForFunction((c) => !document.querySelector(`#waiting tr[data-delegation="${c}"]`), victim, { timeout: 3000 });
    await page.waitForTimeout(300);  // a second Remove, if one were sent, would be answered by now
    check(commands('Remove').length === 1, `${commands('Remove').length} Remove for a double click`);
    const afterCodes = await waitingCodes();
    check(afterCodes.length === before.length - 1 && afterCodes[2] === before[3],
      'the double click removed another delegation too');
    const offer = await page.$eval('#undo-text', (n) => n.textContent);
    check(offer.includes(`from place 3`) && offer.includes(`receipt ${entry.receipt.number} of`) &&
          offer.includes(entry.speaker.name), `the undo offer says: ${offer}`);
    check(!(await messageKind(page)).includes('error'), `an error: ${await messageText(page)}`);
    // Z undoes it: back at place 3, with its speaker.
    await page.keyboard.press('z');
    await page.waitForFunction((c) => document.querySelectorAll('#waiting tr[data-delegation]')[2].dataset.delegation === c,
      victim, { timeout: 5000 });
    const back = (await getList()).waiting[2];
    check(back.delegation === victim && back.speaker.name === entry.speaker.name, `back: ${JSON.stringify(back)}`);
    // Put back by the server with its receipt (Reinstate), not inscribed anew.
    check(back.receipt.number === entry.receipt.number && back.receipt.at === entry.receipt.at,
      `the receipt was ${JSON.stringify(entry.receipt)}, is ${JSON.stringify(back.receipt)}`);
    check(commands('Reinstate').length === 1 && commands('AddSpeaker').length === 0,
      `undone with ${commands('Reinstate').length} Reinstate, ${commands('AddSpeaker').length} AddSpeaker`);
    check(await page.$eval('#undo', (n) => n.hidden), 'the undo offer stays after its use');

    // After the window, no undo: the offer goes, Z does nothing.
    const gone = (await waitingCodes())[5];
    await page.click(`#waiting tr[data-delegation="${gone}"] button.danger`);
    await page.waitForSelector('#undo:not([hidden])', { timeout: 3000 });
    await page.waitForSelector('#undo[hidden]', { state: 'attached', timeout: 12000 });
    const putBacks = commands('Reinstate').length;
    await page.keyboard.press('z');
    await page.waitForTimeout(300);
    check(commands('Reinstate').length === putBacks && !(await waitingCodes()).includes(gone), 'an undo after its window');
    await page.close();
  });

  await test('messages and the undo offer move no button', async () => {
    const { page } = await openConsole(1440, 900);
    const rects = () => page.evaluate(() => ['next', 'add-minute', 'swap', 'settings-open', 'end-statement']
      .map((id) => document.getElementById(id).getBoundingClientRect())
      .concat([...document.querySelectorAll('#waiting tr[data-delegation] button.danger')].slice(0, 3)
        .map((b) => b.getBoundingClientRect()))
      .map((r) => [r.x, r.y, r.width, r.height].join()).join(' '));
    const quiet = await rects();
    await page.click('#add-minute');  // a message
    await page.waitForFunction(() => document.getElementById('message').textContent.includes('done'), null, { timeout: 3000 });
    check((await rects()) === quiet, 'a message moved a button');
    await page.fill('#add-delegation', 'XYZ');  // a refusal, long
    await page.fill('#add-name', 'Someone');
    await page.click('#add-form button[type=submit]');
    await page.waitForFunction(() => document.getElementById('message').className.includes('error'), null, { timeout: 3000 });
    check((await rects()) === quiet, 'an error moved a button');
    const code = (await waitingCodes())[10];
    await page.click(`#waiting tr[data-delegation="${code}"] button.danger`);  // the undo offer
    await page.waitForSelector('#undo:not([hidden])', { timeout: 3000 });
    await page.waitForFunction((c) => !document.querySelector(`#waiting tr[data-delegation="${c}"]`), code, { timeout: 3000 });
    check((await rects()) === quiet, 'the undo offer moved a button');
    await page.click('#undo-button');
    await page.waitForFunction((c) => Boolean(document.querySelector(`#waiting tr[data-delegation="${c}"]`)), code, { timeout: 5000 });
    await page.close();
  });

  await test('a selection and the scroll survive live updates; Swap acts on the two selected', async () => {
    const { page, commands } = await openConsole(1440, 900);
    const codesNow = await waitingCodes();
    const [a, b] = [codesNow[100], codesNow[104]];
    await page.$eval(`#waiting tr[data-delegation="${a}"]`, (r) => r.scrollIntoView({ block: 'start' }));
    await page.check(`#waiting tr[data-delegation="${a}"] input.pick`);
    await page.check(`#waiting tr[data-delegation="${b}"] input.pick`);
    const top = () => page.evaluate(() => {
      const box = document.getElementById('waiting-scroll').getBoundingClientRect();
      const row = [...document.querySelectorAll('#waiting tr[data-delegation]')]
        .find((r) => r.getBoundingClientRect().bottom > box.top + 2);
      return row.dataset.delegation;
    });
    const firstInView = await top();
    const scrolled = await page.$eval('#waiting-scroll', (s) => s.scrollTop);
    check(scrolled > 1000, `the list did not scroll: ${scrolled}`);
    // Delegates inscribe (a minister goes high on the list), the list moves.
    const version = await page.evaluate(() => SPK_CHAIR.watch.version);
    await api('AddSpeaker', { list, delegation: spare[0], speaker: { name: 'Minister arriving', rank: 'RANK_MINISTER' } }, chair);
    await api('AddSpeaker', { list, delegation: spare[1], speaker: { name: 'Late speaker' } }, chair);
    await api('Move', { list, delegation: codesNow[150], position: 1 }, chair);
    await waitVersion(page, version + 3);
    check(JSON.stringify((await page.evaluate(() => SPK_CHAIR.picked)).sort()) === JSON.stringify([a, b].sort()),
      'the selection was lost');
    check(await page.$eval(`#waiting tr[data-delegation="${a}"] input.pick`, (x) => x.checked) &&
          await page.$eval(`#waiting tr[data-delegation="${b}"] input.pick`, (x) => x.checked), 'the boxes were cleared');
    check((await top()) === firstInView, `the view moved from ${firstInView} to ${await top()}`);
    check(!(await page.$eval('#swap', (x) => x.disabled)), 'Swap is not offered for two selected');
    await page.keyboard.press('s');
    await page.waitForFunction(([x, y]) => {
      const rows = [...document.querySelectorAll('#waiting tr[data-delegation]')].map((r) => r.dataset.delegation);
      return rows.indexOf(x) > rows.indexOf(y);
    }, [a, b], { timeout: 3000 });
    const swap = commands('Swap');
    check(swap.length === 1 && [swap[0].body.first, swap[0].body.second].sort().join() === [a, b].sort().join(),
      `Swap: ${JSON.stringify(swap)}`);
    await page.waitForFunction(() => SPK_CHAIR.picked.length === 0, null, { timeout: 2000 });  // once Swap is answered
    await page.close();
  });

  await test('a confirmation acts on what it named, whatever arrives meanwhile; Escape cancels', async () => {
    const { page, commands } = await openConsole(1440, 900);
    await api('RaisePoint', { meeting: 'plenary', delegation: 'KEN' }, chair);
    await page.waitForSelector('#points tr[data-delegation="KEN"]', { timeout: 3000 });
    await page.click('#points tr[data-delegation="KEN"] button.danger');
    await says(page, page.waitForSelector('#confirm[open]', { timeout: 2000 }));
    check((await page.evaluate(() => document.activeElement.id)) === 'confirm-cancel', 'Cancel has not the focus');
    // While it is open: another point is raised, a speaker is added.
    const version = await page.evaluate(() => SPK_CHAIR.watch.version);
    await api('RaisePoint', { meeting: 'plenary', delegation: 'FRA' }, chair);
    await api('AddSpeaker', { list, delegation: spare[2], speaker: { name: 'During the dialog' } }, chair);
    await waitVersion(page, version + 2);
    const text = await page.$eval('#confirm-text', (n) => n.textContent);
    check(text === 'Dismiss the point of order of Kenya?', `the dialog says: ${text}`);
    await shot(page, 'chair-confirm-1440x900.png');
    await page.click('#confirm-ok');
    await page.waitForFunction(() => !document.querySelector('#points tr[data-delegation="KEN"]'), null, { timeout: 3000 });
    const dismissed = commands('DismissPoint');
    check(dismissed.length === 1 && dismissed[0].body.delegation === 'KEN', `DismissPoint: ${JSON.stringify(dismissed)}`);
    check(await page.$('#points tr[data-delegation="FRA"]'), "France's point went too");
    // Escape cancels: nothing is sent.
    await page.click('#points tr[data-delegation="FRA"] button.danger');
    await page.waitForSelector('#confirm[open]', { timeout: 2000 });
    await page.keyboard.press('Escape');
    await page.waitForSelector('#confirm:not([open])', { state: 'attached', timeout: 2000 });
    check(commands('DismissPoint').length === 1, 'Escape dismissed the point');
    await api('WithdrawPoint', { meeting: 'plenary', delegation: 'FRA' }, chair);
    // Reset clock, asked for one speaker: if the floor moved on meanwhile,
    // nothing is reset and the console says why.
    const speaking = await current(page);
    await page.click('#timer-reset');
    await page.waitForSelector('#confirm[open]', { timeout: 2000 });
    const v2 = await page.evaluate(() => SPK_CHAIR.watch.version);
    await api('CallNext', { list, expectedCurrent: speaking }, chair);
    await waitVersion(page, v2 + 1);
    await page.click('#confirm-ok');
    await page.waitForFunction(() => document.getElementById('message').textContent.includes('no longer has the floor'), null, { timeout: 3000 });
    check(!commands('Timer').some((c) => c.body.action === 'TIMER_RESET'), 'the clock of another speaker was reset');
    await page.close();
  });

  await test('shortcuts are listed, and never fire while typing', async () => {
    const { page, commands } = await openConsole(1440, 900);
    const legend = await page.$eval('#shortcuts', (n) => n.textContent);
    for (const words of ['next speaker', 'start, pause or resume the clock', 'undo the last “next”', 'add a speaker']) {
      check(legend.includes(words), `the shortcuts do not list "${words}"`);
    }
    await page.click('#add-name');
    await page.keyboard.type('Nadia Perez');
    await page.keyboard.press('Space');
    await page.waitForTimeout(200);
    check(commands('CallNext').length === 0 && commands('Timer').length === 0 && commands('UndoNext').length === 0,
      `typing sent commands: ${JSON.stringify(commands('CallNext').concat(commands('Timer')))}`);
    check((await page.inputValue('#add-name')) === 'Nadia Perez ', 'the typing was eaten');
    await page.fill('#add-name', '');
    await page.click('#clock');  // out of the field
    const limitBefore = limitSeconds(await getList());
    await page.keyboard.press('+');
    await page.waitForFunction(() => document.getElementById('message').textContent.includes('Add a minute: done'), null, { timeout: 3000 });
    await page.keyboard.press('-');
    await page.waitForFunction(() => document.getElementById('message').textContent.includes('Take 30 seconds: done'), null, { timeout: 3000 });
    check(limitSeconds(await getList()) - limitBefore === 30, 'plus and minus did not add 30 s in all');
    await page.keyboard.press('/');
    check((await page.evaluate(() => document.activeElement.id)) === 'add-delegation', '/ does not go to the form');
    await page.close();
  });

  await test('the six languages: lang and dir, the words, no sideways scroll at 390x844', async () => {
    const expected = {
      ar: ['لوحة الرئيس', 'rtl'], zh: ['主席控制台', 'ltr'], en: ['Chair’s console', 'ltr'],
      fr: ['Console de la présidence', 'ltr'], ru: ['Пульт председателя', 'ltr'], es: ['Consola de la Presidencia', 'ltr'],
    };
    for (const lang of languages) {
      const { page } = await openConsole(1440, 900, lang);
      const [html, dir, title] = await page.evaluate(() =>
        [document.documentElement.lang, document.documentElement.dir, document.getElementById('title').textContent]);
      check(html === lang && dir === expected[lang][1], `${lang}: lang=${html} dir=${dir}`);
      check(title.startsWith(expected[lang][0]), `${lang}: the title is ${title}`);
      check(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), `${lang}: sideways scroll at 1440x900`);
      await page.evaluate(() => document.getElementById('waiting-scroll').scrollTo(0, 0));
      await shot(page, `chair-${lang}-1440x900.png`);
      await page.setViewportSize({ width: 390, height: 844 });
      await page.waitForTimeout(100);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
      check(overflow <= 0, `${lang}: ${overflow} px of sideways scroll at 390x844`);
      await shot(page, `chair-${lang}-390x844.png`);
      // The whole page on a phone, for a look at the list and the forms.
      if (lang === 'en' || lang === 'ar') {
        await page.screenshot({ path: path.join(h.outDir, `chair-${lang}-390x844-full.png`), fullPage: true });
      }
      await page.close();
    }
    // The choice is remembered: a console opened without ?lang= is in the
    // language picked last.
    const { page } = await openConsole(1440, 900, 'fr');
    await page.selectOption('#lang', 'ru');
    await page.waitForFunction(() => document.documentElement.lang === 'ru', null, { timeout: 2000 });
    await page.goto(`${h.base()}/chair/plenary`);
    await page.waitForFunction(() => document.documentElement.lang === 'ru' &&
      document.getElementById('next').textContent.includes('Следующий оратор'), null, { timeout: 5000 });
    await page.evaluate(() => localStorage.removeItem('speakers.lang'));
    await page.close();
  });

  await test('the end of the day from the console: end statement, a right of reply, a point of order, adjourn', async () => {
    const { page, commands } = await openConsole(1440, 900);
    // End statement, asked first.
    await page.keyboard.press('e');
    await page.waitForSelector('#confirm[open]', { timeout: 2000 });
    await page.click('#confirm-ok');
    await page.waitForFunction(() => !SPK_CHAIR.watch.list('1 (f)').current, null, { timeout: 3000 });
    // A right of reply given by the chair, on the current item.
    check((await page.inputValue('#reply-item')) === list.item, 'the reply is not on the current item');
    await page.fill('#reply-delegation', 'ven');
    await page.fill('#reply-name', 'Sr. Carlos Pérez');
    await page.click('#reply-form button[type=submit]');
    await says(page, page.waitForSelector('#replies tr[data-delegation="VEN"]', { timeout: 3000 }));
    // The reply list is run like any other.
    await page.click('#work-replies');
    await page.waitForFunction(() => document.getElementById('item-select').value === 'reply', null, { timeout: 2000 });
    await page.click('#next');
    await page.waitForFunction(() => document.getElementById('current-name').textContent.includes('(VEN)'), null, { timeout: 3000 });
    check((await getList()).current === undefined, 'the general discussion still has the floor');
    // A point of order during the reply: G grants it, End point ends it.
    await api('RaisePoint', { meeting: 'plenary', delegation: 'KEN' }, chair);
    await page.waitForSelector('#points tr[data-delegation="KEN"]', { timeout: 3000 });
    await page.keyboard.press('g');
    await page.waitForSelector('#point-heard:not([hidden])', { timeout: 3000 });
    await page.click('#end-point');
    await page.waitForSelector('#point-heard[hidden]', { state: 'attached', timeout: 3000 });
    check(commands('GrantPoint').length === 1 && commands('EndPoint').length === 1, 'the point was not granted and ended once');
    // Suspend, resume, adjourn (asked first).
    await page.click('[data-meeting-action="MEETING_SUSPEND"]');
    await page.waitForFunction(() => SPK_CHAIR.watch.state.status === 'MEETING_SUSPENDED', null, { timeout: 3000 });
    await page.click('[data-meeting-action="MEETING_RESUME"]');
    await page.waitForFunction(() => SPK_CHAIR.watch.state.status === 'MEETING_IN_SESSION', null, { timeout: 3000 });
    await page.click('[data-meeting-action="MEETING_ADJOURN"]');
    await page.waitForSelector('#confirm[open]', { timeout: 2000 });
    check((await page.$eval('#confirm-text', (n) => n.textContent)).includes('Plenary of the Conference'), 'the dialog does not name the meeting');
    await page.dblclick('#confirm-ok');
    await page.waitForFunction(() => SPK_CHAIR.watch.state.status === 'MEETING_ADJOURNED', null, { timeout: 3000 });
    check(commands('ChangeMeeting').filter((c) => c.body.action === 'MEETING_ADJOURN').length === 1,
      'a double click on Yes adjourned twice');
    await page.close();
  });

  await test('no script errors on any console', async () => {
    check(pageErrors.length === 0, `script errors: ${pageErrors.join('; ')}`);
  });
} catch (e) {
  h.fail('setup', e);
}
await h.finish();
