#!/usr/bin/env node
// The room display and the index in the six languages, in a real browser:
//
//   node tests/browser/display_suite.mjs <speakers-server> <output dir>
//
// Over the built-in session (2017): the meeting's name and the agenda
// item's title in each language; <html lang dir> right on every page (rtl
// for Arabic); dates with the year only when it is not this year; a list
// the chair reopened after its closing time says so; a suspended or
// adjourned meeting fills the screen; no internal number ("v49") on
// screen; French and Chinese typography; the index in each language with
// its remembered language choice and without horizontal overflow on a
// phone. Screenshots display-<lang>-1920x1080 / -390x844, index-<lang>-
// 1440x900 / -390x844 and display-suspended-<lang>-<size> go to the output
// directory. Prints "N passed, N failed".
import path from 'node:path';
import { openHarness, check } from './harness.mjs';

const h = await openHarness('display_suite.mjs');
const api = (method, body, token) => h.api(method, body, token);
const test = (name, body) => h.test(name, body);
const base = () => h.base();

const languages = ['ar', 'zh', 'en', 'fr', 'ru', 'es'];
const list = { meeting: 'plenary', item: '1 (f)' };
// The UN's own words, written here rather than read from the session, so
// that a wrong or missing name in the data fails.
const plenaryName = {
  ar: 'الجلسة العامة للمؤتمر', zh: '缔约国会议全体会议', en: 'Plenary of the Conference',
  fr: 'Séance plénière de la Conférence', ru: 'Пленарное заседание Конференции',
  es: 'Sesión plenaria de la Conferencia',
};
const generalDiscussion = {
  ar: 'المناقشة العامة', zh: '一般性辩论', en: 'General discussion', fr: 'Débat général',
  ru: 'Общие прения', es: 'Debate general',
};
const reopened = {
  ar: 'القائمة مفتوحة — أعاد الرئيس فتحها', zh: '名单开放——主席已重新开放',
  en: 'List open — reopened by the chair', fr: 'Liste ouverte — rouverte par la présidence',
  ru: 'Список открыт — вновь открыт председателем', es: 'Lista abierta — reabierta por la Presidencia',
};
const suspended = {
  ar: 'الجلسة معلّقة', zh: '会议暂停', en: 'Meeting suspended', fr: 'Séance suspendue',
  ru: 'Заседание приостановлено', es: 'Sesión suspendida',
};
const adjourned = {
  ar: 'رُفعت الجلسة', zh: '会议已休会', en: 'Meeting adjourned', fr: 'Séance levée',
  ru: 'Заседание закрыто', es: 'Sesión levantada',
};

try {
  await h.startServer();
  const chair = h.tokens()['chair plenary'];
  check(chair, 'new-tokens.txt has no chair token for the plenary');
  await api('ChangeMeeting', { meeting: 'plenary', action: 'MEETING_OPEN' }, chair);
  await api('SetCurrentItem', { meeting: 'plenary', item: '1 (f)' }, chair);
  for (const [delegation, name] of [['FRA', 'M. Jean Dupont'], ['CHN', 'Mr. Li Wei'],
    ['EGY', 'Mr. Ahmed Hassan'], ['BRA', 'Ms. Ana Souza']]) {
    await api('AddSpeaker', { list, delegation, speaker: { name, rank: 'RANK_HEAD_OF_DELEGATION' } }, chair);
  }
  await api('CallNext', { list }, chair);

  const browser = await h.launch();
  const pageErrors = [];
  const newPage = async (width, height) => {
    const page = await browser.newPage({ viewport: { width, height } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    return page;
  };
  const shot = (page, name) => page.screenshot({ path: path.join(h.outDir, name) });
  const text = (page, selector) => page.$eval(selector, (n) => n.textContent);
  // The display in `lang`, once the session's names have arrived.
  const openDisplay = async (page, lang, query = '') => {
    await page.goto(`${base()}/display/plenary?lang=${lang}${query}`);
    await page.waitForFunction((name) => document.getElementById('meeting').textContent === name,
      plenaryName[lang], { timeout: 5000 });
  };
  const htmlLangDir = (page) => page.evaluate(() =>
    [document.documentElement.lang, document.documentElement.dir]);
  const hallDisplay = await newPage(1920, 1080);
  const phoneDisplay = await newPage(390, 844);

  await test('the display names the meeting and the item in each language, lang and dir set', async () => {
    for (const lang of languages) {
      for (const [page, size] of [[hallDisplay, '1920x1080'], [phoneDisplay, '390x844']]) {
        await openDisplay(page, lang);
        const item = await text(page, '#item');
        check(item.includes(generalDiscussion[lang]), `${lang}: the item reads "${item}"`);
        check(item.includes('1 (f)'), `${lang}: no item number in "${item}"`);
        const [htmlLang, dir] = await htmlLangDir(page);
        check(htmlLang === lang, `${lang}: <html lang="${htmlLang}">`);
        check(dir === (lang === 'ar' ? 'rtl' : 'ltr'), `${lang}: <html dir="${dir}">`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
        check(overflow <= 0, `${lang} ${size}: ${overflow} px of horizontal overflow`);
        await shot(page, `display-${lang}-${size}.png`);
      }
    }
  });

  await test('French and Chinese typography on the display', async () => {
    await openDisplay(hallDisplay, 'fr');
    check((await text(hallDisplay, '#floor-label')) === 'À la parole', 'no "À la parole"');
    const fr = await hallDisplay.evaluate(() => document.body.innerText);
    check(!/[^\u00a0\u202f][:;?!]/.test(fr.replace(/\d:\d/g, '')),
      `French punctuation without its non-breaking space: ${JSON.stringify(fr)}`);
    await openDisplay(hallDisplay, 'zh');
    const item = await text(hallDisplay, '#item');
    check(item.includes('：一般性辩论'), `Chinese item line without a full-width colon: "${item}"`);
    check(!/[,;!?]/.test(await hallDisplay.evaluate(() => document.body.innerText)),
      'half-width punctuation in the Chinese display');
  });

  await test('dates carry the year only when it is not this year', async () => {
    const thisYear = new Date().getUTCFullYear();
    const itemList = { meeting: 'plenary', item: '2' };
    // A close next year shows its year; one later this year does not.
    await api('ConfigureList', { list: itemList, settings: { closesAt: `${thisYear + 1}-11-06T11:00:00Z` } }, chair);
    await openDisplay(hallDisplay, 'en', '&item=2');
    await hallDisplay.waitForFunction((year) =>
      document.getElementById('list-status').textContent.includes(String(year)), thisYear + 1, { timeout: 3000 });
    check((await text(hallDisplay, '#list-status')).startsWith('List open · closes 6 November ' + (thisYear + 1)),
      `next year: "${await text(hallDisplay, '#list-status')}"`);
    await api('ConfigureList', { list: itemList, settings: { closesAt: `${thisYear}-12-31T20:00:00Z` } }, chair);
    await hallDisplay.waitForFunction(() =>
      document.getElementById('list-status').textContent.includes('31 December'), null, { timeout: 3000 });
    const status = await text(hallDisplay, '#list-status');
    check(!status.includes(String(thisYear)), `this year's date shows the year: "${status}"`);
    for (const lang of ['fr', 'zh', 'ar']) {
      await openDisplay(hallDisplay, lang, '&item=2');
      const local = await text(hallDisplay, '#list-status');
      check(!local.includes(String(thisYear)) && /31/.test(local), `${lang}: "${local}"`);
    }
    await api('ConfigureList', { list: itemList, settings: {} }, chair);
  });

  await test('a list the chair reopened after its closing time says so in each language', async () => {
    await openDisplay(hallDisplay, 'en');
    check((await text(hallDisplay, '#list-status')) === 'List closed', 'the 2017 list is not closed');
    await api('OpenList', { list }, chair);
    for (const lang of languages) {
      await openDisplay(hallDisplay, lang);
      await hallDisplay.waitForFunction((want) =>
        document.getElementById('list-status').textContent === want, reopened[lang], { timeout: 3000 });
      const status = await text(hallDisplay, '#list-status');
      check(!status.includes('12:00'), `${lang}: a closing time gone by is shown: "${status}"`);
    }
    await shot(hallDisplay, 'display-reopened-es-1920x1080.png');
    await api('CloseList', { list }, chair);
    await hallDisplay.waitForFunction(() =>
      document.getElementById('list-status').textContent === 'Lista cerrada por la Presidencia', null, { timeout: 3000 });
  });

  await test('no internal number on screen; the version is in a data attribute', async () => {
    await openDisplay(hallDisplay, 'en');
    const shown = await hallDisplay.evaluate(() => document.body.innerText);
    check(!/\bv\d+/i.test(shown), `a version number on screen: ${JSON.stringify(shown)}`);
    const version = await hallDisplay.evaluate(() => document.body.dataset.version);
    const meeting = await api('GetMeeting', { meeting: 'plenary' }, chair);
    check(version === String(meeting.version), `data-version ${version}, the server's ${meeting.version}`);
  });

  // The overlay covers the whole viewport and is what is on top at its
  // centre and corners.
  const coversScreen = (page) => page.evaluate(() => {
    const halt = document.getElementById('halt');
    const r = halt.getBoundingClientRect();
    const points = [[innerWidth / 2, innerHeight / 2], [2, 2], [innerWidth - 2, innerHeight - 2]];
    return !halt.hidden && r.left <= 0 && r.top <= 0 && r.right >= innerWidth && r.bottom >= innerHeight &&
      points.every(([x, y]) => halt.contains(document.elementFromPoint(x, y)));
  });

  await test('a suspended meeting fills the screen in each language, then gives it back', async () => {
    await api('ChangeMeeting', { meeting: 'plenary', action: 'MEETING_SUSPEND' }, chair);
    for (const lang of languages) {
      for (const [page, size] of [[hallDisplay, '1920x1080'], [phoneDisplay, '390x844']]) {
        await openDisplay(page, lang);
        await page.waitForFunction(() => !document.getElementById('halt').hidden, null, { timeout: 3000 });
        check(await coversScreen(page), `${lang} ${size}: the suspension does not cover the screen`);
        check((await text(page, '#halt-status')) === suspended[lang], `${lang}: "${await text(page, '#halt-status')}"`);
        check((await text(page, '#halt-meeting')) === plenaryName[lang], `${lang}: no meeting name`);
        const size_ = await page.$eval('#halt-status', (n) => parseFloat(getComputedStyle(n).fontSize));
        check(size_ >= (size === '1920x1080' ? 120 : 40), `${lang} ${size}: the word is ${size_} px high`);
        await shot(page, `display-suspended-${lang}-${size}.png`);
      }
    }
    await api('ChangeMeeting', { meeting: 'plenary', action: 'MEETING_RESUME' }, chair);
    await hallDisplay.waitForFunction(() => document.getElementById('halt').hidden, null, { timeout: 3000 });
    check((await text(hallDisplay, '#meeting-status')) === 'En sesión', 'the resumed meeting is not in session');
  });

  await test('the index in each language: names, lang and dir, the remembered choice, no overflow', async () => {
    const hallIndex = await newPage(1440, 900);
    const phoneIndex = await newPage(390, 844);
    for (const lang of languages) {
      for (const [page, size] of [[hallIndex, '1440x900'], [phoneIndex, '390x844']]) {
        await page.goto(`${base()}/?lang=${lang}`);
        await page.waitForFunction(() => document.querySelector('#meetings li[data-meeting]'), null, { timeout: 5000 });
        check((await text(page, '#meetings li[data-meeting="plenary"] .i-name')) === plenaryName[lang],
          `${lang}: the plenary reads "${await text(page, '#meetings li .i-name')}"`);
        const [htmlLang, dir] = await htmlLangDir(page);
        check(htmlLang === lang && dir === (lang === 'ar' ? 'rtl' : 'ltr'), `${lang}: <html lang="${htmlLang}" dir="${dir}">`);
        check((await page.$eval('#lang', (s) => s.value)) === lang, `${lang}: the picker shows another language`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
        check(overflow <= 0, `${lang} ${size}: ${overflow} px of horizontal overflow`);
        await shot(page, `index-${lang}-${size}.png`);
      }
    }
    // The picker redraws the page in place and is remembered.
    await phoneIndex.goto(`${base()}/`);
    await phoneIndex.waitForFunction(() => document.querySelector('#meetings li[data-meeting]'));
    await phoneIndex.selectOption('#lang', 'ru');
    await phoneIndex.waitForFunction((name) =>
      document.querySelector('#meetings li[data-meeting="plenary"] .i-name').textContent === name, plenaryName.ru);
    check((await htmlLangDir(phoneIndex))[0] === 'ru', 'the picker did not set <html lang>');
    await phoneIndex.goto(`${base()}/`);
    await phoneIndex.waitForFunction((name) =>
      document.querySelector('#meetings li[data-meeting="plenary"] .i-name')?.textContent === name, plenaryName.ru,
    { timeout: 5000 });
    check((await text(phoneIndex, 'h1')).startsWith('Седьмая сессия'), 'the session is not named in Russian');
    // Its links open the display in each language.
    const links = await phoneIndex.$$eval('#meetings li[data-meeting="plenary"] .c-langs a', (as) =>
      as.map((a) => a.getAttribute('href')));
    check(JSON.stringify(links) === JSON.stringify(languages.map((l) => `/display/plenary?lang=${l}`)),
      `display links: ${links}`);
  });

  await test('an adjourned meeting fills the screen', async () => {
    await api('ChangeMeeting', { meeting: 'plenary', action: 'MEETING_ADJOURN' }, chair);
    for (const lang of ['fr', 'ar']) {
      await openDisplay(hallDisplay, lang);
      await hallDisplay.waitForFunction(() => !document.getElementById('halt').hidden, null, { timeout: 3000 });
      check(await coversScreen(hallDisplay), `${lang}: the adjournment does not cover the screen`);
      check((await text(hallDisplay, '#halt-status')) === adjourned[lang], `${lang}: "${await text(hallDisplay, '#halt-status')}"`);
      await shot(hallDisplay, `display-adjourned-${lang}-1920x1080.png`);
    }
  });

  await test('no script errors on any page', async () => {
    check(pageErrors.length === 0, pageErrors.join('; '));
  });
} catch (e) {
  h.fail('setup', e);
} finally {
  await h.finish();
}
