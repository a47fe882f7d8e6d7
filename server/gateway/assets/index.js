// The index (/): the session's meetings with links to their room displays
// (in the six languages) and chair consoles.
'use strict';

(async function main() {
  const $ = (id) => document.getElementById(id);
  const token = SPK.param('token') || '';
  const languages = [
    ['en', 'English'], ['fr', 'Français'], ['es', 'Español'], ['ru', 'Русский'], ['zh', '中文'],
    ['ar', 'العربية'],
  ];
  let session;
  try {
    session = await SPK.api('GetSession', {}, token);
  } catch (e) {
    $('message').textContent = 'The session cannot be read: ' + e.message;
    $('message').className = 'c-message error';
    $('meetings').replaceChildren();
    return;
  }
  $('title').textContent = session.name || 'List of speakers';
  document.title = session.shortName || session.name || 'List of speakers';
  const suffix = token ? '&token=' + encodeURIComponent(token) : '';
  $('meetings').replaceChildren(...(session.meetings || []).map((m) => {
    const id = encodeURIComponent(m.id);
    return SPK.el('li', {},
      SPK.el('strong', {}, m.name || m.id), ' ',
      SPK.el('span', { class: 'c-muted' }, '(' + m.id + ')'),
      SPK.el('div', { class: 'c-langs' }, 'Room display: ',
        languages.map(([code, name]) => SPK.el('a', {
          href: '/display/' + id + '?lang=' + code + suffix, lang: code,
        }, name))),
      SPK.el('div', {}, SPK.el('a', { href: '/chair/' + id }, 'Chair console')));
  }));
})();
