import type { Catalog } from '../../shared/i18n.ts';

/** The signed form's link on the console's application review (cities.ts). */
export const signedFormMessages = {
  en: {
    'city.signedForm.download': 'Download the signed form (PDF, {size})',
    'city.signedForm.uploaded':
      'Uploaded on {date}. The link works for 5 minutes: reload this page for a new one.',
  },
  ko: {
    'city.signedForm.download': '서명된 신청서 내려받기(PDF, {size})',
    'city.signedForm.uploaded':
      '{date}에 올림. 링크는 5분 동안 유효하며, 새 링크가 필요하면 이 페이지를 새로 고치세요.',
  },
  es: {
    'city.signedForm.download': 'Descargar el formulario firmado (PDF, {size})',
    'city.signedForm.uploaded':
      'Subido el {date}. El enlace funciona durante 5 minutos: vuelva a cargar esta página para obtener uno nuevo.',
  },
  fr: {
    'city.signedForm.download': 'Télécharger le formulaire signé (PDF, {size})',
    'city.signedForm.uploaded':
      'Téléversé le {date}. Le lien fonctionne pendant 5 minutes : rechargez cette page pour en obtenir un nouveau.',
  },
  ru: {
    'city.signedForm.download': 'Скачать подписанную форму (PDF, {size})',
    'city.signedForm.uploaded':
      'Загружена {date}. Ссылка действует 5 минут: чтобы получить новую, обновите эту страницу.',
  },
  zh: {
    'city.signedForm.download': '下载已签署的申请表（PDF，{size}）',
    'city.signedForm.uploaded': '上传于{date}。链接有效期为 5 分钟：如需新链接，请刷新此页面。',
  },
  ar: {
    'city.signedForm.download': 'تنزيل الاستمارة الموقّعة (PDF، {size})',
    'city.signedForm.uploaded':
      'رُفعت في {date}. يعمل الرابط لمدة 5 دقائق، فأعد تحميل هذه الصفحة للحصول على رابط جديد.',
  },
} satisfies Catalog;
