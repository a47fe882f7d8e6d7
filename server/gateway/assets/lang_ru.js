// The pages' words in Russian: one table for every page (the room
// display's keys first, unprefixed; then those of the index, the chair's
// console and the delegation's page, prefixed index*, chair*, delegation*;
// common* for words shared by pages). Plain script, loaded after i18n.js.
// Every language has exactly the keys of lang_en.js (tests/browser/
// i18n_keys.mjs fails on a missing or extra key).
'use strict';

I18N.define('ru', {
  // The room display.
  listOfSpeakers: 'Список ораторов',
  item: 'Пункт',
  reply: 'Право на ответ',
  listOpen: 'Список открыт',
  closesAt: 'закрывается {time}',
  listClosed: 'Список закрыт',
  notYetOpen: 'Список ещё не открыт',
  opensAt: 'открывается {time}',
  hasTheFloor: 'Выступает',
  nextSpeakers: 'Следующие ораторы',
  nobodyHasTheFloor: 'Никто не выступает',
  nobodyWaiting: 'Нет ожидающих ораторов',
  paused: 'Пауза',
  ready: 'Готов',
  overTime: 'Время истекло',
  reconnecting: 'Переподключение…',
  notStarted: 'Заседание ещё не началось',
  inSession: 'Заседание идёт',
  suspended: 'Заседание приостановлено',
  adjourned: 'Заседание закрыто',
  onBehalfOf: 'от имени {group}',
  more: 'и ещё {n}',
  loading: 'Подключение…',
  pointOfOrder: 'По порядку ведения заседания',
  question: 'Вопрос к оратору',
  interrupted: 'Выступление ({name}) приостановлено',
  // The room display (the chair's overrides, separators) and the index page.
  displayListReopened: 'Список открыт — вновь открыт председателем',
  displayListOpenedByChair: 'Список открыт — открыт председателем',
  displayListClosedByChair: 'Список закрыт председателем',
  displayJoin: ' · ',
  displayTitleSeparator: ' — ',
  indexTitle: 'Список ораторов',
  indexLanguage: 'Язык',
  indexMeetings: 'Заседания',
  indexLoading: 'Загрузка…',
  indexRoomDisplay: 'Экран в зале',
  indexChairConsole: 'Пульт председателя',
  indexDelegations: 'Делегации',
  indexDelegationPage: 'Страница делегации',
  indexDelegationHelp: ' — записать оратора, заменить его, снять запись и следить за своим местом в списке (нужен токен делегации).',
  indexDisplayHelp: 'Экранам в зале вход не нужен, если сервер не требует токен для чтения.',
  indexCannotRead: 'Не удаётся прочитать данные сессии: {error}',
  indexHealth: 'состояние сервера',
  indexMetrics: 'метрики',
  indexColon: ': ',
});
