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
  // The room display (the chair's overrides, separators) and the index page.
  displayListReopened: '名单开放——主席已重新开放',
  displayListOpenedByChair: '名单开放——由主席开放',
  displayListClosedByChair: '名单已由主席截止',
  displayJoin: '，',
  displayTitleSeparator: '：',
  indexTitle: '发言名单',
  indexLanguage: '语言',
  indexMeetings: '会议',
  indexLoading: '正在加载…',
  indexRoomDisplay: '会场显示屏',
  indexChairConsole: '主席控制台',
  indexDelegations: '代表团',
  indexDelegationPage: '代表团页面',
  indexDelegationHelp: '——登记发言、更换发言者、撤回登记并查看本团位置（需要代表团的令牌）。',
  indexDisplayHelp: '会场显示屏无需登录，除非服务器要求读取令牌。',
  indexCannotRead: '无法读取会议信息：{error}',
  indexHealth: '服务器状态',
  indexMetrics: '指标',
  indexColon: '：',
});
