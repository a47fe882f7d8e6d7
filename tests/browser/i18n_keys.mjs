// The pages' translation tables (server/gateway/assets/lang_<code>.js), node
// alone: every language has exactly the keys of English, no empty word, the
// same {placeholders} as English; every key the pages use (t('key'),
// data-i18n*="key") is in English's table; the date rule (year only when
// not this year). Exits 1 with every finding listed.
//   node tests/browser/i18n_keys.mjs [ASSETS_DIR]
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const assets = process.argv[2] || path.join(here, '../../server/gateway/assets');
const context = vm.createContext({ Intl, Date, console });
const load = (file) =>
  vm.runInContext(fs.readFileSync(path.join(assets, file), 'utf8'), context, { filename: file });
load('i18n.js');
vm.runInContext('globalThis.I18N = I18N;', context);
const I18N = context.I18N;
const problems = [];

for (const lang of I18N.languages) {
  const file = `lang_${lang}.js`;
  if (!fs.existsSync(path.join(assets, file))) {
    problems.push(`${file} is missing`);
    continue;
  }
  load(file);
}

const english = I18N.keys('en');
const placeholders = (text) => [...String(text).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');
for (const lang of I18N.languages) {
  const have = new Set(I18N.keys(lang));
  for (const key of english) {
    if (!have.has(key)) { problems.push(`lang_${lang}.js: missing key ${key}`); continue; }
    const word = I18N.t(lang, key);
    if (!word.trim()) problems.push(`lang_${lang}.js: ${key} is empty`);
  }
  for (const key of have) {
    if (!english.includes(key)) problems.push(`lang_${lang}.js: key ${key} is not in lang_en.js`);
  }
}
// Placeholders compared on the raw tables (t() fills them).
const raw = {};
for (const lang of I18N.languages) {
  const source = fs.readFileSync(path.join(assets, `lang_${lang}.js`), 'utf8');
  raw[lang] = {};
  for (const m of source.matchAll(/^\s+(\w+): (['"])((?:\\.|(?!\2).)*)\2,?$/gm)) raw[lang][m[1]] = m[3];
}
for (const lang of I18N.languages) {
  for (const key of english) {
    if (key in raw[lang] && key in raw.en && placeholders(raw[lang][key]) !== placeholders(raw.en[key])) {
      problems.push(`lang_${lang}.js: ${key} has {${placeholders(raw[lang][key])}}, English {${placeholders(raw.en[key])}}`);
    }
  }
}

// Every key the pages use.
const used = new Map();
for (const file of fs.readdirSync(assets)) {
  const text = fs.readFileSync(path.join(assets, file), 'utf8');
  const patterns = file.endsWith('.html')
    ? [/data-i18n(?:-placeholder|-title|-label)?="(\w+)"/g]
    : file.endsWith('.js') && !file.startsWith('lang_') && file !== 'i18n.js'
      ? [/\bt\(\s*'(\w+)'/g, /I18N\.t\(\s*\w+,\s*'(\w+)'/g]
      : [];
  for (const pattern of patterns) {
    for (const m of text.matchAll(pattern)) used.set(m[1], file);
  }
}
for (const [key, file] of used) {
  if (!english.includes(key)) problems.push(`${file} uses the key ${key}, which lang_en.js lacks`);
}

// Dates: the year only when it is not this year (in the zone given).
const now = Date.UTC(2026, 11, 7, 9, 0);
const thisYear = I18N.dateTime('en', Date.UTC(2026, 10, 6, 11, 0), 'Europe/Vienna', now);
const before = I18N.dateTime('en', Date.UTC(2017, 10, 6, 11, 0), 'Europe/Vienna', now);
if (thisYear.includes('2026')) problems.push(`this year's date shows the year: ${thisYear}`);
if (!before.includes('2017')) problems.push(`2017's date lacks the year: ${before}`);

if (problems.length) {
  console.error(problems.join('\n'));
  console.error(`${problems.length} problem(s) in the translation tables`);
  process.exit(1);
}
console.log(`${english.length} keys in each of ${I18N.languages.length} languages; ` +
            `${used.size} used by the pages; dates: "${thisYear}", "${before}"`);
