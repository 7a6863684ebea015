import type { Catalog } from '../../shared/i18n.ts';

/**
 * What the pages of the citizen's emailed links say: "is it fixed?" (`fixed.*`), "remove my contact
 * details" (`removal.*`) and a link that does not work (`link.*`). Used with the citizen catalogue
 * (messages.ts), whose words for a request (city, problem, district, statuses) they share.
 */
const en = {
  'fixed.title': 'Is it fixed?',
  'fixed.intro': 'The city has marked your report as resolved. Is the problem really fixed?',
  'fixed.resolvedOn': 'Resolved on',
  'fixed.cityNote': 'What the city said',
  'fixed.legend': 'Your answer',
  'fixed.yes': 'Yes, it is fixed',
  'fixed.yes.hint': 'Your report will be closed.',
  'fixed.no': 'No, it is not fixed',
  'fixed.no.hint': 'Your report goes back to the official in charge.',
  'fixed.note.label': 'What is still wrong? (optional)',
  'fixed.note.hint':
    'If it is not fixed, tell the official what is still wrong. Only the official in charge and the WeGO Secretariat will read it. Up to {max, number} characters.',
  'fixed.send': 'Send my answer',
  'fixed.error.answer': 'Select whether the problem is fixed',
  'fixed.error.noteTooLong': 'What is still wrong must be {max, number} characters or fewer',
  'fixed.error.noteInvalid': 'What is still wrong contains characters that cannot be sent: remove them',
  'fixed.tooMany': 'Too many answers are being sent just now. Wait a minute, then send yours again.',
  'fixed.failed': 'Your answer could not be sent just now. Send it again.',

  'fixed.done.closed.title': 'Thank you: your report is closed',
  'fixed.done.closed.body': 'You said the problem is fixed, so report {id} is now closed.',
  'fixed.done.reopened.title': 'Your report is back with the official',
  'fixed.done.reopened.body':
    'You said the problem is not fixed. Report {id} has been reopened and sent back to the official in charge: {title}.',
  'fixed.done.reopened.bodyNoTitle':
    'You said the problem is not fixed. Report {id} has been reopened and sent back to the official in charge.',
  'fixed.done.reopened.note': 'The official has your note about what is still wrong.',
  'fixed.done.reopened.expected': 'It is now expected to be dealt with by {date}.',
  'fixed.done.reopened.emails':
    'We will email you when it is updated, and ask you again when it is resolved.',

  'fixed.closed.title': 'This report is closed',
  'fixed.closed.body': 'Report {id} is closed: there is nothing more to answer.',
  'fixed.reopened.title': 'This report has already been reopened',
  'fixed.reopened.body':
    'On {date} the answer “not fixed” sent report {id} back to the official in charge. When it is resolved again, we will email you a new link to answer.',
  'fixed.notResolved.title': 'This report is not waiting for your answer',
  'fixed.notResolved.body':
    'Report {id} has not been marked as resolved: its status is “{status}”. When the city resolves it, we will email you to ask whether it is fixed.',

  'removal.title': 'Remove your contact details from this report',
  'removal.removes': 'This removes the contact details you gave with report {id}:',
  'removal.name': 'your name',
  'removal.email': 'your email address',
  'removal.phone': 'your phone number',
  'removal.after':
    'The official in charge and the WeGO Secretariat will no longer see them, and you will get no more emails about this report. This cannot be undone.',
  'removal.stays.title': 'What stays',
  'removal.stays':
    'The report itself stays, without anything that says who sent it: the problem, the place, the description and what has happened to it. You can still follow it on its page.',
  'removal.button': 'Remove my contact details',
  'removal.tooMany': 'Too many requests are being sent just now. Wait a minute, then try again.',
  'removal.failed': 'Your contact details could not be removed just now. Try again.',
  'removal.done.title': 'Your contact details have been removed',
  'removal.done.body':
    'Report {id} no longer holds your name, email address or phone number. You will get no more emails about it.',
  'removal.already.title': 'Your contact details were already removed',
  'removal.already.body':
    'Report {id} holds no contact details any more: they were removed earlier, from a link like this one or because the report was closed a long time ago.',

  'link.gone.title': 'This link no longer works',
  'link.gone.old':
    'A newer email about report {id} has replaced this link. Use the link in the latest email, or see where the report stands on its page.',
  'link.gone.wrong':
    'This link is not valid for report {id}. Open it from your email again, copying all of it, or see where the report stands on its page.',
  'link.incomplete.title': 'This link is incomplete',
  'link.incomplete.body':
    'Part of the link is missing. Open it from your email again: if you copy it, copy all of it.',
  'link.request': 'See where report {id} stands',
} as const;

export type AnswerKey = keyof typeof en;

export const answers: Catalog<AnswerKey> = {
  en,
  ko: {
    'fixed.title': '해결되었나요?',
    'fixed.intro': '시에서 신고하신 문제를 해결됨으로 표시했습니다. 문제가 정말 해결되었나요?',
    'fixed.resolvedOn': '해결 날짜',
    'fixed.cityNote': '시의 안내',
    'fixed.legend': '답변',
    'fixed.yes': '네, 해결되었습니다',
    'fixed.yes.hint': '신고가 종료됩니다.',
    'fixed.no': '아니요, 해결되지 않았습니다',
    'fixed.no.hint': '신고가 담당 공무원에게 다시 전달됩니다.',
    'fixed.note.label': '아직 무엇이 문제인가요? (선택)',
    'fixed.note.hint':
      '해결되지 않았다면 아직 무엇이 문제인지 담당 공무원에게 알려 주세요. 담당 공무원과 WeGO 사무국만 읽을 수 있습니다. 최대 {max, number}자까지 쓸 수 있습니다.',
    'fixed.send': '답변 보내기',
    'fixed.error.answer': '문제가 해결되었는지 선택해 주세요',
    'fixed.error.noteTooLong': '아직 남은 문제는 {max, number}자 이하로 써 주세요',
    'fixed.error.noteInvalid': '아직 남은 문제에 보낼 수 없는 문자가 있습니다. 지워 주세요',
    'fixed.tooMany': '지금 답변이 너무 많이 전송되고 있습니다. 1분 정도 기다린 뒤 다시 보내 주세요.',
    'fixed.failed': '지금은 답변을 보낼 수 없습니다. 다시 보내 주세요.',

    'fixed.done.closed.title': '감사합니다. 신고가 종료되었습니다',
    'fixed.done.closed.body': '문제가 해결되었다고 답하셔서 신고 {id}이(가) 종료되었습니다.',
    'fixed.done.reopened.title': '신고가 담당 공무원에게 다시 전달되었습니다',
    'fixed.done.reopened.body':
      '문제가 해결되지 않았다고 답하셨습니다. 신고 {id}이(가) 다시 열려 담당 공무원({title})에게 다시 전달되었습니다.',
    'fixed.done.reopened.bodyNoTitle':
      '문제가 해결되지 않았다고 답하셨습니다. 신고 {id}이(가) 다시 열려 담당 공무원에게 다시 전달되었습니다.',
    'fixed.done.reopened.note': '남기신 의견은 담당 공무원에게 전달되었습니다.',
    'fixed.done.reopened.expected': '이제 {date}까지 처리될 예정입니다.',
    'fixed.done.reopened.emails':
      '진행 상황이 바뀌면 이메일로 알려 드리고, 다시 해결되면 해결 여부를 다시 여쭙겠습니다.',

    'fixed.closed.title': '이 신고는 종료되었습니다',
    'fixed.closed.body': '신고 {id}은(는) 종료되어 더 답변하실 것이 없습니다.',
    'fixed.reopened.title': '이 신고는 이미 다시 열렸습니다',
    'fixed.reopened.body':
      '{date}에 “해결되지 않음” 답변으로 신고 {id}이(가) 담당 공무원에게 다시 전달되었습니다. 다시 해결되면 답변할 새 링크를 이메일로 보내 드리겠습니다.',
    'fixed.notResolved.title': '이 신고는 지금 답변을 기다리고 있지 않습니다',
    'fixed.notResolved.body':
      '신고 {id}은(는) 아직 해결됨으로 표시되지 않았습니다. 현재 상태는 “{status}”입니다. 시에서 해결하면 해결 여부를 묻는 이메일을 보내 드리겠습니다.',

    'removal.title': '이 신고에서 내 연락처 삭제',
    'removal.removes': '신고 {id}에 남기신 다음 연락처가 삭제됩니다.',
    'removal.name': '이름',
    'removal.email': '이메일 주소',
    'removal.phone': '전화번호',
    'removal.after':
      '담당 공무원과 WeGO 사무국은 더 이상 이 정보를 볼 수 없으며, 이 신고에 관한 이메일도 더 이상 받지 않게 됩니다. 삭제한 뒤에는 되돌릴 수 없습니다.',
    'removal.stays.title': '남는 정보',
    'removal.stays':
      '신고 자체는 누가 보냈는지 알 수 있는 정보 없이 그대로 남습니다. 문제, 장소, 설명과 처리 과정이 남으며, 신고 페이지에서 계속 확인하실 수 있습니다.',
    'removal.button': '내 연락처 삭제',
    'removal.tooMany': '지금 요청이 너무 많습니다. 1분 정도 기다린 뒤 다시 시도해 주세요.',
    'removal.failed': '지금은 연락처를 삭제할 수 없습니다. 다시 시도해 주세요.',
    'removal.done.title': '연락처가 삭제되었습니다',
    'removal.done.body':
      '신고 {id}에는 이제 이름, 이메일 주소, 전화번호가 남아 있지 않습니다. 이 신고에 관한 이메일은 더 이상 보내지 않습니다.',
    'removal.already.title': '연락처는 이미 삭제되었습니다',
    'removal.already.body':
      '신고 {id}에는 연락처가 남아 있지 않습니다. 이 링크와 같은 링크로 이미 삭제되었거나, 신고가 종료된 지 오래되어 삭제되었습니다.',

    'link.gone.title': '이 링크는 더 이상 사용할 수 없습니다',
    'link.gone.old':
      '신고 {id}에 관한 더 최근 이메일의 링크가 이 링크를 대신합니다. 가장 최근 이메일의 링크를 사용하시거나, 신고 페이지에서 진행 상황을 확인하세요.',
    'link.gone.wrong':
      '이 링크는 신고 {id}에 사용할 수 없습니다. 이메일에서 링크를 다시 열어 주세요(복사하신다면 전체를 복사해 주세요). 신고 페이지에서 진행 상황을 확인하실 수도 있습니다.',
    'link.incomplete.title': '링크가 완전하지 않습니다',
    'link.incomplete.body':
      '링크의 일부가 빠져 있습니다. 이메일에서 다시 열어 주세요. 복사하신다면 링크 전체를 복사해 주세요.',
    'link.request': '신고 {id}의 진행 상황 보기',
  },
  es: {
    'fixed.title': '¿Está resuelto?',
    'fixed.intro': 'La ciudad ha marcado su aviso como resuelto. ¿Está realmente resuelto el problema?',
    'fixed.resolvedOn': 'Resuelto el',
    'fixed.cityNote': 'Lo que dijo la ciudad',
    'fixed.legend': 'Su respuesta',
    'fixed.yes': 'Sí, está resuelto',
    'fixed.yes.hint': 'Su aviso se cerrará.',
    'fixed.no': 'No, no está resuelto',
    'fixed.no.hint': 'Su aviso vuelve al funcionario responsable.',
    'fixed.note.label': '¿Qué sigue mal? (opcional)',
    'fixed.note.hint':
      'Si no está resuelto, cuéntele al funcionario qué sigue mal. Solo lo leerán el funcionario responsable y la Secretaría de WeGO. Hasta {max, number} caracteres.',
    'fixed.send': 'Enviar mi respuesta',
    'fixed.error.answer': 'Indique si el problema está resuelto',
    'fixed.error.noteTooLong': 'Lo que sigue mal debe tener {max, number} caracteres o menos',
    'fixed.error.noteInvalid': 'Lo que sigue mal contiene caracteres que no se pueden enviar: elimínelos',
    'fixed.tooMany':
      'Se están enviando demasiadas respuestas en este momento. Espere un minuto y vuelva a enviar la suya.',
    'fixed.failed': 'No se ha podido enviar su respuesta en este momento. Vuelva a enviarla.',

    'fixed.done.closed.title': 'Gracias: su aviso está cerrado',
    'fixed.done.closed.body':
      'Ha dicho que el problema está resuelto, así que el aviso {id} ya está cerrado.',
    'fixed.done.reopened.title': 'Su aviso ha vuelto al funcionario',
    'fixed.done.reopened.body':
      'Ha dicho que el problema no está resuelto. El aviso {id} se ha reabierto y se ha devuelto al funcionario responsable: {title}.',
    'fixed.done.reopened.bodyNoTitle':
      'Ha dicho que el problema no está resuelto. El aviso {id} se ha reabierto y se ha devuelto al funcionario responsable.',
    'fixed.done.reopened.note': 'El funcionario tiene su nota sobre lo que sigue mal.',
    'fixed.done.reopened.expected': 'Ahora está previsto que se atienda antes del {date}.',
    'fixed.done.reopened.emails':
      'Le escribiremos cuando haya novedades y le volveremos a preguntar cuando se resuelva.',

    'fixed.closed.title': 'Este aviso está cerrado',
    'fixed.closed.body': 'El aviso {id} está cerrado: no hay nada más que responder.',
    'fixed.reopened.title': 'Este aviso ya se ha reabierto',
    'fixed.reopened.body':
      'El {date}, la respuesta «no está resuelto» devolvió el aviso {id} al funcionario responsable. Cuando se vuelva a resolver, le enviaremos por correo un enlace nuevo para responder.',
    'fixed.notResolved.title': 'Este aviso no está esperando su respuesta',
    'fixed.notResolved.body':
      'El aviso {id} no se ha marcado como resuelto: su estado es «{status}». Cuando la ciudad lo resuelva, le escribiremos para preguntarle si está resuelto.',

    'removal.title': 'Eliminar sus datos de contacto de este aviso',
    'removal.removes': 'Se eliminarán los datos de contacto que dio con el aviso {id}:',
    'removal.name': 'su nombre',
    'removal.email': 'su dirección de correo electrónico',
    'removal.phone': 'su número de teléfono',
    'removal.after':
      'El funcionario responsable y la Secretaría de WeGO dejarán de verlos, y no recibirá más correos sobre este aviso. No se puede deshacer.',
    'removal.stays.title': 'Lo que se conserva',
    'removal.stays':
      'El aviso en sí se conserva, sin nada que indique quién lo envió: el problema, el lugar, la descripción y lo que ha pasado con él. Podrá seguir consultándolo en su página.',
    'removal.button': 'Eliminar mis datos de contacto',
    'removal.tooMany':
      'Se están enviando demasiadas solicitudes en este momento. Espere un minuto y vuelva a intentarlo.',
    'removal.failed': 'No se han podido eliminar sus datos de contacto en este momento. Vuelva a intentarlo.',
    'removal.done.title': 'Sus datos de contacto se han eliminado',
    'removal.done.body':
      'El aviso {id} ya no guarda su nombre, su correo electrónico ni su teléfono. No recibirá más correos sobre él.',
    'removal.already.title': 'Sus datos de contacto ya se habían eliminado',
    'removal.already.body':
      'El aviso {id} ya no guarda ningún dato de contacto: se eliminaron antes, desde un enlace como este o porque el aviso se cerró hace mucho tiempo.',

    'link.gone.title': 'Este enlace ya no funciona',
    'link.gone.old':
      'Un correo más reciente sobre el aviso {id} ha sustituido este enlace. Use el enlace del último correo o consulte en qué punto está el aviso en su página.',
    'link.gone.wrong':
      'Este enlace no es válido para el aviso {id}. Vuelva a abrirlo desde su correo, copiándolo entero, o consulte en qué punto está el aviso en su página.',
    'link.incomplete.title': 'Este enlace está incompleto',
    'link.incomplete.body':
      'Falta una parte del enlace. Vuelva a abrirlo desde su correo: si lo copia, cópielo entero.',
    'link.request': 'Ver en qué punto está el aviso {id}',
  },
  fr: {
    'fixed.title': 'Est-ce réglé ?',
    'fixed.intro': 'La ville a indiqué que votre signalement est résolu. Le problème est-il vraiment réglé ?',
    'fixed.resolvedOn': 'Résolu le',
    'fixed.cityNote': 'Ce que la ville a dit',
    'fixed.legend': 'Votre réponse',
    'fixed.yes': 'Oui, c’est réglé',
    'fixed.yes.hint': 'Votre signalement sera clos.',
    'fixed.no': 'Non, ce n’est pas réglé',
    'fixed.no.hint': 'Votre signalement revient à l’agent responsable.',
    'fixed.note.label': 'Qu’est-ce qui ne va toujours pas ? (facultatif)',
    'fixed.note.hint':
      'Si ce n’est pas réglé, dites à l’agent ce qui ne va toujours pas. Seuls l’agent responsable et le Secrétariat de WeGO le liront. {max, number} caractères au maximum.',
    'fixed.send': 'Envoyer ma réponse',
    'fixed.error.answer': 'Indiquez si le problème est réglé',
    'fixed.error.noteTooLong': 'Ce qui ne va toujours pas doit faire {max, number} caractères au maximum',
    'fixed.error.noteInvalid':
      'Ce qui ne va toujours pas contient des caractères qui ne peuvent pas être envoyés : supprimez-les',
    'fixed.tooMany':
      'Trop de réponses sont envoyées en ce moment. Attendez une minute, puis renvoyez la vôtre.',
    'fixed.failed': 'Votre réponse n’a pas pu être envoyée pour le moment. Renvoyez-la.',

    'fixed.done.closed.title': 'Merci : votre signalement est clos',
    'fixed.done.closed.body':
      'Vous avez indiqué que le problème est réglé : le signalement {id} est donc clos.',
    'fixed.done.reopened.title': 'Votre signalement est revenu à l’agent',
    'fixed.done.reopened.body':
      'Vous avez indiqué que le problème n’est pas réglé. Le signalement {id} a été rouvert et renvoyé à l’agent responsable : {title}.',
    'fixed.done.reopened.bodyNoTitle':
      'Vous avez indiqué que le problème n’est pas réglé. Le signalement {id} a été rouvert et renvoyé à l’agent responsable.',
    'fixed.done.reopened.note': 'L’agent a reçu votre remarque sur ce qui ne va toujours pas.',
    'fixed.done.reopened.expected': 'Il devrait maintenant être traité d’ici le {date}.',
    'fixed.done.reopened.emails':
      'Nous vous écrirons à chaque mise à jour et vous poserons de nouveau la question quand il sera résolu.',

    'fixed.closed.title': 'Ce signalement est clos',
    'fixed.closed.body': 'Le signalement {id} est clos : il n’y a plus rien à répondre.',
    'fixed.reopened.title': 'Ce signalement a déjà été rouvert',
    'fixed.reopened.body':
      'Le {date}, la réponse « ce n’est pas réglé » a renvoyé le signalement {id} à l’agent responsable. Quand il sera de nouveau résolu, nous vous enverrons un nouveau lien pour répondre.',
    'fixed.notResolved.title': 'Ce signalement n’attend pas votre réponse',
    'fixed.notResolved.body':
      'Le signalement {id} n’a pas été indiqué comme résolu : son état est « {status} ». Quand la ville l’aura résolu, nous vous écrirons pour vous demander si c’est réglé.',

    'removal.title': 'Retirer vos coordonnées de ce signalement',
    'removal.removes': 'Cela retire les coordonnées que vous avez données avec le signalement {id} :',
    'removal.name': 'votre nom',
    'removal.email': 'votre adresse e-mail',
    'removal.phone': 'votre numéro de téléphone',
    'removal.after':
      'L’agent responsable et le Secrétariat de WeGO ne les verront plus, et vous ne recevrez plus d’e-mails sur ce signalement. C’est définitif.',
    'removal.stays.title': 'Ce qui reste',
    'removal.stays':
      'Le signalement lui-même reste, sans rien qui indique qui l’a envoyé : le problème, le lieu, la description et ce qui lui est arrivé. Vous pourrez toujours le suivre sur sa page.',
    'removal.button': 'Retirer mes coordonnées',
    'removal.tooMany': 'Trop de demandes sont envoyées en ce moment. Attendez une minute, puis réessayez.',
    'removal.failed': 'Vos coordonnées n’ont pas pu être retirées pour le moment. Réessayez.',
    'removal.done.title': 'Vos coordonnées ont été retirées',
    'removal.done.body':
      'Le signalement {id} ne contient plus votre nom, votre adresse e-mail ni votre numéro de téléphone. Vous ne recevrez plus d’e-mails à son sujet.',
    'removal.already.title': 'Vos coordonnées avaient déjà été retirées',
    'removal.already.body':
      'Le signalement {id} ne contient plus aucune coordonnée : elles ont été retirées plus tôt, par un lien comme celui-ci ou parce que le signalement a été clos il y a longtemps.',

    'link.gone.title': 'Ce lien ne fonctionne plus',
    'link.gone.old':
      'Un e-mail plus récent sur le signalement {id} a remplacé ce lien. Utilisez le lien du dernier e-mail, ou voyez où en est le signalement sur sa page.',
    'link.gone.wrong':
      'Ce lien n’est pas valable pour le signalement {id}. Rouvrez-le depuis votre e-mail, en le copiant en entier, ou voyez où en est le signalement sur sa page.',
    'link.incomplete.title': 'Ce lien est incomplet',
    'link.incomplete.body':
      'Une partie du lien manque. Rouvrez-le depuis votre e-mail : si vous le copiez, copiez-le en entier.',
    'link.request': 'Voir où en est le signalement {id}',
  },
  ru: {
    'fixed.title': 'Проблема устранена?',
    'fixed.intro': 'Город отметил ваше обращение как решённое. Проблема действительно устранена?',
    'fixed.resolvedOn': 'Дата решения',
    'fixed.cityNote': 'Что сообщил город',
    'fixed.legend': 'Ваш ответ',
    'fixed.yes': 'Да, устранена',
    'fixed.yes.hint': 'Ваше обращение будет закрыто.',
    'fixed.no': 'Нет, не устранена',
    'fixed.no.hint': 'Ваше обращение вернётся к ответственному сотруднику.',
    'fixed.note.label': 'Что всё ещё не так? (необязательно)',
    'fixed.note.hint':
      'Если проблема не устранена, напишите сотруднику, что всё ещё не так. Это прочитают только ответственный сотрудник и Секретариат WeGO. Не более {max, number} символов.',
    'fixed.send': 'Отправить ответ',
    'fixed.error.answer': 'Укажите, устранена ли проблема',
    'fixed.error.noteTooLong':
      'Описание того, что всё ещё не так, должно быть не длиннее {max, number} символов',
    'fixed.error.noteInvalid':
      'В описании того, что всё ещё не так, есть символы, которые нельзя отправить: удалите их',
    'fixed.tooMany': 'Сейчас отправляется слишком много ответов. Подождите минуту и отправьте свой ещё раз.',
    'fixed.failed': 'Сейчас не удалось отправить ваш ответ. Отправьте его ещё раз.',

    'fixed.done.closed.title': 'Спасибо: ваше обращение закрыто',
    'fixed.done.closed.body': 'Вы сообщили, что проблема устранена, поэтому обращение {id} закрыто.',
    'fixed.done.reopened.title': 'Ваше обращение снова у сотрудника',
    'fixed.done.reopened.body':
      'Вы сообщили, что проблема не устранена. Обращение {id} открыто снова и возвращено ответственному сотруднику: {title}.',
    'fixed.done.reopened.bodyNoTitle':
      'Вы сообщили, что проблема не устранена. Обращение {id} открыто снова и возвращено ответственному сотруднику.',
    'fixed.done.reopened.note': 'Сотрудник получил ваше описание того, что всё ещё не так.',
    'fixed.done.reopened.expected': 'Теперь его планируется рассмотреть до {date}.',
    'fixed.done.reopened.emails':
      'Мы напишем вам, когда будут новости, и снова спросим, когда обращение будет решено.',

    'fixed.closed.title': 'Это обращение закрыто',
    'fixed.closed.body': 'Обращение {id} закрыто: отвечать больше не нужно.',
    'fixed.reopened.title': 'Это обращение уже открыто снова',
    'fixed.reopened.body':
      '{date} ответ «не устранена» вернул обращение {id} ответственному сотруднику. Когда оно снова будет решено, мы пришлём вам новую ссылку для ответа.',
    'fixed.notResolved.title': 'Это обращение не ждёт вашего ответа',
    'fixed.notResolved.body':
      'Обращение {id} не отмечено как решённое: его статус — «{status}». Когда город его решит, мы напишем вам и спросим, устранена ли проблема.',

    'removal.title': 'Удалить ваши контактные данные из этого обращения',
    'removal.removes': 'Будут удалены контактные данные, которые вы указали в обращении {id}:',
    'removal.name': 'ваше имя',
    'removal.email': 'ваш адрес электронной почты',
    'removal.phone': 'ваш номер телефона',
    'removal.after':
      'Ответственный сотрудник и Секретариат WeGO больше не будут их видеть, и вы больше не будете получать письма об этом обращении. Отменить это нельзя.',
    'removal.stays.title': 'Что останется',
    'removal.stays':
      'Само обращение останется, но без сведений о том, кто его отправил: проблема, место, описание и ход работы. Вы по-прежнему сможете следить за ним на его странице.',
    'removal.button': 'Удалить мои контактные данные',
    'removal.tooMany': 'Сейчас отправляется слишком много запросов. Подождите минуту и попробуйте ещё раз.',
    'removal.failed': 'Сейчас не удалось удалить ваши контактные данные. Попробуйте ещё раз.',
    'removal.done.title': 'Ваши контактные данные удалены',
    'removal.done.body':
      'В обращении {id} больше нет вашего имени, адреса электронной почты и номера телефона. Писем о нём вы больше не получите.',
    'removal.already.title': 'Ваши контактные данные уже были удалены',
    'removal.already.body':
      'В обращении {id} больше нет контактных данных: они были удалены раньше — по такой же ссылке или потому, что обращение было закрыто давно.',

    'link.gone.title': 'Эта ссылка больше не работает',
    'link.gone.old':
      'Эту ссылку заменило более новое письмо об обращении {id}. Воспользуйтесь ссылкой из последнего письма или посмотрите, на каком этапе обращение, на его странице.',
    'link.gone.wrong':
      'Эта ссылка не подходит для обращения {id}. Откройте её из письма ещё раз, скопировав целиком, или посмотрите, на каком этапе обращение, на его странице.',
    'link.incomplete.title': 'Ссылка неполная',
    'link.incomplete.body':
      'Часть ссылки потеряна. Откройте её из письма ещё раз, а если копируете — копируйте целиком.',
    'link.request': 'Посмотреть, на каком этапе обращение {id}',
  },
  zh: {
    'fixed.title': '问题解决了吗？',
    'fixed.intro': '市政府已将您的报告标记为已解决。问题真的解决了吗？',
    'fixed.resolvedOn': '解决日期',
    'fixed.cityNote': '市政府的说明',
    'fixed.legend': '您的回答',
    'fixed.yes': '是的，已经解决',
    'fixed.yes.hint': '您的报告将被关闭。',
    'fixed.no': '不，没有解决',
    'fixed.no.hint': '您的报告将退回给负责的官员。',
    'fixed.note.label': '还有什么问题？（选填）',
    'fixed.note.hint':
      '如果没有解决，请告诉官员还有什么问题。只有负责的官员和 WeGO 秘书处会看到。最多 {max, number} 个字符。',
    'fixed.send': '发送我的回答',
    'fixed.error.answer': '请选择问题是否已经解决',
    'fixed.error.noteTooLong': '“还有什么问题”不能超过 {max, number} 个字符',
    'fixed.error.noteInvalid': '“还有什么问题”中有无法发送的字符，请删除',
    'fixed.tooMany': '目前发送的回答太多。请等一分钟后再发送。',
    'fixed.failed': '您的回答暂时无法发送。请再发送一次。',

    'fixed.done.closed.title': '谢谢：您的报告已关闭',
    'fixed.done.closed.body': '您表示问题已经解决，因此报告 {id} 现已关闭。',
    'fixed.done.reopened.title': '您的报告已退回给官员',
    'fixed.done.reopened.body': '您表示问题没有解决。报告 {id} 已重新打开，并退回给负责的官员：{title}。',
    'fixed.done.reopened.bodyNoTitle': '您表示问题没有解决。报告 {id} 已重新打开，并退回给负责的官员。',
    'fixed.done.reopened.note': '官员已收到您关于剩余问题的说明。',
    'fixed.done.reopened.expected': '现在预计在 {date} 前处理。',
    'fixed.done.reopened.emails': '报告有更新时我们会发邮件通知您，再次解决时也会再问您一次。',

    'fixed.closed.title': '此报告已关闭',
    'fixed.closed.body': '报告 {id} 已关闭，无需再回答。',
    'fixed.reopened.title': '此报告已经重新打开',
    'fixed.reopened.body':
      '{date}，“没有解决”的回答已将报告 {id} 退回给负责的官员。再次解决后，我们会通过邮件发给您新的回答链接。',
    'fixed.notResolved.title': '此报告目前不需要您回答',
    'fixed.notResolved.body':
      '报告 {id} 尚未标记为已解决，当前状态为“{status}”。市政府解决后，我们会发邮件问您问题是否已经解决。',

    'removal.title': '从此报告中删除您的联系方式',
    'removal.removes': '这将删除您在报告 {id} 中留下的联系方式：',
    'removal.name': '您的姓名',
    'removal.email': '您的电子邮件地址',
    'removal.phone': '您的电话号码',
    'removal.after':
      '负责的官员和 WeGO 秘书处将无法再看到这些信息，您也不会再收到关于此报告的邮件。此操作无法撤销。',
    'removal.stays.title': '保留的内容',
    'removal.stays':
      '报告本身会保留，但不会有任何表明报告人身份的信息：问题、地点、描述以及处理经过。您仍可在报告页面上继续查看。',
    'removal.button': '删除我的联系方式',
    'removal.tooMany': '目前发送的请求太多。请等一分钟后再试。',
    'removal.failed': '暂时无法删除您的联系方式。请再试一次。',
    'removal.done.title': '您的联系方式已删除',
    'removal.done.body': '报告 {id} 中已不再保存您的姓名、电子邮件地址和电话号码。您不会再收到关于它的邮件。',
    'removal.already.title': '您的联系方式此前已被删除',
    'removal.already.body':
      '报告 {id} 中已没有任何联系方式：它们此前已被删除，可能是通过类似的链接，也可能是因为报告关闭已久。',

    'link.gone.title': '此链接已失效',
    'link.gone.old': '关于报告 {id} 的更新邮件已取代此链接。请使用最新邮件中的链接，或在报告页面上查看进展。',
    'link.gone.wrong':
      '此链接不适用于报告 {id}。请从邮件中重新打开链接（如需复制，请完整复制），或在报告页面上查看进展。',
    'link.incomplete.title': '此链接不完整',
    'link.incomplete.body': '链接缺少一部分。请从邮件中重新打开；如需复制，请完整复制。',
    'link.request': '查看报告 {id} 的进展',
  },
  ar: {
    'fixed.title': 'هل حُلّت المشكلة؟',
    'fixed.intro': 'أشارت المدينة إلى أن بلاغك قد حُلّ. هل حُلّت المشكلة فعلًا؟',
    'fixed.resolvedOn': 'تاريخ الحل',
    'fixed.cityNote': 'ما قالته المدينة',
    'fixed.legend': 'إجابتك',
    'fixed.yes': 'نعم، حُلّت',
    'fixed.yes.hint': 'سيُغلق بلاغك.',
    'fixed.no': 'لا، لم تُحلّ',
    'fixed.no.hint': 'سيعود بلاغك إلى المسؤول المختص.',
    'fixed.note.label': 'ما الذي لا يزال غير سليم؟ (اختياري)',
    'fixed.note.hint':
      'إذا لم تُحلّ المشكلة، فأخبر المسؤول بما لا يزال غير سليم. لن يقرأ ذلك إلا المسؤول المختص وأمانة WeGO. بحد أقصى {max, number} حرف.',
    'fixed.send': 'أرسل إجابتي',
    'fixed.error.answer': 'اختر ما إذا كانت المشكلة قد حُلّت',
    'fixed.error.noteTooLong': 'يجب ألا يزيد وصف ما لا يزال غير سليم على {max, number} حرف',
    'fixed.error.noteInvalid': 'يحتوي وصف ما لا يزال غير سليم على أحرف لا يمكن إرسالها: احذفها',
    'fixed.tooMany': 'تُرسل الآن إجابات كثيرة جدًا. انتظر دقيقة، ثم أرسل إجابتك مرة أخرى.',
    'fixed.failed': 'تعذّر إرسال إجابتك الآن. أرسلها مرة أخرى.',

    'fixed.done.closed.title': 'شكرًا لك: أُغلق بلاغك',
    'fixed.done.closed.body': 'قلت إن المشكلة قد حُلّت، لذا أُغلق البلاغ {id}.',
    'fixed.done.reopened.title': 'عاد بلاغك إلى المسؤول',
    'fixed.done.reopened.body':
      'قلت إن المشكلة لم تُحلّ. أُعيد فتح البلاغ {id} وأُرسل من جديد إلى المسؤول المختص: {title}.',
    'fixed.done.reopened.bodyNoTitle':
      'قلت إن المشكلة لم تُحلّ. أُعيد فتح البلاغ {id} وأُرسل من جديد إلى المسؤول المختص.',
    'fixed.done.reopened.note': 'وصلت إلى المسؤول ملاحظتك عمّا لا يزال غير سليم.',
    'fixed.done.reopened.expected': 'يُتوقع الآن أن يُعالج بحلول {date}.',
    'fixed.done.reopened.emails': 'سنراسلك عند كل تحديث، وسنسألك من جديد عندما يُحلّ.',

    'fixed.closed.title': 'هذا البلاغ مغلق',
    'fixed.closed.body': 'البلاغ {id} مغلق: لا يوجد ما يستدعي الإجابة.',
    'fixed.reopened.title': 'أُعيد فتح هذا البلاغ من قبل',
    'fixed.reopened.body':
      'في {date} أعادت الإجابة «لم تُحلّ» البلاغ {id} إلى المسؤول المختص. عندما يُحلّ مرة أخرى، سنرسل إليك رابطًا جديدًا للإجابة.',
    'fixed.notResolved.title': 'هذا البلاغ لا ينتظر إجابتك',
    'fixed.notResolved.body':
      'لم يُعلَّم البلاغ {id} على أنه محلول: حالته «{status}». عندما تحلّه المدينة، سنراسلك لنسألك هل حُلّت المشكلة.',

    'removal.title': 'احذف بيانات الاتصال الخاصة بك من هذا البلاغ',
    'removal.removes': 'سيؤدي هذا إلى حذف بيانات الاتصال التي قدمتها مع البلاغ {id}:',
    'removal.name': 'اسمك',
    'removal.email': 'عنوان بريدك الإلكتروني',
    'removal.phone': 'رقم هاتفك',
    'removal.after':
      'لن يراها المسؤول المختص ولا أمانة WeGO بعد ذلك، ولن تصلك رسائل أخرى بشأن هذا البلاغ. لا يمكن التراجع عن ذلك.',
    'removal.stays.title': 'ما الذي يبقى',
    'removal.stays':
      'يبقى البلاغ نفسه، دون أي شيء يدل على من أرسله: المشكلة والمكان والوصف وما جرى له. ويمكنك متابعته على صفحته.',
    'removal.button': 'احذف بيانات الاتصال الخاصة بي',
    'removal.tooMany': 'تُرسل الآن طلبات كثيرة جدًا. انتظر دقيقة، ثم حاول مرة أخرى.',
    'removal.failed': 'تعذّر حذف بيانات الاتصال الخاصة بك الآن. حاول مرة أخرى.',
    'removal.done.title': 'حُذفت بيانات الاتصال الخاصة بك',
    'removal.done.body':
      'لم يعد البلاغ {id} يحتفظ باسمك ولا بعنوان بريدك الإلكتروني ولا برقم هاتفك. لن تصلك رسائل أخرى بشأنه.',
    'removal.already.title': 'حُذفت بيانات الاتصال الخاصة بك من قبل',
    'removal.already.body':
      'لم يعد البلاغ {id} يحتفظ بأي بيانات اتصال: حُذفت من قبل، عبر رابط مثل هذا أو لأن البلاغ أُغلق منذ وقت طويل.',

    'link.gone.title': 'هذا الرابط لم يعد يعمل',
    'link.gone.old':
      'حلّ محلّ هذا الرابط بريد أحدث بشأن البلاغ {id}. استخدم الرابط في أحدث رسالة، أو اطّلع على حالة البلاغ في صفحته.',
    'link.gone.wrong':
      'هذا الرابط غير صالح للبلاغ {id}. افتحه من بريدك مرة أخرى وانسخه كاملًا، أو اطّلع على حالة البلاغ في صفحته.',
    'link.incomplete.title': 'هذا الرابط ناقص',
    'link.incomplete.body': 'جزء من الرابط مفقود. افتحه من بريدك مرة أخرى، وإذا نسخته فانسخه كاملًا.',
    'link.request': 'اطّلع على حالة البلاغ {id}',
  },
};
