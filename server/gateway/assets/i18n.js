// The room display's words in the six official languages of the United
// Nations. Plain script: defines I18N. Arabic is written right to left.
'use strict';

const I18N = (() => {
  const words = {
    en: {
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
    },
    fr: {
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
    },
    es: {
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
    },
    ru: {
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
    },
    zh: {
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
    },
    ar: {
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
    },
  };

  const languages = ['ar', 'zh', 'en', 'fr', 'ru', 'es'];
  const rtl = new Set(['ar']);
  // Locales for dates and times (Western digits everywhere, like the clock).
  const locales = {
    ar: 'ar-u-nu-latn', zh: 'zh-CN', en: 'en-GB', fr: 'fr-FR', ru: 'ru-RU', es: 'es-ES',
  };

  // The language asked for (?lang=), or English.
  function pick(requested) {
    return languages.includes(requested) ? requested : 'en';
  }

  // Sets <html lang dir> for `lang`.
  function apply(lang) {
    document.documentElement.lang = lang;
    document.documentElement.dir = rtl.has(lang) ? 'rtl' : 'ltr';
  }

  // The word `key` in `lang`, with {name} placeholders filled from `values`.
  function t(lang, key, values = {}) {
    const text = (words[lang] && words[lang][key]) || words.en[key] || key;
    return text.replace(/\{(\w+)\}/g, (_, name) => (name in values ? values[name] : ''));
  }

  // An instant as a date and time in the session's zone, in `lang`.
  function dateTime(lang, ms, timeZone) {
    const options = {
      day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZoneName: 'short',
    };
    if (timeZone) options.timeZone = timeZone;
    try {
      return new Intl.DateTimeFormat(locales[lang] || 'en-GB', options).format(new Date(ms));
    } catch (e) {
      return new Date(ms).toISOString();
    }
  }

  return { languages, pick, apply, t, dateTime, isRtl: (lang) => rtl.has(lang) };
})();
