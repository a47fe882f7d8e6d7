// The pages' words in French: one table for every page (the room
// display's keys first, unprefixed; then those of the index, the chair's
// console and the delegation's page, prefixed index*, chair*, delegation*;
// common* for words shared by pages). Plain script, loaded after i18n.js.
// Every language has exactly the keys of lang_en.js (tests/browser/
// i18n_keys.mjs fails on a missing or extra key).
'use strict';

I18N.define('fr', {
  // The room display.
  listOfSpeakers: 'Liste des orateurs',
  item: 'Point',
  reply: 'Droit de réponse',
  listOpen: 'Liste ouverte',
  closesAt: 'clôture {time}',
  listClosed: 'Liste close',
  notYetOpen: 'Liste pas encore ouverte',
  opensAt: 'ouverture {time}',
  hasTheFloor: 'À la parole',
  nextSpeakers: 'Prochains orateurs',
  nobodyHasTheFloor: 'Personne n’a la parole',
  nobodyWaiting: 'Aucun orateur en attente',
  paused: 'En pause',
  ready: 'Prêt',
  overTime: 'Temps dépassé',
  reconnecting: 'Reconnexion…',
  notStarted: 'Séance pas encore ouverte',
  inSession: 'En séance',
  suspended: 'Séance suspendue',
  adjourned: 'Séance levée',
  onBehalfOf: 'au nom de {group}',
  more: 'et {n} autres',
  loading: 'Connexion…',
  pointOfOrder: 'Motion d’ordre',
  question: 'Question à l’orateur',
  interrupted: 'Déclaration de {name} suspendue',
  // The room display (the chair's overrides, separators) and the index page.
  displayListReopened: 'Liste ouverte — rouverte par la présidence',
  displayListOpenedByChair: 'Liste ouverte — ouverte par la présidence',
  displayListClosedByChair: 'Liste close par la présidence',
  displayJoin: ' · ',
  displayTitleSeparator: ' — ',
  indexTitle: 'Liste des orateurs',
  indexLanguage: 'Langue',
  indexMeetings: 'Réunions',
  indexLoading: 'Chargement…',
  indexRoomDisplay: 'Écran de salle',
  indexChairConsole: 'Console de la présidence',
  indexDelegations: 'Délégations',
  indexDelegationPage: 'Page des délégations',
  indexDelegationHelp: ' — inscrire un orateur, le remplacer, retirer l’inscription et suivre sa place (jeton de la délégation requis).',
  indexDisplayHelp: 'Les écrans de salle ne demandent aucune connexion, sauf si le serveur exige un jeton pour la lecture.',
  indexCannotRead: 'Impossible de lire la session : {error}',
  indexHealth: 'état du serveur',
  indexMetrics: 'métriques',
  indexColon: ' : ',
});
