// The pages' words in English: one table for every page (the room
// display's keys first, unprefixed; then those of the index, the chair's
// console and the delegation's page, prefixed index*, chair*, delegation*;
// common* for words shared by pages). Plain script, loaded after i18n.js.
// Every language has exactly the keys of lang_en.js (tests/browser/
// i18n_keys.mjs fails on a missing or extra key).
'use strict';

I18N.define('en', {
  // The room display.
  listOfSpeakers: 'List of speakers',
  item: 'Item',
  reply: 'Right of reply',
  listOpen: 'List open',
  closesAt: 'closes {time}',
  listClosed: 'List closed',
  notYetOpen: 'List not yet open',
  opensAt: 'opens {time}',
  hasTheFloor: 'Has the floor',
  nextSpeakers: 'Next speakers',
  nobodyHasTheFloor: 'Nobody has the floor',
  nobodyWaiting: 'Nobody is waiting',
  paused: 'Paused',
  ready: 'Ready',
  overTime: 'Over time',
  reconnecting: 'Reconnecting…',
  notStarted: 'Meeting not yet started',
  inSession: 'In session',
  suspended: 'Meeting suspended',
  adjourned: 'Meeting adjourned',
  onBehalfOf: 'on behalf of {group}',
  more: 'and {n} more',
  loading: 'Connecting…',
  pointOfOrder: 'Point of order',
  question: 'Question to the speaker',
  interrupted: '{name}’s statement is paused',
  // The room display (the chair's overrides, separators) and the index page.
  displayListReopened: 'List open — reopened by the chair',
  displayListOpenedByChair: 'List open — opened by the chair',
  displayListClosedByChair: 'List closed by the chair',
  displayJoin: ' · ',
  displayTitleSeparator: ' — ',
  indexTitle: 'List of speakers',
  indexLanguage: 'Language',
  indexMeetings: 'Meetings',
  indexLoading: 'Loading…',
  indexRoomDisplay: 'Room display',
  indexChairConsole: 'Chair’s console',
  indexDelegations: 'Delegations',
  indexDelegationPage: 'Delegation page',
  indexDelegationHelp: ' — inscribe, change the speaker, withdraw, and follow your place (needs the delegation’s token).',
  indexDisplayHelp: 'Room displays need no sign-in unless the server requires a token for reading.',
  indexCannotRead: 'The session cannot be read: {error}',
  indexHealth: 'server health',
  indexMetrics: 'metrics',
  indexColon: ': ',
});
