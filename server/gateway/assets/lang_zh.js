// The pages' words in Chinese: one table for every page (the room
// display's keys first, unprefixed; then those of the index, the chair's
// console and the delegation's page, prefixed index*, chair*, delegation*;
// common* for words shared by pages). Plain script, loaded after i18n.js.
// Every language has exactly the keys of lang_en.js (tests/browser/
// i18n_keys.mjs fails on a missing or extra key).
'use strict';

I18N.define('zh', {
  // The room display.
  listOfSpeakers: '发言名单',
  item: '议程项目',
  reply: '答辩权',
  listOpen: '名单开放',
  closesAt: '截止时间：{time}',
  listClosed: '名单已截止',
  notYetOpen: '名单尚未开放',
  opensAt: '开放时间：{time}',
  hasTheFloor: '正在发言',
  nextSpeakers: '接下来的发言者',
  nobodyHasTheFloor: '目前无人发言',
  nobodyWaiting: '无人等候发言',
  paused: '已暂停',
  ready: '准备就绪',
  overTime: '已超时',
  reconnecting: '正在重新连接…',
  notStarted: '会议尚未开始',
  inSession: '会议进行中',
  suspended: '会议暂停',
  adjourned: '会议已休会',
  onBehalfOf: '代表{group}',
  more: '另有 {n} 位',
  loading: '正在连接…',
  pointOfOrder: '程序问题',
  question: '向发言者提问',
  interrupted: '{name}的发言暂停',
});
