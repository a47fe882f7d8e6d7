#!/usr/bin/env node
// The delegate page (/delegation) on a phone, in a real browser:
//
//   node tests/browser/delegation_suite.mjs <speakers-server> <output dir>
//
// Over the built-in session (its agenda titles are long): no horizontal
// scroll at 320x640, 360x740, 390x844 and 1280x800, every control at
// least 44 px high; Withdraw asks first in an in-page dialog (Cancel
// focused, Escape cancels, the list named), Cancel keeps the place,
// Confirm withdraws, a double tap withdraws once, and a live update while
// the dialog is open (another delegation inscribed, the chair moving to
// another item) does not change the list withdrawn from (each checked
// through the API); the page in the six languages with <html lang dir>
// (rtl for Arabic). Sign-in takes the token alone (the server says whose it
// is; another role's token or an unknown one is refused saying why, and
// nothing is kept); a message moves nothing; withdrawing a point of order
// asks first. Screenshots delegation-<lang>-<W>x<H>.png,
// delegation-signin-<lang>-390x844.png and a few named after their state go
// to the output directory. Prints "N passed, N failed".
import path from 'node:path';
import { openHarness, check, signInRefused } from './harness.mjs';

const h = await openHarness('delegation_suite.mjs');
const api = (method, body, token) => h.api(method, body, token);
const test = (name, body) => h.test(name, body);
const base = () => h.base();

const languages = ['ar', 'zh', 'en', 'fr', 'ru', 'es'];
const list = { meeting: 'plenary', item: '1 (f)' };
const other = { meeting: 'plenary', item: '7 (b)' };
// "Your place" in each language, written here so that a missing or wrong
// translation fails.
const yourPlace = {
  ar: 'ترتيبكم', zh: '您的位置', en: 'Your place', fr: 'Votre rang', ru: 'Ваше место', es: 'Su puesto',
};
const sizes = [[320, 640], [360, 740], [390, 844], [1280, 800]];

try {
  await h.startServer();
  const t = h.tokens();
  const chair = t['chair plenary'];
  check(chair && t['delegation KEN'], 'new-tokens.txt has no chair or KEN token');
  await api('ChangeMeeting', { meeting: 'plenary', action: 'MEETING_OPEN' }, chair);
  await api('SetCurrentItem', { meeting: 'plenary', item: list.item }, chair);
  const add = (l, delegation, name) =>
    api('AddSpeaker', { list: l, delegation, speaker: { name, rank: 'RANK_HEAD_OF_DELEGATION' } }, chair);
  await add(list, 'GBR', 'H.E. Mr. Alexander Montgomery-Fitzwilliam');
  await add(list, 'BRA', 'Ms. Ana Souza');
  await add(list, 'KEN', 'Mr. John Kamau');
  await add(other, 'KEN', 'Mr. John Kamau');
  const waiting = async (l) => ((await api('GetList', l, chair)).waiting || []).map((e) => e.delegation);
  // Resolves once `condition(waiting codes)` holds for the list (the API
  // answers after the page's command was applied; polls, 5 s at most).
  const untilList = async (l, condition, what) => {
    for (let i = 0; i < 100; i++) {
      if (condition(await waiting(l))) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`${what}: the list is ${(await waiting(l)).join(' ')}`);
  };

  const browser = await h.launch();
  const pageErrors = [];
  // A page of the delegation KEN, signed in through the form, in `lang`,
  // once its own place is on screen.
  const signedIn = async (width, height, lang = 'en') => {
    const page = await browser.newPage({ viewport: { width, height } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${base()}/delegation?lang=${lang}`);
    await page.fill('#token-input', t['delegation KEN']);
    await page.click('#signin-form button[type=submit]');
    try {
      await page.waitForFunction(() => document.querySelectorAll('#mine .c-position').length > 0 &&
        ![...document.querySelectorAll('#mine .c-position')].some((p) => p.textContent === '…') &&
        !document.getElementById('withdraw').hidden, null, { timeout: 5000 });
    } catch (e) {
      const seen = await page.evaluate(() => [document.getElementById('mine').textContent,
        document.getElementById('withdraw').hidden, document.getElementById('message').textContent]);
      throw new Error(`${lang} ${width}x${height}: the page shows ${JSON.stringify(seen)}`);
    }
    return page;
  };
  const noOverflow = async (page, where) => {
    const [scroll, inner] = await page.evaluate(() =>
      [document.documentElement.scrollWidth, window.innerWidth]);
    check(scroll <= inner, `${where}: the page is ${scroll} px wide in ${inner} px`);
  };
  const shot = (page, name) => page.screenshot({ path: path.join(h.outDir, name) });

  await test('sign-in takes the token alone; the server names the delegation', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${base()}/delegation?lang=en`);
    check((await page.$('#code-input')) === null, 'the sign-in still asks for a code');
    // Refused: nothing kept, the form stays, the words say why.
    const refused = (token, words) => signInRefused(page, token, words);
    await refused('not-a-token-of-this-server', 'This token is not accepted');
    await refused(chair, 'the chair of the meeting “plenary”');
    await refused(t.display, 'a room display’s token');
    await refused(t.secretariat, 'the secretariat’s token');
    await shot(page, 'delegation-signin-refused-en-390x844.png');
    // KEN's token: the page knows it is Kenya's, and says so.
    await page.fill('#token-input', t['delegation KEN']);
    await page.click('#signin-form button[type=submit]');
    await page.waitForFunction(() => document.getElementById('title').textContent === 'Kenya (KEN)',
      null, { timeout: 5000 });
    check((await page.evaluate(() => sessionStorage.getItem('speakers.delegation.code'))) === 'KEN',
      'the code kept is not KEN');
    // A reload signs in again from the tab's storage, checked by the server.
    await page.reload();
    await page.waitForFunction(() => document.getElementById('title').textContent === 'Kenya (KEN)',
      null, { timeout: 5000 });
    // A token kept for another delegation than the server says is not
    // believed: the page signs out.
    await page.evaluate(() => sessionStorage.setItem('speakers.delegation.code', 'FRA'));
    await page.reload();
    await page.waitForFunction(() => !document.getElementById('signin').hidden, null, { timeout: 5000 });
    check(!(await page.$eval('#title', (n) => n.textContent)).includes('France'), 'the page titles itself France');
    await page.close();
  });

  await test('the sign-in in the six languages', async () => {
    const words = {
      ar: 'مفتاح الوفد', zh: '代表团令牌', en: 'Delegation token', fr: 'Jeton de la délégation',
      ru: 'Токен делегации', es: 'Token de la delegación',
    };
    for (const lang of languages) {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
      page.on('pageerror', (e) => pageErrors.push(e.message));
      await page.goto(`${base()}/delegation?lang=${lang}`);
      const label = await page.$eval('#signin-form label span', (n) => n.textContent);
      check(label === words[lang], `${lang}: the token field says "${label}"`);
      await noOverflow(page, `sign-in ${lang}`);
      await shot(page, `delegation-signin-${lang}-390x844.png`);
      await page.close();
    }
  });

  await test('the message of an action moves nothing and is seen at the foot', async () => {
    const page = await signedIn(390, 844);
    // Where the button is on the page (not in the window: the click
    // scrolls it into view).
    const top = () => page.$eval('#speaker-submit', (n) => n.getBoundingClientRect().top + window.scrollY);
    await page.$eval('#speaker-submit', (n) => n.scrollIntoView({ block: 'center' }));
    const before = await top();
    await page.fill('#speaker-name', 'Mr. John Kamau');
    await page.click('#speaker-submit');
    await page.waitForFunction(() => document.getElementById('message').classList.contains('ok'), null, { timeout: 2000 });
    check((await top()) === before, `the form moved from ${before} to ${await top()} px`);
    const [bottom, height, said] = await page.$eval('#message', (n) =>
      [n.getBoundingClientRect().bottom, window.innerHeight, n.textContent]);
    check(bottom <= height && bottom > height - 80, `the message ends at ${bottom} px of ${height}`);
    check(said === 'Change the speaker: done.', `the message says: ${said}`);
    await shot(page, 'delegation-message-en-390x844.png');
    await page.close();
  });

  await test('withdrawing a point of order asks first; the words are the page’s language', async () => {
    const points = async () => (((await api('GetMeeting', { meeting: 'plenary' }, chair)).points || {}).waiting || [])
      .map((p) => p.delegation);
    const page = await signedIn(390, 844, 'fr');
    await page.click('#raise-point');
    await page.waitForFunction(() => !document.getElementById('withdraw-point').hidden, null, { timeout: 2000 });
    const said = await page.$eval('#message', (n) => n.textContent);
    // French typography: a no-break space before the colon.
    check(said === 'Présenter une motion d’ordre\u00a0: fait.', `the French page says: ${said}`);
    check((await points()).includes('KEN'), 'the point was not raised');
    await page.click('#withdraw-point');
    await page.waitForFunction(() => document.getElementById('confirm').open, null, { timeout: 1000 });
    const [text, focused] = await page.evaluate(() =>
      [document.getElementById('confirm-text').textContent, document.activeElement.id]);
    check(text === 'Retirer votre motion d’ordre ?', `the dialog says: ${text}`);
    check(focused === 'confirm-cancel', `the focus is on ${focused}`);
    await shot(page, 'delegation-confirm-point-fr-390x844.png');
    await page.click('#confirm-cancel');
    check((await points()).includes('KEN'), 'Cancel withdrew the point');
    await page.click('#withdraw-point');
    await page.dblclick('#confirm-ok');
    for (let i = 0; i < 100 && (await points()).includes('KEN'); i++) await new Promise((r) => setTimeout(r, 50));
    check(!(await points()).includes('KEN'), 'Confirm did not withdraw the point');
    await page.waitForFunction(() => document.getElementById('withdraw-point').hidden, null, { timeout: 2000 });
    const cls = await page.$eval('#message', (n) => n.className);
    check(!cls.includes('error'), `an error is shown: ${cls}`);
    await page.close();
  });

  await test('no horizontal scroll from 320 px up, controls at least 44 px high', async () => {
    for (const [width, height] of sizes) {
      const page = await signedIn(width, height);
      await noOverflow(page, `${width}x${height}`);
      const small = await page.$$eval('button, input, select', (all) => all
        .filter((e) => e.offsetParent !== null && !e.closest('dialog'))
        .filter((e) => e.getBoundingClientRect().height < 44)
        .map((e) => `${e.id || e.tagName} ${e.getBoundingClientRect().height}`));
      check(small.length === 0, `${width}x${height}: too small for a finger: ${small.join(', ')}`);
      // The long agenda titles are there and stay inside the screen.
      const widest = await page.$$eval('select, #mine > div, #public-list td', (all) =>
        Math.max(...all.map((e) => e.getBoundingClientRect().right)));
      check(widest <= width, `${width}x${height}: something ends at ${widest} px`);
      await page.close();
    }
  });

  await test('Withdraw asks first: Cancel focused and keeps the place, Escape too', async () => {
    const page = await signedIn(390, 844);
    await page.click('#withdraw');
    await page.waitForFunction(() => document.getElementById('confirm').open, null, { timeout: 1000 });
    const [focused, said] = await page.evaluate(() =>
      [document.activeElement.id, document.getElementById('confirm-text').textContent]);
    check(focused === 'confirm-cancel', `the focus is on ${focused}`);
    check(said.includes('1 (f)') && said.includes('General discussion'), `the dialog says: ${said}`);
    await shot(page, 'delegation-confirm-en-390x844.png');
    await page.click('#confirm-cancel');
    check(!(await page.evaluate(() => document.getElementById('confirm').open)), 'Cancel left the dialog open');
    check((await waiting(list)).includes('KEN'), 'Cancel withdrew');
    await page.click('#withdraw');
    await page.waitForFunction(() => document.getElementById('confirm').open, null, { timeout: 1000 });
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.getElementById('confirm').open, null, { timeout: 1000 });
    // Enter on the focused Cancel must not withdraw either.
    await page.click('#withdraw');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => !document.getElementById('confirm').open, null, { timeout: 1000 });
    check((await waiting(list)).includes('KEN'), 'Escape or Enter withdrew');
    await page.close();
  });

  await test('Confirm withdraws; a double tap withdraws once, with no error', async () => {
    const page = await signedIn(390, 844);
    let withdraws = 0;
    page.on('request', (r) => { if (r.url().endsWith('/api/Withdraw')) withdraws++; });
    await page.click('#withdraw');
    await page.click('#confirm-ok');
    await untilList(list, (codes) => !codes.includes('KEN'), 'Confirm did not withdraw');
    check((await waiting(other)).includes('KEN'), 'Confirm withdrew from the other list too');
    await page.waitForFunction(() => document.getElementById('message').classList.contains('ok'), null, { timeout: 2000 });
    await add(list, 'KEN', 'Mr. John Kamau');
    await page.waitForFunction(() => !document.getElementById('withdraw').hidden, null, { timeout: 2000 });
    await page.click('#withdraw');
    await page.dblclick('#confirm-ok');
    await untilList(list, (codes) => !codes.includes('KEN'), 'the double tap did not withdraw');
    await page.waitForFunction(() => document.getElementById('message').classList.contains('ok'),
      null, { timeout: 2000 });
    const message = await page.evaluate(() => document.getElementById('message').className);
    check(!message.includes('error'), `an error is shown: ${message}`);
    check(withdraws === 2, `${withdraws} Withdraw requests for two confirmations`);
    await add(list, 'KEN', 'Mr. John Kamau');
    await page.close();
  });

  await test('a live update while the dialog is open does not change what is withdrawn', async () => {
    const page = await signedIn(390, 844);
    await page.click('#withdraw');
    await page.waitForFunction(() => document.getElementById('confirm').open, null, { timeout: 1000 });
    // Another delegation inscribed on the same list, then the chair moves
    // on to the other item: the page follows it behind the dialog.
    await add(list, 'DEU', 'Dr. Klaus Weber');
    await page.waitForFunction(() => document.getElementById('public-list').textContent.includes('Germany'),
      null, { timeout: 2000 });
    await api('SetCurrentItem', { meeting: 'plenary', item: other.item }, chair);
    await page.waitForFunction((item) => document.getElementById('item-select').value === item,
      other.item, { timeout: 2000 });
    check(await page.evaluate(() => document.getElementById('confirm').open), 'the update closed the dialog');
    await page.click('#confirm-ok');
    await untilList(list, (codes) => !codes.includes('KEN'), 'KEN was not withdrawn from 1 (f)');
    const first = await waiting(list);
    check(first.includes('DEU') && first.includes('GBR'), `1 (f) lost others: ${first.join(' ')}`);
    check((await waiting(other)).includes('KEN'), 'KEN was withdrawn from 7 (b), chosen after the dialog opened');
    await api('SetCurrentItem', { meeting: 'plenary', item: list.item }, chair);
    await add(list, 'KEN', 'Mr. John Kamau');
    await page.close();
  });

  await test('the six languages: lang, dir, words, no horizontal scroll; screenshots', async () => {
    for (const lang of languages) {
      for (const [width, height] of [[320, 640], [390, 844], [1280, 800]]) {
        const page = await signedIn(width, height, lang);
        const [docLang, dir, heading] = await page.evaluate(() => [document.documentElement.lang,
          document.documentElement.dir, document.querySelector('#mine-panel h2').textContent]);
        check(docLang === lang, `${lang}: <html lang="${docLang}">`);
        check(dir === (lang === 'ar' ? 'rtl' : 'ltr'), `${lang}: <html dir="${dir}">`);
        check(heading === yourPlace[lang], `${lang}: "Your place" is "${heading}"`);
        await noOverflow(page, `${lang} ${width}x${height}`);
        await shot(page, `delegation-${lang}-${width}x${height}.png`);
        await page.close();
      }
    }
  });

  await test('the language picker redraws the page in place', async () => {
    const page = await signedIn(390, 844, 'en');
    await page.selectOption('#lang', 'fr');
    await page.waitForFunction(() => document.documentElement.lang === 'fr' &&
      document.querySelector('#mine-panel h2').textContent === 'Votre rang' &&
      document.getElementById('speaker-submit').textContent === 'Changer d’orateur ou de rang', null, { timeout: 1000 });
    await page.selectOption('#lang', 'ar');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl', null, { timeout: 1000 });
    await page.close();
  });

  await test('no script error on any page', async () => {
    check(pageErrors.length === 0, `errors: ${pageErrors.join('; ')}`);
  });
} catch (e) {
  h.fail('setup', e);
}
await h.finish();
