// The pages' words in Spanish: one table for every page (the room
// display's keys first, unprefixed; then those of the index, the chair's
// console and the delegation's page, prefixed index*, chair*, delegation*;
// common* for words shared by pages). Plain script, loaded after i18n.js.
// Every language has exactly the keys of lang_en.js (tests/browser/
// i18n_keys.mjs fails on a missing or extra key).
'use strict';

I18N.define('es', {
  // The room display.
  listOfSpeakers: 'Lista de oradores',
  item: 'Tema',
  reply: 'Derecho de respuesta',
  listOpen: 'Lista abierta',
  closesAt: 'se cierra {time}',
  listClosed: 'Lista cerrada',
  notYetOpen: 'Lista aún no abierta',
  opensAt: 'se abre {time}',
  hasTheFloor: 'Tiene la palabra',
  nextSpeakers: 'Próximos oradores',
  nobodyHasTheFloor: 'Nadie tiene la palabra',
  nobodyWaiting: 'No hay oradores en espera',
  paused: 'En pausa',
  ready: 'Listo',
  overTime: 'Tiempo excedido',
  reconnecting: 'Reconectando…',
  notStarted: 'Sesión aún no iniciada',
  inSession: 'En sesión',
  suspended: 'Sesión suspendida',
  adjourned: 'Sesión levantada',
  onBehalfOf: 'en nombre de {group}',
  more: 'y {n} más',
  loading: 'Conectando…',
  pointOfOrder: 'Cuestión de orden',
  question: 'Pregunta al orador',
  interrupted: 'Intervención de {name} en pausa',
  // The room display (the chair's overrides, separators) and the index page.
  displayListReopened: 'Lista abierta — reabierta por la Presidencia',
  displayListOpenedByChair: 'Lista abierta — abierta por la Presidencia',
  displayListClosedByChair: 'Lista cerrada por la Presidencia',
  displayJoin: ' · ',
  displayTitleSeparator: ' — ',
  indexTitle: 'Lista de oradores',
  indexLanguage: 'Idioma',
  indexMeetings: 'Reuniones',
  indexLoading: 'Cargando…',
  indexRoomDisplay: 'Pantalla de sala',
  indexChairConsole: 'Consola de la Presidencia',
  indexDelegations: 'Delegaciones',
  indexDelegationPage: 'Página de las delegaciones',
  indexDelegationHelp: ' — inscribir a un orador, cambiarlo, retirar la inscripción y seguir su lugar en la lista (requiere el token de la delegación).',
  indexDisplayHelp: 'Las pantallas de sala no requieren inicio de sesión, salvo que el servidor exija un token para la lectura.',
  indexCannotRead: 'No se puede leer la sesión: {error}',
  indexHealth: 'estado del servidor',
  indexMetrics: 'métricas',
  indexColon: ': ',
});
