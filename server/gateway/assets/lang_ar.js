// The pages' words in Arabic (read right to left): one table for every page (the room
// display's keys first, unprefixed; then those of the index, the chair's
// console and the delegation's page, prefixed index*, chair*, delegation*;
// common* for words shared by pages). Plain script, loaded after i18n.js.
// Every language has exactly the keys of lang_en.js (tests/browser/
// i18n_keys.mjs fails on a missing or extra key).
'use strict';

I18N.define('ar', {
  // The room display.
  listOfSpeakers: 'قائمة المتكلمين',
  item: 'البند',
  reply: 'حق الرد',
  listOpen: 'القائمة مفتوحة',
  closesAt: 'تُغلق {time}',
  listClosed: 'القائمة مغلقة',
  notYetOpen: 'لم تُفتح القائمة بعد',
  opensAt: 'تُفتح {time}',
  hasTheFloor: 'الكلمة الآن',
  nextSpeakers: 'المتكلمون التالون',
  nobodyHasTheFloor: 'لا يوجد متكلم حاليًا',
  nobodyWaiting: 'لا أحد في الانتظار',
  paused: 'متوقف مؤقتًا',
  ready: 'جاهز',
  overTime: 'تجاوز الوقت المحدد',
  reconnecting: 'جارٍ إعادة الاتصال…',
  notStarted: 'لم تبدأ الجلسة بعد',
  inSession: 'الجلسة منعقدة',
  suspended: 'الجلسة معلّقة',
  adjourned: 'رُفعت الجلسة',
  onBehalfOf: 'باسم {group}',
  more: 'و{n} آخرون',
  loading: 'جارٍ الاتصال…',
  pointOfOrder: 'نقطة نظام',
  question: 'سؤال إلى المتكلم',
  interrupted: 'كلمة {name} متوقفة مؤقتًا',
});
