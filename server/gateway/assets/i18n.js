// The pages' languages: the six official languages of the United Nations.
// Plain script: defines I18N; the words themselves are in lang_<code>.js,
// one table per language, loaded after this file. Arabic is written right
// to left. The user's choice is remembered in the browser (localStorage).
'use strict';

const I18N = (() => {
  // Filled by the lang_<code>.js files (I18N.define), one per language.
  const words = {};

  const languages = ['ar', 'zh', 'en', 'fr', 'ru', 'es'];
  // Each language by its own name, for the language choice.
  const names = {
    ar: 'العربية', zh: '中文', en: 'English', fr: 'Français', ru: 'Русский', es: 'Español',
  };
  const rtl = new Set(['ar']);
  // Locales for dates and times (Western digits everywhere, like the clock).
  const locales = {
    ar: 'ar-u-nu-latn', zh: 'zh-CN', en: 'en-GB', fr: 'fr-FR', ru: 'ru-RU', es: 'es-ES',
  };
  const storageKey = 'speakers.lang';

  // Adds the table of `lang` (a lang_<code>.js file calls it once).
  function define(lang, table) {
    words[lang] = table;
  }

  // The keys of `lang`'s table, sorted (for the test of missing keys).
  function keys(lang) {
    return Object.keys(words[lang] || {}).sort();
  }

  function stored() {
    try { return localStorage.getItem(storageKey); } catch (e) { return null; }
  }

  // Remembers `lang` as the user's choice in this browser.
  function remember(lang) {
    try { localStorage.setItem(storageKey, lang); } catch (e) { /* private mode */ }
  }

  // The language to show: `requested` (?lang=) when it is one of the six,
  // else the one the user chose before in this browser, else the browser's
  // own language when it is one of the six, else English.
  function pick(requested) {
    if (languages.includes(requested)) return requested;
    const before = stored();
    if (languages.includes(before)) return before;
    const browser = (typeof navigator !== 'undefined' && navigator.languages) || [];
    for (const tag of browser) {
      const code = String(tag).slice(0, 2).toLowerCase();
      if (languages.includes(code)) return code;
    }
    return 'en';
  }

  // The word `key` in `lang`, with {name} placeholders filled from `values`.
  function t(lang, key, values = {}) {
    const text = (words[lang] && words[lang][key]) || (words.en && words.en[key]) || key;
    return text.replace(/\{(\w+)\}/g, (_, name) => (name in values ? values[name] : ''));
  }

  // Sets <html lang dir> for `lang` and translates the page's fixed words:
  // an element with data-i18n="key" gets the word as its text; data-i18n-
  // placeholder, data-i18n-title and data-i18n-label (aria-label) likewise.
  function apply(lang) {
    document.documentElement.lang = lang;
    document.documentElement.dir = rtl.has(lang) ? 'rtl' : 'ltr';
    const each = (attribute, set) => {
      for (const element of document.querySelectorAll(`[${attribute}]`)) {
        set(element, t(lang, element.getAttribute(attribute)));
      }
    };
    each('data-i18n', (element, text) => { element.textContent = text; });
    each('data-i18n-placeholder', (element, text) => { element.placeholder = text; });
    each('data-i18n-title', (element, text) => { element.title = text; });
    each('data-i18n-label', (element, text) => { element.setAttribute('aria-label', text); });
  }

  // Fills the <select> `element` with the six languages (each in its own
  // name), `lang` selected; choosing one remembers it and calls onChange.
  function picker(element, lang, onChange) {
    element.textContent = '';
    for (const code of languages) {
      const option = document.createElement('option');
      option.value = code;
      option.lang = code;
      option.textContent = names[code];
      element.appendChild(option);
    }
    element.value = lang;
    element.addEventListener('change', () => {
      remember(element.value);
      onChange(element.value);
    });
  }

  // An instant as a date and time in the session's zone, in `lang`; the
  // year only when it is not the current year there (`nowMs`, default now).
  function dateTime(lang, ms, timeZone, nowMs = Date.now()) {
    const yearOf = (at) => {
      try {
        return new Intl.DateTimeFormat('en', { year: 'numeric', timeZone }).format(new Date(at));
      } catch (e) {
        return String(new Date(at).getUTCFullYear());
      }
    };
    const options = {
      day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZoneName: 'short',
    };
    if (yearOf(ms) !== yearOf(nowMs)) options.year = 'numeric';
    if (timeZone) options.timeZone = timeZone;
    try {
      return new Intl.DateTimeFormat(locales[lang] || 'en-GB', options).format(new Date(ms));
    } catch (e) {
      return new Date(ms).toISOString();
    }
  }

  return {
    languages, names, define, keys, remember, pick, picker, apply, t, dateTime,
    isRtl: (lang) => rtl.has(lang),
  };
})();
