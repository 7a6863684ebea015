import type { Catalog } from '../shared/i18n.ts';

/** The world regions by name, in every language: the emails, the application form and the directory. */
export const regionMessages = {
  en: {
    'region.asia': 'Asia',
    'region.europe': 'Europe',
    'region.africa': 'Africa',
    'region.americas': 'Americas',
    'region.middle-east': 'Middle East',
    'region.oceania': 'Oceania',
  },
  ko: {
    'region.asia': '아시아',
    'region.europe': '유럽',
    'region.africa': '아프리카',
    'region.americas': '아메리카',
    'region.middle-east': '중동',
    'region.oceania': '오세아니아',
  },
  es: {
    'region.asia': 'Asia',
    'region.europe': 'Europa',
    'region.africa': 'África',
    'region.americas': 'América',
    'region.middle-east': 'Oriente Medio',
    'region.oceania': 'Oceanía',
  },
  fr: {
    'region.asia': 'Asie',
    'region.europe': 'Europe',
    'region.africa': 'Afrique',
    'region.americas': 'Amériques',
    'region.middle-east': 'Moyen-Orient',
    'region.oceania': 'Océanie',
  },
  ru: {
    'region.asia': 'Азия',
    'region.europe': 'Европа',
    'region.africa': 'Африка',
    'region.americas': 'Америка',
    'region.middle-east': 'Ближний Восток',
    'region.oceania': 'Океания',
  },
  zh: {
    'region.asia': '亚洲',
    'region.europe': '欧洲',
    'region.africa': '非洲',
    'region.americas': '美洲',
    'region.middle-east': '中东',
    'region.oceania': '大洋洲',
  },
  ar: {
    'region.asia': 'آسيا',
    'region.europe': 'أوروبا',
    'region.africa': 'أفريقيا',
    'region.americas': 'الأمريكتان',
    'region.middle-east': 'الشرق الأوسط',
    'region.oceania': 'أوقيانوسيا',
  },
} satisfies Catalog;
