import type { Catalog } from '../shared/i18n.ts';

/**
 * The Civic Participation System emails to citizens (in the language they filed the request in) and
 * to officials (in the language set on them). ICU MessageFormat; dates come in already formatted for
 * the language (`{due}`, `{at}`), periods and counts are plurals. The Secretariat's emails are English
 * only (emails.ts) but share the facts below.
 */
const en = {
  'date.utc': '{when} UTC',
  status:
    '{status, select, submitted {received, waiting for an official} assigned {assigned to an official} in_progress {in progress} resolved {resolved} closed {closed} other {updated}}',
  'request.matterIn': '{matter} in {district}',
  'request.whatWhere': '{matter} in {district}, {city}',
  'official.label': '{name}, {title}',
  'period.hours': '{hours, plural, one {# hour} other {# hours}}',
  'period.days': '{days, plural, one {# day} other {# days}}',
  'due.overdue': '{due} (overdue)',

  'fact.request': 'Request',
  'fact.requestNumber': 'Request number',
  'fact.matter': 'Matter',
  'fact.district': 'District',
  'fact.address': 'Address',
  'fact.location': 'Location',
  'fact.map': 'Map',
  'fact.submitted': 'Submitted',
  'fact.expectedBy': 'Expected by',
  'fact.handledBy': 'Handled by',
  'fact.status': 'Status',
  'fact.newStatus': 'New status',
  'fact.citizen': 'Citizen',
  'fact.citizenEmail': 'Citizen email',
  'fact.citizenPhone': 'Citizen phone',
  'fact.citizenLanguage': "Citizen's language",
  'fact.description': 'Description',
  'fact.resolved': 'Resolved',
  'fact.noContact': 'No contact details given',
  'fact.nameNotGiven': 'Name not given',
  'fact.toBeDecided': 'To be decided by the WeGO Secretariat',

  'citizen.greeting': 'Hello,',
  'citizen.greetingNamed': 'Dear {name},',
  'citizen.yourDescription': 'Your description',
  'citizen.follow': 'Follow your request',
  'citizen.removeContact': 'Remove my contact details',
  'citizen.privacy':
    'Only the officials who handle your request see your contact details; they never appear on the public page of the request. You can remove them from this request at any time with the link below.',
  'ack.subject': 'Your request {id} was received: {what}',
  'ack.heading': 'Thank you, your request was received',
  'ack.received':
    '{city} received your request. Its number is {id}: please quote it if you contact the city about it.',
  'ack.nextOfficial':
    'What happens next: {official} will handle it. The city aims to deal with it within {period}, by {due}.',
  'ack.nextSecretariat':
    'What happens next: no office is set yet for this kind of request in {district}, so the WeGO Secretariat will find the right office and pass your request on. The city aims to deal with it within {period}, by {due}.',
  'ack.follow':
    'We will email you when the city posts news about your request. You can also follow it at any time with the button below.',
  'update.subject': 'Your request {id} ({what}) is now {status}',
  'update.heading':
    '{status, select, submitted {Your request is waiting for an official} assigned {Your request was assigned to an official} in_progress {Your request is in progress} resolved {Your request was resolved} closed {Your request was closed} other {Your request was updated}}',
  'update.body':
    "{city} posted news about your request ({what}) on {at}. It is now {status}. The city's message is below.",
  'update.next': 'The city expects to deal with it by {due}. We will email you again when there is news.',
  'update.closedNext':
    'If the problem is still there, you can submit a new request and mention this request number.',
  'update.cityMessage': 'Message from the city',
  'resolved.subject': 'Your request {id} ({what}) was resolved: is it fixed?',
  'resolved.heading': 'Is the problem fixed?',
  'resolved.body': '{city} marked your request ({what}) as resolved on {at}.',
  'resolved.messageBelow': "The city's message is below.",
  'resolved.ask':
    'Please tell us if the problem is really fixed: the button below opens a page where you answer with one click. If it is not fixed, the request is reopened and goes back to the official in charge, with your comment.',
  'resolved.answer': 'Is it fixed? Answer here',

  'official.greeting': 'Dear {name},',
  'official.deadline': 'Please deal with it by {due}; after that it is escalated to the WeGO Secretariat.',
  'official.deadlineOverdue': 'It is already overdue: it was expected by {due}. Please deal with it first.',
  'official.updatesArePublic':
    'Post your progress with the button below: updates you mark as public are emailed to the citizen, the others stay internal.',
  'official.citizenDescription': "The citizen's description",
  'official.open': 'Open the request',
  'official.photo': 'Photo {n} of {count}',
  'assign.subject': '[WeGO CPS] Request {id} assigned to you: {what}',
  'assign.heading': 'New request assigned to you',
  'assign.body': 'A citizen reported: {whatWhere}. The request is assigned to you. {deadline}',
  'handOver.subject': '[WeGO CPS] Request {id} handed over to you: {what}',
  'handOver.heading': 'Request handed over to you',
  'handOver.body':
    'A request was handed over to you: {whatWhere}. The reason for the hand-over is quoted below. {deadline}',
  'handOver.reason': 'Reason for the hand-over',
  'reopen.subject': '[WeGO CPS] Request {id} reopened, the citizen says it is not fixed: {what}',
  'reopen.heading': 'The citizen says it is not fixed',
  'reopen.body':
    'The request ({whatWhere}) was marked resolved on {resolvedAt}. On {at} the citizen answered that the problem is not fixed, so the request is open again and back in your queue. {deadline}',
  'reopen.count': 'This request has now been reopened {count, plural, one {once} other {# times}}.',
  'reopen.comment': "The citizen's comment",
  'reopen.noComment': 'The citizen left no comment.',
};

type Key = keyof typeof en;

export const cpsEmailMessages = {
  en,
  ko: {
    'date.utc': '{when} (UTC)',
    status:
      '{status, select, submitted {접수됨, 담당 공무원 배정 대기 중} assigned {담당 공무원 배정됨} in_progress {처리 중} resolved {해결됨} closed {종료됨} other {갱신됨}}',
    'request.matterIn': '{district}의 {matter}',
    'request.whatWhere': '{city} {district}의 {matter}',
    'official.label': '{name} ({title})',
    'period.hours': '{hours, plural, other {#시간}}',
    'period.days': '{days, plural, other {#일}}',
    'due.overdue': '{due} (기한 초과)',

    'fact.request': '요청',
    'fact.requestNumber': '요청 번호',
    'fact.matter': '민원 분야',
    'fact.district': '지역',
    'fact.address': '주소',
    'fact.location': '위치',
    'fact.map': '지도',
    'fact.submitted': '접수 일시',
    'fact.expectedBy': '처리 예정일',
    'fact.handledBy': '담당자',
    'fact.status': '상태',
    'fact.newStatus': '새 상태',
    'fact.citizen': '시민',
    'fact.citizenEmail': '시민 이메일',
    'fact.citizenPhone': '시민 전화번호',
    'fact.citizenLanguage': '시민의 언어',
    'fact.description': '내용',
    'fact.resolved': '해결 일시',
    'fact.noContact': '연락처를 남기지 않음',
    'fact.nameNotGiven': '이름을 남기지 않음',
    'fact.toBeDecided': 'WeGO 사무국에서 지정 예정',

    'citizen.greeting': '안녕하세요.',
    'citizen.greetingNamed': '{name} 님, 안녕하세요.',
    'citizen.yourDescription': '작성하신 내용',
    'citizen.follow': '요청 진행 상황 보기',
    'citizen.removeContact': '내 연락처 삭제하기',
    'citizen.privacy':
      '연락처는 요청을 처리하는 공무원만 볼 수 있으며, 요청의 공개 페이지에는 표시되지 않습니다. 아래 링크로 언제든지 이 요청에서 연락처를 삭제할 수 있습니다.',
    'ack.subject': '요청 {id}이(가) 접수되었습니다: {what}',
    'ack.heading': '감사합니다. 요청이 접수되었습니다',
    'ack.received':
      '{city}에서 요청을 접수했습니다. 요청 번호는 {id}입니다. 이 요청에 관해 시에 문의하실 때 이 번호를 알려 주세요.',
    'ack.nextOfficial':
      '다음 단계: {official} 님이 처리할 예정입니다. 시는 {period} 이내, {due}까지 처리하는 것을 목표로 합니다.',
    'ack.nextSecretariat':
      '다음 단계: {district}에는 아직 이런 종류의 요청을 담당하는 부서가 지정되어 있지 않아, WeGO 사무국이 담당 부서를 찾아 요청을 전달할 예정입니다. 시는 {period} 이내, {due}까지 처리하는 것을 목표로 합니다.',
    'ack.follow':
      '시에서 요청에 관한 소식을 올리면 이메일로 알려 드립니다. 아래 버튼으로 언제든지 진행 상황을 확인할 수도 있습니다.',
    'update.subject': '요청 {id}({what}) 현재 상태: {status}',
    'update.heading':
      '{status, select, submitted {요청이 담당 공무원 배정을 기다리고 있습니다} assigned {요청이 담당 공무원에게 배정되었습니다} in_progress {요청을 처리하고 있습니다} resolved {요청이 해결되었습니다} closed {요청이 종료되었습니다} other {요청이 갱신되었습니다}}',
    'update.body':
      '{city}에서 {at}에 요청({what})에 관한 소식을 올렸습니다. 현재 상태는 "{status}"입니다. 시의 메시지는 아래와 같습니다.',
    'update.next': '시는 {due}까지 처리할 예정입니다. 새로운 소식이 있으면 다시 이메일로 알려 드립니다.',
    'update.closedNext': '문제가 여전히 남아 있다면 이 요청 번호를 적어 새 요청을 제출해 주세요.',
    'update.cityMessage': '시의 메시지',
    'resolved.subject': '요청 {id}({what})이(가) 해결되었습니다. 문제가 해결되었나요?',
    'resolved.heading': '문제가 해결되었나요?',
    'resolved.body': '{city}에서 {at}에 요청({what})을 해결됨으로 표시했습니다.',
    'resolved.messageBelow': '시의 메시지는 아래와 같습니다.',
    'resolved.ask':
      '문제가 실제로 해결되었는지 알려 주세요. 아래 버튼을 누르면 열리는 페이지에서 한 번의 클릭으로 답할 수 있습니다. 해결되지 않았다면 요청이 다시 열려 의견과 함께 담당 공무원에게 돌아갑니다.',
    'resolved.answer': '해결되었나요? 답변하기',

    'official.greeting': '{name} 님께',
    'official.deadline': '{due}까지 처리해 주세요. 그 이후에는 WeGO 사무국에 보고됩니다.',
    'official.deadlineOverdue':
      '이미 기한이 지났습니다. 처리 예정일은 {due}였습니다. 가장 먼저 처리해 주세요.',
    'official.updatesArePublic':
      '아래 버튼으로 진행 상황을 올려 주세요. 공개로 표시한 업데이트는 시민에게 이메일로 전달되고, 나머지는 내부용으로 남습니다.',
    'official.citizenDescription': '시민이 작성한 내용',
    'official.open': '요청 열기',
    'official.photo': '사진 {n}/{count}',
    'assign.subject': '[WeGO CPS] 요청 {id}이(가) 배정되었습니다: {what}',
    'assign.heading': '새 요청이 배정되었습니다',
    'assign.body': '시민이 신고했습니다: {whatWhere}. 이 요청은 귀하에게 배정되었습니다. {deadline}',
    'handOver.subject': '[WeGO CPS] 요청 {id}이(가) 이관되었습니다: {what}',
    'handOver.heading': '요청이 이관되었습니다',
    'handOver.body': '요청이 귀하에게 이관되었습니다: {whatWhere}. 이관 사유는 아래와 같습니다. {deadline}',
    'handOver.reason': '이관 사유',
    'reopen.subject': '[WeGO CPS] 요청 {id} 재개, 시민이 해결되지 않았다고 답했습니다: {what}',
    'reopen.heading': '시민이 해결되지 않았다고 답했습니다',
    'reopen.body':
      '요청({whatWhere})은 {resolvedAt}에 해결됨으로 표시되었습니다. 시민이 {at}에 문제가 해결되지 않았다고 답하여, 요청이 다시 열리고 귀하의 처리 목록으로 돌아왔습니다. {deadline}',
    'reopen.count': '이 요청은 지금까지 {count, plural, other {#번}} 다시 열렸습니다.',
    'reopen.comment': '시민의 의견',
    'reopen.noComment': '시민이 의견을 남기지 않았습니다.',
  },
  es: {
    'date.utc': '{when} (UTC)',
    status:
      '{status, select, submitted {recibida, en espera de un funcionario} assigned {asignada a un funcionario} in_progress {en curso} resolved {resuelta} closed {cerrada} other {actualizada}}',
    'request.matterIn': '{matter} en {district}',
    'request.whatWhere': '{matter} en {district}, {city}',
    'official.label': '{name}, {title}',
    'period.hours': '{hours, plural, one {# hora} other {# horas}}',
    'period.days': '{days, plural, one {# día} other {# días}}',
    'due.overdue': '{due} (vencida)',

    'fact.request': 'Solicitud',
    'fact.requestNumber': 'Número de solicitud',
    'fact.matter': 'Asunto',
    'fact.district': 'Distrito',
    'fact.address': 'Dirección',
    'fact.location': 'Ubicación',
    'fact.map': 'Mapa',
    'fact.submitted': 'Presentada',
    'fact.expectedBy': 'Fecha prevista',
    'fact.handledBy': 'A cargo de',
    'fact.status': 'Estado',
    'fact.newStatus': 'Nuevo estado',
    'fact.citizen': 'Ciudadano',
    'fact.citizenEmail': 'Correo del ciudadano',
    'fact.citizenPhone': 'Teléfono del ciudadano',
    'fact.citizenLanguage': 'Idioma del ciudadano',
    'fact.description': 'Descripción',
    'fact.resolved': 'Resuelta',
    'fact.noContact': 'No dejó datos de contacto',
    'fact.nameNotGiven': 'Nombre no indicado',
    'fact.toBeDecided': 'Lo decidirá la Secretaría de WeGO',

    'citizen.greeting': 'Hola:',
    'citizen.greetingNamed': 'Estimado/a {name}:',
    'citizen.yourDescription': 'Su descripción',
    'citizen.follow': 'Seguir su solicitud',
    'citizen.removeContact': 'Eliminar mis datos de contacto',
    'citizen.privacy':
      'Solo los funcionarios que tramitan su solicitud ven sus datos de contacto; nunca aparecen en la página pública de la solicitud. Puede eliminarlos de esta solicitud en cualquier momento con el enlace de abajo.',
    'ack.subject': 'Hemos recibido su solicitud {id}: {what}',
    'ack.heading': 'Gracias, hemos recibido su solicitud',
    'ack.received':
      '{city} ha recibido su solicitud. Su número es {id}: indíquelo si se pone en contacto con la ciudad sobre ella.',
    'ack.nextOfficial':
      'Próximos pasos: {official} se encargará de ella. La ciudad prevé atenderla en un plazo de {period}, antes del {due}.',
    'ack.nextSecretariat':
      'Próximos pasos: todavía no hay una oficina asignada para este tipo de solicitud en {district}, así que la Secretaría de WeGO buscará la oficina adecuada y le transmitirá su solicitud. La ciudad prevé atenderla en un plazo de {period}, antes del {due}.',
    'ack.follow':
      'Le escribiremos cuando la ciudad publique novedades sobre su solicitud. También puede seguirla en cualquier momento con el botón de abajo.',
    'update.subject': 'Su solicitud {id} ({what}) está ahora {status}',
    'update.heading':
      '{status, select, submitted {Su solicitud espera a un funcionario} assigned {Su solicitud se asignó a un funcionario} in_progress {Su solicitud está en curso} resolved {Su solicitud se ha resuelto} closed {Su solicitud se ha cerrado} other {Su solicitud se ha actualizado}}',
    'update.body':
      '{city} publicó novedades sobre su solicitud ({what}) el {at}. Ahora está {status}. El mensaje de la ciudad figura abajo.',
    'update.next':
      'La ciudad prevé atenderla antes del {due}. Le volveremos a escribir cuando haya novedades.',
    'update.closedNext':
      'Si el problema persiste, puede presentar una nueva solicitud indicando este número.',
    'update.cityMessage': 'Mensaje de la ciudad',
    'resolved.subject': 'Su solicitud {id} ({what}) se ha resuelto: ¿está arreglado?',
    'resolved.heading': '¿Está arreglado el problema?',
    'resolved.body': '{city} marcó su solicitud ({what}) como resuelta el {at}.',
    'resolved.messageBelow': 'El mensaje de la ciudad figura abajo.',
    'resolved.ask':
      'Díganos si el problema está realmente arreglado: el botón de abajo abre una página donde puede responder con un clic. Si no está arreglado, la solicitud se reabre y vuelve al funcionario responsable, con su comentario.',
    'resolved.answer': '¿Está arreglado? Responda aquí',

    'official.greeting': 'Estimado/a {name}:',
    'official.deadline': 'Atiéndala antes del {due}; después se remite a la Secretaría de WeGO.',
    'official.deadlineOverdue': 'Ya está vencida: se esperaba para el {due}. Atiéndala en primer lugar.',
    'official.updatesArePublic':
      'Publique sus avances con el botón de abajo: las actualizaciones que marque como públicas se envían por correo al ciudadano; las demás quedan internas.',
    'official.citizenDescription': 'Descripción del ciudadano',
    'official.open': 'Abrir la solicitud',
    'official.photo': 'Foto {n} de {count}',
    'assign.subject': '[WeGO CPS] Solicitud {id} asignada a usted: {what}',
    'assign.heading': 'Nueva solicitud asignada a usted',
    'assign.body': 'Un ciudadano informó: {whatWhere}. La solicitud está asignada a usted. {deadline}',
    'handOver.subject': '[WeGO CPS] Solicitud {id} transferida a usted: {what}',
    'handOver.heading': 'Solicitud transferida a usted',
    'handOver.body':
      'Se le ha transferido una solicitud: {whatWhere}. El motivo de la transferencia figura abajo. {deadline}',
    'handOver.reason': 'Motivo de la transferencia',
    'reopen.subject': '[WeGO CPS] Solicitud {id} reabierta, el ciudadano dice que no está arreglado: {what}',
    'reopen.heading': 'El ciudadano dice que no está arreglado',
    'reopen.body':
      'La solicitud ({whatWhere}) se marcó como resuelta el {resolvedAt}. El {at} el ciudadano respondió que el problema no está arreglado, así que la solicitud vuelve a estar abierta y de nuevo en su lista. {deadline}',
    'reopen.count': 'Esta solicitud se ha reabierto {count, plural, one {una vez} other {# veces}}.',
    'reopen.comment': 'Comentario del ciudadano',
    'reopen.noComment': 'El ciudadano no dejó ningún comentario.',
  },
  fr: {
    'date.utc': '{when} (UTC)',
    status:
      '{status, select, submitted {reçue, en attente d’un agent} assigned {confiée à un agent} in_progress {en cours de traitement} resolved {résolue} closed {clôturée} other {mise à jour}}',
    'request.matterIn': '{matter} à {district}',
    'request.whatWhere': '{matter} à {district}, {city}',
    'official.label': '{name}, {title}',
    'period.hours': '{hours, plural, one {# heure} other {# heures}}',
    'period.days': '{days, plural, one {# jour} other {# jours}}',
    'due.overdue': '{due} (en retard)',

    'fact.request': 'Demande',
    'fact.requestNumber': 'Numéro de la demande',
    'fact.matter': 'Objet',
    'fact.district': 'Quartier',
    'fact.address': 'Adresse',
    'fact.location': 'Position',
    'fact.map': 'Carte',
    'fact.submitted': 'Déposée le',
    'fact.expectedBy': 'Échéance',
    'fact.handledBy': 'Traitée par',
    'fact.status': 'État',
    'fact.newStatus': 'Nouvel état',
    'fact.citizen': 'Citoyen',
    'fact.citizenEmail': 'Courriel du citoyen',
    'fact.citizenPhone': 'Téléphone du citoyen',
    'fact.citizenLanguage': 'Langue du citoyen',
    'fact.description': 'Description',
    'fact.resolved': 'Résolue le',
    'fact.noContact': 'Aucune coordonnée fournie',
    'fact.nameNotGiven': 'Nom non indiqué',
    'fact.toBeDecided': 'À déterminer par le Secrétariat de WeGO',

    'citizen.greeting': 'Bonjour,',
    'citizen.greetingNamed': 'Bonjour {name},',
    'citizen.yourDescription': 'Votre description',
    'citizen.follow': 'Suivre votre demande',
    'citizen.removeContact': 'Supprimer mes coordonnées',
    'citizen.privacy':
      'Seuls les agents qui traitent votre demande voient vos coordonnées ; elles n’apparaissent jamais sur la page publique de la demande. Vous pouvez les supprimer de cette demande à tout moment avec le lien ci-dessous.',
    'ack.subject': 'Votre demande {id} a bien été reçue : {what}',
    'ack.heading': 'Merci, votre demande a bien été reçue',
    'ack.received':
      '{city} a reçu votre demande. Son numéro est {id} : indiquez-le si vous contactez la ville à son sujet.',
    'ack.nextOfficial':
      'La suite : {official} s’en chargera. La ville prévoit de la traiter sous {period}, d’ici le {due}.',
    'ack.nextSecretariat':
      'La suite : aucun service n’est encore désigné pour ce type de demande à {district} ; le Secrétariat de WeGO trouvera le bon service et lui transmettra votre demande. La ville prévoit de la traiter sous {period}, d’ici le {due}.',
    'ack.follow':
      'Nous vous écrirons dès que la ville publiera des nouvelles de votre demande. Vous pouvez aussi la suivre à tout moment avec le bouton ci-dessous.',
    'update.subject': 'Votre demande {id} ({what}) est maintenant {status}',
    'update.heading':
      '{status, select, submitted {Votre demande attend un agent} assigned {Votre demande a été confiée à un agent} in_progress {Votre demande est en cours de traitement} resolved {Votre demande a été résolue} closed {Votre demande a été clôturée} other {Votre demande a été mise à jour}}',
    'update.body':
      '{city} a publié des nouvelles de votre demande ({what}) le {at}. Elle est maintenant {status}. Le message de la ville figure ci-dessous.',
    'update.next':
      'La ville prévoit de la traiter d’ici le {due}. Nous vous écrirons de nouveau dès qu’il y aura du nouveau.',
    'update.closedNext':
      'Si le problème persiste, vous pouvez déposer une nouvelle demande en mentionnant ce numéro.',
    'update.cityMessage': 'Message de la ville',
    'resolved.subject': 'Votre demande {id} ({what}) a été résolue : est-ce réglé ?',
    'resolved.heading': 'Le problème est-il réglé ?',
    'resolved.body': '{city} a indiqué le {at} que votre demande ({what}) est résolue.',
    'resolved.messageBelow': 'Le message de la ville figure ci-dessous.',
    'resolved.ask':
      'Dites-nous si le problème est vraiment réglé : le bouton ci-dessous ouvre une page où vous répondez en un clic. S’il ne l’est pas, la demande est rouverte et revient à l’agent responsable, avec votre commentaire.',
    'resolved.answer': 'Est-ce réglé ? Répondre',

    'official.greeting': 'Bonjour {name},',
    'official.deadline':
      'Merci de la traiter d’ici le {due} ; passé ce délai, elle est transmise au Secrétariat de WeGO.',
    'official.deadlineOverdue':
      'Elle est déjà en retard : elle était attendue pour le {due}. Merci de la traiter en priorité.',
    'official.updatesArePublic':
      'Publiez votre avancement avec le bouton ci-dessous : les mises à jour marquées publiques sont envoyées au citoyen par courriel, les autres restent internes.',
    'official.citizenDescription': 'Description du citoyen',
    'official.open': 'Ouvrir la demande',
    'official.photo': 'Photo {n} sur {count}',
    'assign.subject': '[WeGO CPS] Demande {id} qui vous est confiée : {what}',
    'assign.heading': 'Nouvelle demande qui vous est confiée',
    'assign.body': 'Un citoyen a signalé : {whatWhere}. La demande vous est confiée. {deadline}',
    'handOver.subject': '[WeGO CPS] Demande {id} qui vous est transférée : {what}',
    'handOver.heading': 'Demande qui vous est transférée',
    'handOver.body':
      'Une demande vous a été transférée : {whatWhere}. Le motif du transfert figure ci-dessous. {deadline}',
    'handOver.reason': 'Motif du transfert',
    'reopen.subject': '[WeGO CPS] Demande {id} rouverte, le citoyen indique que ce n’est pas réglé : {what}',
    'reopen.heading': 'Le citoyen indique que ce n’est pas réglé',
    'reopen.body':
      'La demande ({whatWhere}) a été marquée résolue le {resolvedAt}. Le {at}, le citoyen a répondu que le problème n’est pas réglé : la demande est donc rouverte et de retour dans votre liste. {deadline}',
    'reopen.count': 'Cette demande a maintenant été rouverte {count, plural, one {une fois} other {# fois}}.',
    'reopen.comment': 'Commentaire du citoyen',
    'reopen.noComment': 'Le citoyen n’a laissé aucun commentaire.',
  },
  ru: {
    'date.utc': '{when} (UTC)',
    status:
      '{status, select, submitted {получено, ожидает назначения сотрудника} assigned {передано сотруднику} in_progress {в работе} resolved {решено} closed {закрыто} other {обновлено}}',
    'request.matterIn': '{matter}, {district}',
    'request.whatWhere': '{matter}, {district}, {city}',
    'official.label': '{name}, {title}',
    'period.hours': '{hours, plural, one {# час} few {# часа} many {# часов} other {# часа}}',
    'period.days': '{days, plural, one {# день} few {# дня} many {# дней} other {# дня}}',
    'due.overdue': '{due} (просрочено)',

    'fact.request': 'Обращение',
    'fact.requestNumber': 'Номер обращения',
    'fact.matter': 'Тема',
    'fact.district': 'Район',
    'fact.address': 'Адрес',
    'fact.location': 'Координаты',
    'fact.map': 'Карта',
    'fact.submitted': 'Подано',
    'fact.expectedBy': 'Срок',
    'fact.handledBy': 'Ответственный',
    'fact.status': 'Статус',
    'fact.newStatus': 'Новый статус',
    'fact.citizen': 'Заявитель',
    'fact.citizenEmail': 'Эл. почта заявителя',
    'fact.citizenPhone': 'Телефон заявителя',
    'fact.citizenLanguage': 'Язык заявителя',
    'fact.description': 'Описание',
    'fact.resolved': 'Решено',
    'fact.noContact': 'Контактные данные не указаны',
    'fact.nameNotGiven': 'Имя не указано',
    'fact.toBeDecided': 'Определит Секретариат WeGO',

    'citizen.greeting': 'Здравствуйте!',
    'citizen.greetingNamed': 'Здравствуйте, {name}!',
    'citizen.yourDescription': 'Ваше описание',
    'citizen.follow': 'Следить за обращением',
    'citizen.removeContact': 'Удалить мои контактные данные',
    'citizen.privacy':
      'Ваши контактные данные видят только сотрудники, которые работают с обращением; на публичной странице обращения их нет. Вы можете в любой момент удалить их из этого обращения по ссылке ниже.',
    'ack.subject': 'Ваше обращение {id} получено: {what}',
    'ack.heading': 'Спасибо, ваше обращение получено',
    'ack.received':
      'Город {city} получил ваше обращение. Его номер — {id}; называйте его, если будете обращаться в город по этому вопросу.',
    'ack.nextOfficial': 'Что дальше: обращением займётся {official}. Срок рассмотрения — {period}, до {due}.',
    'ack.nextSecretariat':
      'Что дальше: для обращений такого рода в районе «{district}» ещё не назначен ответственный отдел, поэтому Секретариат WeGO найдёт нужный отдел и передаст ему ваше обращение. Срок рассмотрения — {period}, до {due}.',
    'ack.follow':
      'Мы напишем вам, когда город опубликует новости по вашему обращению. Следить за ним можно в любой момент по кнопке ниже.',
    'update.subject': 'Статус обращения {id} ({what}): {status}',
    'update.heading':
      '{status, select, submitted {Ваше обращение ожидает назначения сотрудника} assigned {Ваше обращение передано сотруднику} in_progress {Ваше обращение в работе} resolved {Ваше обращение решено} closed {Ваше обращение закрыто} other {Ваше обращение обновлено}}',
    'update.body':
      'Город {city} опубликовал новости по вашему обращению ({what}): {at}. Текущий статус: {status}. Сообщение города — ниже.',
    'update.next':
      'Город планирует рассмотреть обращение до {due}. Мы напишем вам снова, когда появятся новости.',
    'update.closedNext':
      'Если проблема осталась, вы можете подать новое обращение и указать в нём этот номер.',
    'update.cityMessage': 'Сообщение города',
    'resolved.subject': 'Ваше обращение {id} ({what}) решено. Проблема устранена?',
    'resolved.heading': 'Проблема устранена?',
    'resolved.body': 'Город {city} отметил ваше обращение ({what}) как решённое: {at}.',
    'resolved.messageBelow': 'Сообщение города — ниже.',
    'resolved.ask':
      'Сообщите нам, действительно ли проблема устранена: кнопка ниже открывает страницу, где можно ответить одним нажатием. Если проблема не устранена, обращение откроется снова и вернётся к ответственному сотруднику вместе с вашим комментарием.',
    'resolved.answer': 'Проблема устранена? Ответить',

    'official.greeting': 'Здравствуйте, {name}!',
    'official.deadline': 'Рассмотрите его до {due}; после этого оно передаётся в Секретариат WeGO.',
    'official.deadlineOverdue':
      'Срок уже истёк: обращение нужно было рассмотреть до {due}. Займитесь им в первую очередь.',
    'official.updatesArePublic':
      'Сообщайте о ходе работы кнопкой ниже: обновления, отмеченные как публичные, отправляются заявителю по почте, остальные остаются внутренними.',
    'official.citizenDescription': 'Описание заявителя',
    'official.open': 'Открыть обращение',
    'official.photo': 'Фото {n} из {count}',
    'assign.subject': '[WeGO CPS] Вам назначено обращение {id}: {what}',
    'assign.heading': 'Вам назначено новое обращение',
    'assign.body': 'Житель сообщил: {whatWhere}. Обращение назначено вам. {deadline}',
    'handOver.subject': '[WeGO CPS] Вам передано обращение {id}: {what}',
    'handOver.heading': 'Вам передано обращение',
    'handOver.body': 'Вам передано обращение: {whatWhere}. Причина передачи приведена ниже. {deadline}',
    'handOver.reason': 'Причина передачи',
    'reopen.subject':
      '[WeGO CPS] Обращение {id} открыто снова, заявитель сообщает, что проблема не устранена: {what}',
    'reopen.heading': 'Заявитель сообщает, что проблема не устранена',
    'reopen.body':
      'Обращение ({whatWhere}) было отмечено как решённое: {resolvedAt}. Заявитель ответил, что проблема не устранена ({at}), поэтому обращение снова открыто и вернулось в ваш список. {deadline}',
    'reopen.count':
      'Это обращение открывали снова уже {count, plural, one {# раз} few {# раза} many {# раз} other {# раза}}.',
    'reopen.comment': 'Комментарий заявителя',
    'reopen.noComment': 'Заявитель не оставил комментария.',
  },
  zh: {
    'date.utc': '{when}（UTC）',
    status:
      '{status, select, submitted {已受理，等待指派工作人员} assigned {已指派给工作人员} in_progress {处理中} resolved {已解决} closed {已关闭} other {已更新}}',
    'request.matterIn': '{district}的{matter}',
    'request.whatWhere': '{city}{district}的{matter}',
    'official.label': '{name}（{title}）',
    'period.hours': '{hours, plural, other {#小时}}',
    'period.days': '{days, plural, other {#天}}',
    'due.overdue': '{due}（已逾期）',

    'fact.request': '诉求',
    'fact.requestNumber': '诉求编号',
    'fact.matter': '事项',
    'fact.district': '区域',
    'fact.address': '地址',
    'fact.location': '位置',
    'fact.map': '地图',
    'fact.submitted': '提交时间',
    'fact.expectedBy': '预计处理时间',
    'fact.handledBy': '负责人',
    'fact.status': '状态',
    'fact.newStatus': '新状态',
    'fact.citizen': '市民',
    'fact.citizenEmail': '市民电子邮箱',
    'fact.citizenPhone': '市民电话',
    'fact.citizenLanguage': '市民使用的语言',
    'fact.description': '描述',
    'fact.resolved': '解决时间',
    'fact.noContact': '未留联系方式',
    'fact.nameNotGiven': '未留姓名',
    'fact.toBeDecided': '由WeGO秘书处确定',

    'citizen.greeting': '您好：',
    'citizen.greetingNamed': '{name}，您好：',
    'citizen.yourDescription': '您的描述',
    'citizen.follow': '查看诉求进展',
    'citizen.removeContact': '删除我的联系方式',
    'citizen.privacy':
      '只有处理您诉求的工作人员能看到您的联系方式，诉求的公开页面上绝不会显示。您可以随时通过下方链接从本诉求中删除您的联系方式。',
    'ack.subject': '您的诉求{id}已受理：{what}',
    'ack.heading': '感谢您，您的诉求已受理',
    'ack.received': '{city}已收到您的诉求，编号为{id}。如就此事联系市政府，请提供该编号。',
    'ack.nextOfficial': '后续安排：将由{official}负责处理。市政府计划在{period}内、于{due}前处理完毕。',
    'ack.nextSecretariat':
      '后续安排：{district}尚未指定负责此类诉求的部门，WeGO秘书处将找到合适的部门并转交您的诉求。市政府计划在{period}内、于{due}前处理完毕。',
    'ack.follow': '市政府发布有关您诉求的最新消息时，我们会发邮件通知您。您也可以随时通过下方按钮查看进展。',
    'update.subject': '您的诉求{id}（{what}）当前状态：{status}',
    'update.heading':
      '{status, select, submitted {您的诉求正在等待指派工作人员} assigned {您的诉求已指派给工作人员} in_progress {您的诉求正在处理中} resolved {您的诉求已解决} closed {您的诉求已关闭} other {您的诉求已更新}}',
    'update.body': '{city}于{at}发布了有关您诉求（{what}）的最新消息。当前状态：{status}。市政府的留言如下。',
    'update.next': '市政府预计于{due}前处理完毕。有新消息时我们会再次发邮件通知您。',
    'update.closedNext': '如果问题仍然存在，您可以提交新的诉求并注明本诉求编号。',
    'update.cityMessage': '市政府的留言',
    'resolved.subject': '您的诉求{id}（{what}）已解决：问题解决了吗？',
    'resolved.heading': '问题解决了吗？',
    'resolved.body': '{city}于{at}将您的诉求（{what}）标记为已解决。',
    'resolved.messageBelow': '市政府的留言如下。',
    'resolved.ask':
      '请告诉我们问题是否真的解决了：点击下方按钮打开页面，一键即可作答。如果没有解决，诉求将重新打开，并连同您的意见退回给负责的工作人员。',
    'resolved.answer': '问题解决了吗？点此回答',

    'official.greeting': '{name}，您好：',
    'official.deadline': '请于{due}前处理；逾期将上报WeGO秘书处。',
    'official.deadlineOverdue': '该诉求已逾期：原定于{due}前处理。请优先处理。',
    'official.updatesArePublic':
      '请通过下方按钮发布处理进展：标记为公开的更新会通过邮件发送给市民，其他更新仅供内部查看。',
    'official.citizenDescription': '市民的描述',
    'official.open': '打开诉求',
    'official.photo': '照片 {n}/{count}',
    'assign.subject': '[WeGO CPS] 诉求{id}已指派给您：{what}',
    'assign.heading': '有新的诉求指派给您',
    'assign.body': '市民反映：{whatWhere}。该诉求已指派给您。{deadline}',
    'handOver.subject': '[WeGO CPS] 诉求{id}已转交给您：{what}',
    'handOver.heading': '有诉求转交给您',
    'handOver.body': '有一项诉求转交给您：{whatWhere}。转交原因见下方。{deadline}',
    'handOver.reason': '转交原因',
    'reopen.subject': '[WeGO CPS] 诉求{id}已重新打开，市民表示问题未解决：{what}',
    'reopen.heading': '市民表示问题未解决',
    'reopen.body':
      '诉求（{whatWhere}）已于{resolvedAt}标记为已解决。市民于{at}答复问题并未解决，因此该诉求已重新打开，并回到您的待办列表。{deadline}',
    'reopen.count': '该诉求至今已重新打开{count, plural, other {#次}}。',
    'reopen.comment': '市民的意见',
    'reopen.noComment': '市民未留下意见。',
  },
  ar: {
    'date.utc': '{when} (بالتوقيت العالمي المنسق)',
    status:
      '{status, select, submitted {مستلم، بانتظار تعيين موظف} assigned {مُسند إلى موظف} in_progress {قيد المعالجة} resolved {تمت معالجته} closed {مغلق} other {محدَّث}}',
    'request.matterIn': '{matter} في {district}',
    'request.whatWhere': '{matter} في {district}، {city}',
    'official.label': '{name}، {title}',
    'period.hours':
      '{hours, plural, zero {# ساعة} one {ساعة واحدة} two {ساعتين} few {# ساعات} many {# ساعة} other {# ساعة}}',
    'period.days':
      '{days, plural, zero {# يوم} one {يوم واحد} two {يومين} few {# أيام} many {# يومًا} other {# يوم}}',
    'due.overdue': '{due} (متأخر)',

    'fact.request': 'الطلب',
    'fact.requestNumber': 'رقم الطلب',
    'fact.matter': 'الموضوع',
    'fact.district': 'الحي',
    'fact.address': 'العنوان',
    'fact.location': 'الموقع',
    'fact.map': 'الخريطة',
    'fact.submitted': 'تاريخ التقديم',
    'fact.expectedBy': 'الموعد المتوقع',
    'fact.handledBy': 'المسؤول',
    'fact.status': 'الحالة',
    'fact.newStatus': 'الحالة الجديدة',
    'fact.citizen': 'المواطن',
    'fact.citizenEmail': 'البريد الإلكتروني للمواطن',
    'fact.citizenPhone': 'هاتف المواطن',
    'fact.citizenLanguage': 'لغة المواطن',
    'fact.description': 'الوصف',
    'fact.resolved': 'تاريخ المعالجة',
    'fact.noContact': 'لم تُقدَّم بيانات اتصال',
    'fact.nameNotGiven': 'لم يُذكر الاسم',
    'fact.toBeDecided': 'تحدده أمانة WeGO',

    'citizen.greeting': 'مرحبًا،',
    'citizen.greetingNamed': 'مرحبًا {name}،',
    'citizen.yourDescription': 'وصفك',
    'citizen.follow': 'متابعة طلبك',
    'citizen.removeContact': 'حذف بيانات الاتصال الخاصة بي',
    'citizen.privacy':
      'لا يرى بيانات الاتصال الخاصة بك إلا الموظفون الذين يعالجون طلبك، ولا تظهر أبدًا في الصفحة العامة للطلب. يمكنك حذفها من هذا الطلب في أي وقت عبر الرابط أدناه.',
    'ack.subject': 'تم استلام طلبك {id}: {what}',
    'ack.heading': 'شكرًا لك، تم استلام طلبك',
    'ack.received': 'استلمت مدينة {city} طلبك. رقمه {id}: يُرجى ذكره إذا تواصلت مع المدينة بشأنه.',
    'ack.nextOfficial':
      'الخطوة التالية: سيتولى {official} معالجته. تسعى المدينة إلى معالجته خلال {period}، قبل {due}.',
    'ack.nextSecretariat':
      'الخطوة التالية: لم يُحدَّد بعد مكتب مسؤول عن هذا النوع من الطلبات في {district}، لذا ستبحث أمانة WeGO عن المكتب المناسب وتحيل إليه طلبك. تسعى المدينة إلى معالجته خلال {period}، قبل {due}.',
    'ack.follow':
      'سنراسلك عندما تنشر المدينة مستجدات بشأن طلبك. ويمكنك أيضًا متابعته في أي وقت عبر الزر أدناه.',
    'update.subject': 'طلبك {id} ({what}) أصبح الآن: {status}',
    'update.heading':
      '{status, select, submitted {طلبك بانتظار تعيين موظف} assigned {أُسند طلبك إلى موظف} in_progress {طلبك قيد المعالجة} resolved {تمت معالجة طلبك} closed {أُغلق طلبك} other {تم تحديث طلبك}}',
    'update.body':
      'نشرت مدينة {city} مستجدات بشأن طلبك ({what}) في {at}. حالته الآن: {status}. رسالة المدينة أدناه.',
    'update.next': 'تتوقع المدينة معالجته قبل {due}. سنراسلك مجددًا عند وجود مستجدات.',
    'update.closedNext': 'إذا كانت المشكلة لا تزال قائمة، يمكنك تقديم طلب جديد مع ذكر رقم هذا الطلب.',
    'update.cityMessage': 'رسالة من المدينة',
    'resolved.subject': 'تمت معالجة طلبك {id} ({what}): هل حُلّت المشكلة؟',
    'resolved.heading': 'هل حُلّت المشكلة؟',
    'resolved.body': 'أشارت مدينة {city} في {at} إلى أن طلبك ({what}) تمت معالجته.',
    'resolved.messageBelow': 'رسالة المدينة أدناه.',
    'resolved.ask':
      'أخبرنا إن كانت المشكلة قد حُلّت فعلًا: يفتح الزر أدناه صفحة يمكنك الإجابة فيها بنقرة واحدة. وإن لم تُحلّ، يُعاد فتح الطلب ويعود إلى الموظف المسؤول مع تعليقك.',
    'resolved.answer': 'هل حُلّت المشكلة؟ أجب هنا',

    'official.greeting': 'مرحبًا {name}،',
    'official.deadline': 'يُرجى معالجته قبل {due}؛ وبعد ذلك يُحال إلى أمانة WeGO.',
    'official.deadlineOverdue': 'لقد تأخر بالفعل: كان من المتوقع معالجته قبل {due}. يُرجى معالجته أولًا.',
    'official.updatesArePublic':
      'انشر تقدّم العمل عبر الزر أدناه: التحديثات التي تحددها علنية تُرسل إلى المواطن بالبريد الإلكتروني، أما غيرها فتبقى داخلية.',
    'official.citizenDescription': 'وصف المواطن',
    'official.open': 'فتح الطلب',
    'official.photo': 'الصورة {n} من {count}',
    'assign.subject': '[WeGO CPS] أُسند إليك الطلب {id}: {what}',
    'assign.heading': 'طلب جديد أُسند إليك',
    'assign.body': 'أبلغ أحد المواطنين عن: {whatWhere}. الطلب مُسند إليك. {deadline}',
    'handOver.subject': '[WeGO CPS] أُحيل إليك الطلب {id}: {what}',
    'handOver.heading': 'طلب أُحيل إليك',
    'handOver.body': 'أُحيل إليك طلب: {whatWhere}. سبب الإحالة مذكور أدناه. {deadline}',
    'handOver.reason': 'سبب الإحالة',
    'reopen.subject': '[WeGO CPS] أُعيد فتح الطلب {id}، يقول المواطن إن المشكلة لم تُحلّ: {what}',
    'reopen.heading': 'يقول المواطن إن المشكلة لم تُحلّ',
    'reopen.body':
      'وُضعت على الطلب ({whatWhere}) علامة «تمت معالجته» في {resolvedAt}. وفي {at} أجاب المواطن بأن المشكلة لم تُحلّ، لذا أُعيد فتح الطلب وعاد إلى قائمتك. {deadline}',
    'reopen.count':
      'أُعيد فتح هذا الطلب حتى الآن {count, plural, zero {# مرة} one {مرة واحدة} two {مرتين} few {# مرات} many {# مرة} other {# مرة}}.',
    'reopen.comment': 'تعليق المواطن',
    'reopen.noComment': 'لم يترك المواطن أي تعليق.',
  },
} satisfies Catalog<Key>;
