// The index (/): the session's meetings, named in the chosen language, with
// links to their room displays (one per official language) and chair
// consoles. The language is the remembered choice (I18N.pick), changed
// with the picker at the top; the page is redrawn in place.
'use strict';

(async function main() {
  const $ = (id) => document.getElementById(id);
  let lang = I18N.pick(SPK.param('lang'));
  let session = null;
  let failure = null;  // the error of GetSession, shown in `lang`

  // The session's or a meeting's name in `lang`, else the English one.
  const localized = (thing, fallback) =>
    (thing.names && thing.names[lang]) || thing.name || fallback;

  function render() {
    const t = (key, values) => I18N.t(lang, key, values);
    I18N.apply(lang);
    if (failure) {
      $('message').textContent = t('indexCannotRead', { error: failure });
      $('message').className = 'c-message error';
      $('meetings').replaceChildren();
      document.title = t('indexTitle');
      return;
    }
    if (!session) return;
    const title = localized(session, t('indexTitle'));
    $('title').textContent = title;
    document.title = session.shortName ? session.shortName + ' — ' + t('indexTitle') : title;
    $('meetings').replaceChildren(...(session.meetings || []).map((m) => {
      const id = encodeURIComponent(m.id);
      return SPK.el('li', { 'data-meeting': m.id },
        SPK.el('strong', { class: 'i-name' }, localized(m, m.id)),
        SPK.el('div', { class: 'c-langs' }, t('indexRoomDisplay') + t('indexColon'),
          I18N.languages.map((code) => SPK.el('a', {
            href: '/display/' + id + '?lang=' + code, lang: code,
            dir: I18N.isRtl(code) ? 'rtl' : 'ltr',
            class: code === lang ? 'current' : '',
          }, I18N.names[code]))),
        SPK.el('div', {}, SPK.el('a', { href: '/chair/' + id }, t('indexChairConsole'))));
    }));
  }

  I18N.picker($('lang'), lang, (chosen) => {
    lang = chosen;
    render();
  });
  render();
  try {
    session = await SPK.api('GetSession', {});
  } catch (e) {
    failure = e.message;
  }
  render();
})();
