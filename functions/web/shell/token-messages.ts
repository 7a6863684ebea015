import type { Catalog } from '../../shared/i18n.ts';

/** The page where staff copy their token for the JSON API. */
export const tokenMessages = {
  en: {
    'token.title': 'Your token for the API',
    'token.lead':
      'Scripts and tools call the WeGO API with this token as the bearer token. It acts as you, with your roles, until {expiresAt}; then sign in again for a new one.',
    'token.label': 'Token',
    'token.example': 'For example:',
    'token.warning': 'Keep it to yourself: anyone who has it can act as you until it expires.',
  },
  ko: {
    'token.title': 'API용 토큰',
    'token.lead':
      '스크립트와 도구는 이 토큰을 bearer 토큰으로 사용해 WeGO API를 호출합니다. {expiresAt}까지 회원님의 역할로 회원님을 대신해 동작하며, 그 후에는 다시 로그인해 새 토큰을 받으세요.',
    'token.label': '토큰',
    'token.example': '예:',
    'token.warning':
      '다른 사람과 공유하지 마세요. 토큰을 가진 사람은 만료될 때까지 회원님으로 행동할 수 있습니다.',
  },
  es: {
    'token.title': 'Su token para la API',
    'token.lead':
      'Los scripts y herramientas llaman a la API de WeGO con este token como token bearer. Actúa en su nombre, con sus roles, hasta el {expiresAt}; después, inicie sesión de nuevo para obtener otro.',
    'token.label': 'Token',
    'token.example': 'Por ejemplo:',
    'token.warning': 'No lo comparta: quien lo tenga puede actuar en su nombre hasta que caduque.',
  },
  fr: {
    'token.title': 'Votre jeton pour l’API',
    'token.lead':
      'Les scripts et outils appellent l’API WeGO avec ce jeton comme jeton bearer. Il agit en votre nom, avec vos rôles, jusqu’au {expiresAt} ; reconnectez-vous ensuite pour en obtenir un nouveau.',
    'token.label': 'Jeton',
    'token.example': 'Par exemple :',
    'token.warning':
      'Gardez-le pour vous : quiconque le détient peut agir en votre nom jusqu’à son expiration.',
  },
  ru: {
    'token.title': 'Ваш токен для API',
    'token.lead':
      'Скрипты и инструменты обращаются к API WeGO с этим токеном в качестве bearer-токена. Он действует от вашего имени и с вашими ролями до {expiresAt}; затем войдите снова, чтобы получить новый.',
    'token.label': 'Токен',
    'token.example': 'Например:',
    'token.warning':
      'Никому его не передавайте: владелец токена может действовать от вашего имени до истечения его срока.',
  },
  zh: {
    'token.title': '您的 API 令牌',
    'token.lead':
      '脚本和工具以此令牌作为 bearer 令牌调用 WeGO API。在 {expiresAt} 之前，它以您的身份和角色行事；之后请重新登录以获取新令牌。',
    'token.label': '令牌',
    'token.example': '例如：',
    'token.warning': '请勿与他人共享：持有令牌的人在其过期前都可以以您的身份行事。',
  },
  ar: {
    'token.title': 'رمزك للوصول إلى واجهة البرمجة',
    'token.lead':
      'تستدعي البرامج النصية والأدوات واجهة برمجة WeGO بهذا الرمز بوصفه رمز bearer. يعمل باسمك وبأدوارك حتى {expiresAt}؛ وبعد ذلك سجّل الدخول مجددًا للحصول على رمز جديد.',
    'token.label': 'الرمز',
    'token.example': 'مثال:',
    'token.warning': 'احتفظ به لنفسك: يمكن لأي شخص يملكه أن يتصرف باسمك حتى انتهاء صلاحيته.',
  },
} satisfies Catalog;
