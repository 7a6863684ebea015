import type { Catalog } from '../shared/i18n.ts';

/** The knowledge platform's emails, in every language of the platform (ICU MessageFormat). */
export const knowledgeEmails = {
  en: {
    greeting: 'Dear {name},',
    openPractice: 'Open the practice',
    submittedSubject: '[WeGO Knowledge] To review: {title}',
    submittedHeading: 'A practice is waiting for review',
    submittedBody:
      '{kind, select, change {{city} proposes a change to its published practice “{title}”. The published version stays visible until you publish the change.} other {{city} submitted the practice “{title}” for review.}} Publish it, or return it with a reason.',
    publishedSubject: '[WeGO Knowledge] Published: {title}',
    publishedHeading: 'Your practice is published',
    publishedBody:
      'The WeGO Secretariat published “{title}” of {city}. Member cities can now find it, and it is translated into the platform’s other languages.',
    returnedSubject: '[WeGO Knowledge] Changes requested: {title}',
    returnedHeading: 'The Secretariat asks for changes',
    returnedBody:
      'The WeGO Secretariat returned “{title}” of {city} with the reason quoted below. Edit it and submit it again.',
    reasonLabel: 'The reason',
    digestSubject:
      '[WeGO Knowledge] {count, plural, one {# new practice} other {# new practices}} in the themes you follow',
    digestHeading: 'New and updated practices',
    digestBody: 'Published or updated since your last digest, in the themes you follow: {themes}.',
    digestUnsubscribe: 'You get this digest once a week at most. To stop it, open: {url}',
    digestAction: 'Stop these emails',
    contactSubject: '[WeGO Knowledge] A message from {fromCity} about “{title}”',
    contactHeading: 'A city wants to learn from your practice',
    contactBody:
      'A representative of {fromCity} wrote to {city} about the practice “{title}”. Neither address is shown to the other side: answer through the relay.',
    messageLabel: 'The message',
    replyAction: 'Read and reply',
    replySubject: '[WeGO Knowledge] Reply from {fromCity} about “{title}”',
    replyHeading: 'A reply through the relay',
    replyBody:
      '{fromCity} answered about the practice “{title}”. Reply through the relay; addresses stay hidden.',
    answerSubject: '[WeGO Knowledge] New answer: {title}',
    answerHeading: 'Your question has a new answer',
    answerBody:
      'A representative of {city} answered your question “{title}”. If it settles it, mark it accepted.',
    answerLabel: 'The answer',
    openQuestion: 'Open the question',
    hiddenSubject:
      '[WeGO Knowledge] {kind, select, question {Your question was hidden} other {Your answer was hidden}}',
    hiddenHeading: '{kind, select, question {Your question was hidden} other {Your answer was hidden}}',
    hiddenBody:
      'The WeGO Secretariat hid your {kind, select, question {question} other {answer}} on “{title}” from the network, for the reason quoted below.',
  },
  ko: {
    greeting: '{name}님께,',
    openPractice: '사례 열기',
    submittedSubject: '[WeGO 지식] 검토 요청: {title}',
    submittedHeading: '검토를 기다리는 사례가 있습니다',
    submittedBody:
      '{kind, select, change {{city}이(가) 게시된 사례 “{title}”의 변경을 제안했습니다. 변경을 게시할 때까지 게시된 버전이 계속 표시됩니다.} other {{city}이(가) 사례 “{title}”을(를) 검토 요청했습니다.}} 게시하거나, 사유와 함께 반려하십시오.',
    publishedSubject: '[WeGO 지식] 게시됨: {title}',
    publishedHeading: '사례가 게시되었습니다',
    publishedBody:
      'WeGO 사무국이 {city}의 “{title}”을(를) 게시했습니다. 이제 회원 도시들이 이 사례를 찾을 수 있으며, 플랫폼의 다른 언어로 번역됩니다.',
    returnedSubject: '[WeGO 지식] 수정 요청: {title}',
    returnedHeading: '사무국이 수정을 요청했습니다',
    returnedBody:
      'WeGO 사무국이 {city}의 “{title}”을(를) 아래 사유와 함께 반려했습니다. 수정한 뒤 다시 제출하십시오.',
    reasonLabel: '사유',
    digestSubject: '[WeGO 지식] 팔로우하는 주제의 새 사례 {count, plural, other {#건}}',
    digestHeading: '새로 게시되거나 갱신된 사례',
    digestBody: '지난 요약 이후 팔로우하는 주제({themes})에서 게시되거나 갱신된 사례입니다.',
    digestUnsubscribe: '이 요약은 많아야 일주일에 한 번 발송됩니다. 수신을 중단하려면 다음을 여십시오: {url}',
    digestAction: '수신 중단',
    contactSubject: '[WeGO 지식] “{title}”에 관한 {fromCity}의 메시지',
    contactHeading: '다른 도시가 귀하의 사례에서 배우고자 합니다',
    contactBody:
      '{fromCity}의 대표가 사례 “{title}”에 관해 {city}에 메시지를 보냈습니다. 양측의 이메일 주소는 서로에게 공개되지 않습니다. 중계를 통해 답장하십시오.',
    messageLabel: '메시지',
    replyAction: '읽고 답장하기',
    replySubject: '[WeGO 지식] “{title}”에 관한 {fromCity}의 답장',
    replyHeading: '중계를 통한 답장',
    replyBody:
      '{fromCity}이(가) 사례 “{title}”에 관해 답장했습니다. 중계를 통해 답장하십시오. 주소는 계속 비공개입니다.',
    answerSubject: '[WeGO 지식] 새 답변: {title}',
    answerHeading: '질문에 새 답변이 달렸습니다',
    answerBody: '{city}의 대표가 질문 “{title}”에 답변했습니다. 해결되었다면 채택으로 표시하십시오.',
    answerLabel: '답변',
    openQuestion: '질문 열기',
    hiddenSubject: '[WeGO 지식] {kind, select, question {질문이 숨겨졌습니다} other {답변이 숨겨졌습니다}}',
    hiddenHeading: '{kind, select, question {질문이 숨겨졌습니다} other {답변이 숨겨졌습니다}}',
    hiddenBody:
      'WeGO 사무국이 “{title}”에 관한 귀하의 {kind, select, question {질문} other {답변}}을(를) 아래 사유로 네트워크에서 숨겼습니다.',
  },
  es: {
    greeting: 'Estimado/a {name}:',
    openPractice: 'Abrir la práctica',
    submittedSubject: '[WeGO Conocimiento] Para revisar: {title}',
    submittedHeading: 'Una práctica espera revisión',
    submittedBody:
      '{kind, select, change {{city} propone un cambio en su práctica publicada «{title}». La versión publicada sigue visible hasta que publique el cambio.} other {{city} envió la práctica «{title}» para revisión.}} Publíquela o devuélvala con un motivo.',
    publishedSubject: '[WeGO Conocimiento] Publicada: {title}',
    publishedHeading: 'Su práctica está publicada',
    publishedBody:
      'La Secretaría de WeGO publicó «{title}» de {city}. Las ciudades miembro ya pueden encontrarla, y se traduce a los demás idiomas de la plataforma.',
    returnedSubject: '[WeGO Conocimiento] Cambios solicitados: {title}',
    returnedHeading: 'La Secretaría pide cambios',
    returnedBody:
      'La Secretaría de WeGO devolvió «{title}» de {city} con el motivo citado abajo. Modifíquela y envíela de nuevo.',
    reasonLabel: 'El motivo',
    digestSubject:
      '[WeGO Conocimiento] {count, plural, one {# práctica nueva} other {# prácticas nuevas}} en los temas que sigue',
    digestHeading: 'Prácticas nuevas y actualizadas',
    digestBody: 'Publicadas o actualizadas desde su último resumen, en los temas que sigue: {themes}.',
    digestUnsubscribe:
      'Recibe este resumen como mucho una vez por semana. Para dejar de recibirlo, abra: {url}',
    digestAction: 'Dejar de recibir estos correos',
    contactSubject: '[WeGO Conocimiento] Un mensaje de {fromCity} sobre «{title}»',
    contactHeading: 'Una ciudad quiere aprender de su práctica',
    contactBody:
      'Un representante de {fromCity} escribió a {city} sobre la práctica «{title}». Ninguna de las dos direcciones se muestra a la otra parte: responda a través del relé.',
    messageLabel: 'El mensaje',
    replyAction: 'Leer y responder',
    replySubject: '[WeGO Conocimiento] Respuesta de {fromCity} sobre «{title}»',
    replyHeading: 'Una respuesta a través del relé',
    replyBody:
      '{fromCity} respondió sobre la práctica «{title}». Responda a través del relé; las direcciones siguen ocultas.',
    answerSubject: '[WeGO Conocimiento] Nueva respuesta: {title}',
    answerHeading: 'Su pregunta tiene una nueva respuesta',
    answerBody:
      'Un representante de {city} respondió a su pregunta «{title}». Si la resuelve, márquela como aceptada.',
    answerLabel: 'La respuesta',
    openQuestion: 'Abrir la pregunta',
    hiddenSubject:
      '[WeGO Conocimiento] {kind, select, question {Su pregunta fue ocultada} other {Su respuesta fue ocultada}}',
    hiddenHeading: '{kind, select, question {Su pregunta fue ocultada} other {Su respuesta fue ocultada}}',
    hiddenBody:
      'La Secretaría de WeGO ocultó su {kind, select, question {pregunta} other {respuesta}} sobre «{title}» en la red, por el motivo citado abajo.',
  },
  fr: {
    greeting: 'Madame, Monsieur {name},',
    openPractice: 'Ouvrir la pratique',
    submittedSubject: '[WeGO Savoirs] À examiner : {title}',
    submittedHeading: 'Une pratique attend votre examen',
    submittedBody:
      '{kind, select, change {{city} propose une modification de sa pratique publiée « {title} ». La version publiée reste visible jusqu’à ce que vous publiiez la modification.} other {{city} a soumis la pratique « {title} » à l’examen.}} Publiez-la, ou renvoyez-la avec un motif.',
    publishedSubject: '[WeGO Savoirs] Publiée : {title}',
    publishedHeading: 'Votre pratique est publiée',
    publishedBody:
      'Le Secrétariat de WeGO a publié « {title} » de {city}. Les villes membres peuvent désormais la trouver, et elle est traduite dans les autres langues de la plateforme.',
    returnedSubject: '[WeGO Savoirs] Modifications demandées : {title}',
    returnedHeading: 'Le Secrétariat demande des modifications',
    returnedBody:
      'Le Secrétariat de WeGO a renvoyé « {title} » de {city} avec le motif cité ci-dessous. Modifiez-la et soumettez-la à nouveau.',
    reasonLabel: 'Le motif',
    digestSubject:
      '[WeGO Savoirs] {count, plural, one {# nouvelle pratique} other {# nouvelles pratiques}} dans les thèmes que vous suivez',
    digestHeading: 'Pratiques nouvelles et mises à jour',
    digestBody:
      'Publiées ou mises à jour depuis votre dernier résumé, dans les thèmes que vous suivez : {themes}.',
    digestUnsubscribe:
      'Vous recevez ce résumé au plus une fois par semaine. Pour ne plus le recevoir, ouvrez : {url}',
    digestAction: 'Ne plus recevoir ces courriels',
    contactSubject: '[WeGO Savoirs] Un message de {fromCity} au sujet de « {title} »',
    contactHeading: 'Une ville souhaite apprendre de votre pratique',
    contactBody:
      'Un représentant de {fromCity} a écrit à {city} au sujet de la pratique « {title} ». Aucune des deux adresses n’est montrée à l’autre partie : répondez par le relais.',
    messageLabel: 'Le message',
    replyAction: 'Lire et répondre',
    replySubject: '[WeGO Savoirs] Réponse de {fromCity} au sujet de « {title} »',
    replyHeading: 'Une réponse par le relais',
    replyBody:
      '{fromCity} a répondu au sujet de la pratique « {title} ». Répondez par le relais ; les adresses restent masquées.',
    answerSubject: '[WeGO Savoirs] Nouvelle réponse : {title}',
    answerHeading: 'Votre question a une nouvelle réponse',
    answerBody:
      'Un représentant de {city} a répondu à votre question « {title} ». Si elle la règle, marquez-la comme acceptée.',
    answerLabel: 'La réponse',
    openQuestion: 'Ouvrir la question',
    hiddenSubject:
      '[WeGO Savoirs] {kind, select, question {Votre question a été masquée} other {Votre réponse a été masquée}}',
    hiddenHeading:
      '{kind, select, question {Votre question a été masquée} other {Votre réponse a été masquée}}',
    hiddenBody:
      'Le Secrétariat de WeGO a masqué votre {kind, select, question {question} other {réponse}} sur « {title} » dans le réseau, pour le motif cité ci-dessous.',
  },
  ru: {
    greeting: 'Уважаемый(ая) {name},',
    openPractice: 'Открыть практику',
    submittedSubject: '[WeGO Знания] На рассмотрение: {title}',
    submittedHeading: 'Практика ожидает рассмотрения',
    submittedBody:
      '{kind, select, change {{city} предлагает изменение опубликованной практики «{title}». Опубликованная версия остаётся видимой, пока вы не опубликуете изменение.} other {{city} направил(а) практику «{title}» на рассмотрение.}} Опубликуйте её или верните с указанием причины.',
    publishedSubject: '[WeGO Знания] Опубликовано: {title}',
    publishedHeading: 'Ваша практика опубликована',
    publishedBody:
      'Секретариат WeGO опубликовал практику «{title}» города {city}. Теперь города-члены могут её найти, и она переводится на другие языки платформы.',
    returnedSubject: '[WeGO Знания] Требуются изменения: {title}',
    returnedHeading: 'Секретариат просит внести изменения',
    returnedBody:
      'Секретариат WeGO вернул практику «{title}» города {city} по причине, приведённой ниже. Исправьте её и отправьте снова.',
    reasonLabel: 'Причина',
    digestSubject:
      '[WeGO Знания] {count, plural, one {# новая практика} few {# новые практики} many {# новых практик} other {# новой практики}} по темам, на которые вы подписаны',
    digestHeading: 'Новые и обновлённые практики',
    digestBody: 'Опубликованы или обновлены со времени вашей последней сводки, по темам: {themes}.',
    digestUnsubscribe: 'Эта сводка приходит не чаще раза в неделю. Чтобы отписаться, откройте: {url}',
    digestAction: 'Отписаться от этих писем',
    contactSubject: '[WeGO Знания] Сообщение от {fromCity} о практике «{title}»',
    contactHeading: 'Другой город хочет поучиться на вашей практике',
    contactBody:
      'Представитель города {fromCity} написал городу {city} о практике «{title}». Адреса сторон друг другу не показываются: отвечайте через ретранслятор.',
    messageLabel: 'Сообщение',
    replyAction: 'Прочитать и ответить',
    replySubject: '[WeGO Знания] Ответ от {fromCity} о практике «{title}»',
    replyHeading: 'Ответ через ретранслятор',
    replyBody:
      '{fromCity} ответил(а) по поводу практики «{title}». Отвечайте через ретранслятор; адреса остаются скрытыми.',
    answerSubject: '[WeGO Знания] Новый ответ: {title}',
    answerHeading: 'На ваш вопрос пришёл новый ответ',
    answerBody:
      'Представитель города {city} ответил на ваш вопрос «{title}». Если ответ решает вопрос, отметьте его как принятый.',
    answerLabel: 'Ответ',
    openQuestion: 'Открыть вопрос',
    hiddenSubject: '[WeGO Знания] {kind, select, question {Ваш вопрос скрыт} other {Ваш ответ скрыт}}',
    hiddenHeading: '{kind, select, question {Ваш вопрос скрыт} other {Ваш ответ скрыт}}',
    hiddenBody:
      'Секретариат WeGO скрыл ваш {kind, select, question {вопрос} other {ответ}} по теме «{title}» по причине, приведённой ниже.',
  },
  zh: {
    greeting: '尊敬的{name}：',
    openPractice: '打开案例',
    submittedSubject: '[WeGO 知识] 待审核：{title}',
    submittedHeading: '有案例等待审核',
    submittedBody:
      '{kind, select, change {{city}提议修改其已发布的案例“{title}”。在您发布修改之前，已发布的版本仍然可见。} other {{city}提交了案例“{title}”以供审核。}}请发布，或注明理由后退回。',
    publishedSubject: '[WeGO 知识] 已发布：{title}',
    publishedHeading: '您的案例已发布',
    publishedBody:
      'WeGO 秘书处已发布{city}的“{title}”。成员城市现在可以找到它，它也将被翻译成平台的其他语言。',
    returnedSubject: '[WeGO 知识] 需要修改：{title}',
    returnedHeading: '秘书处要求修改',
    returnedBody: 'WeGO 秘书处退回了{city}的“{title}”，理由如下。请修改后重新提交。',
    reasonLabel: '理由',
    digestSubject: '[WeGO 知识] 您关注的主题有 {count, plural, other {# 个新案例}}',
    digestHeading: '新发布和更新的案例',
    digestBody: '自上次摘要以来，在您关注的主题（{themes}）中发布或更新的案例。',
    digestUnsubscribe: '此摘要每周最多发送一次。如需退订，请打开：{url}',
    digestAction: '退订这些邮件',
    contactSubject: '[WeGO 知识] 来自{fromCity}关于“{title}”的消息',
    contactHeading: '有城市希望借鉴您的案例',
    contactBody: '{fromCity}的代表就案例“{title}”给{city}写信。双方的邮箱地址互不公开：请通过中转回复。',
    messageLabel: '消息',
    replyAction: '阅读并回复',
    replySubject: '[WeGO 知识] 来自{fromCity}关于“{title}”的回复',
    replyHeading: '通过中转的回复',
    replyBody: '{fromCity}就案例“{title}”作了回复。请通过中转回复；地址保持隐藏。',
    answerSubject: '[WeGO 知识] 新回答：{title}',
    answerHeading: '您的问题有了新回答',
    answerBody: '{city}的代表回答了您的问题“{title}”。如果问题已解决，请将其标记为已采纳。',
    answerLabel: '回答',
    openQuestion: '打开问题',
    hiddenSubject: '[WeGO 知识] {kind, select, question {您的问题已被隐藏} other {您的回答已被隐藏}}',
    hiddenHeading: '{kind, select, question {您的问题已被隐藏} other {您的回答已被隐藏}}',
    hiddenBody:
      'WeGO 秘书处以下述理由在网络中隐藏了您关于“{title}”的{kind, select, question {问题} other {回答}}。',
  },
  ar: {
    greeting: 'السيد/السيدة {name}،',
    openPractice: 'فتح الممارسة',
    submittedSubject: '[WeGO للمعرفة] للمراجعة: {title}',
    submittedHeading: 'ممارسة بانتظار المراجعة',
    submittedBody:
      '{kind, select, change {تقترح {city} تعديلًا على ممارستها المنشورة «{title}». تبقى النسخة المنشورة ظاهرة حتى تنشروا التعديل.} other {قدّمت {city} الممارسة «{title}» للمراجعة.}} انشروها، أو أعيدوها مع ذكر السبب.',
    publishedSubject: '[WeGO للمعرفة] نُشرت: {title}',
    publishedHeading: 'نُشرت ممارستكم',
    publishedBody:
      'نشرت أمانة WeGO الممارسة «{title}» الخاصة بـ{city}. يمكن للمدن الأعضاء الآن العثور عليها، وتُترجم إلى لغات المنصة الأخرى.',
    returnedSubject: '[WeGO للمعرفة] تعديلات مطلوبة: {title}',
    returnedHeading: 'تطلب الأمانة إجراء تعديلات',
    returnedBody:
      'أعادت أمانة WeGO الممارسة «{title}» الخاصة بـ{city} للسبب المذكور أدناه. عدّلوها وقدّموها من جديد.',
    reasonLabel: 'السبب',
    digestSubject:
      '[WeGO للمعرفة] {count, plural, zero {لا ممارسات جديدة} one {ممارسة جديدة واحدة} two {ممارستان جديدتان} few {# ممارسات جديدة} many {# ممارسة جديدة} other {# ممارسة جديدة}} في المواضيع التي تتابعونها',
    digestHeading: 'ممارسات جديدة ومحدّثة',
    digestBody: 'نُشرت أو حُدّثت منذ ملخصكم الأخير، في المواضيع التي تتابعونها: {themes}.',
    digestUnsubscribe: 'يصلكم هذا الملخص مرة واحدة في الأسبوع على الأكثر. لإيقافه افتحوا: {url}',
    digestAction: 'إيقاف هذه الرسائل',
    contactSubject: '[WeGO للمعرفة] رسالة من {fromCity} بشأن «{title}»',
    contactHeading: 'مدينة تريد أن تتعلم من ممارستكم',
    contactBody:
      'كتب ممثل عن {fromCity} إلى {city} بشأن الممارسة «{title}». لا يُعرض عنوان أي طرف على الطرف الآخر: ردّوا عبر خدمة الترحيل.',
    messageLabel: 'الرسالة',
    replyAction: 'القراءة والرد',
    replySubject: '[WeGO للمعرفة] رد من {fromCity} بشأن «{title}»',
    replyHeading: 'رد عبر خدمة الترحيل',
    replyBody: 'ردّت {fromCity} بشأن الممارسة «{title}». ردّوا عبر خدمة الترحيل؛ تبقى العناوين مخفية.',
    answerSubject: '[WeGO للمعرفة] إجابة جديدة: {title}',
    answerHeading: 'لسؤالكم إجابة جديدة',
    answerBody: 'أجاب ممثل عن {city} على سؤالكم «{title}». إن كانت تحسم الأمر فعلّموها كإجابة مقبولة.',
    answerLabel: 'الإجابة',
    openQuestion: 'فتح السؤال',
    hiddenSubject: '[WeGO للمعرفة] {kind, select, question {أُخفي سؤالكم} other {أُخفيت إجابتكم}}',
    hiddenHeading: '{kind, select, question {أُخفي سؤالكم} other {أُخفيت إجابتكم}}',
    hiddenBody:
      'أخفت أمانة WeGO {kind, select, question {سؤالكم} other {إجابتكم}} بشأن «{title}» عن الشبكة، للسبب المذكور أدناه.',
  },
} satisfies Catalog;

export type KnowledgeEmailKey = keyof (typeof knowledgeEmails)['en'];
