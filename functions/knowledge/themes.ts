import type { Language } from '../shared/i18n.ts';

/**
 * The knowledge platform's vocabulary: the six WeGO Awards categories as themes (more may be added;
 * codes never change), the 17 UN Sustainable Development Goals, and the stages of an initiative.
 * Names are given in every language of the platform.
 */
export const THEME_CODES = [
  'efficient-government',
  'emerging-technology',
  'mobility',
  'open-inclusive-city',
  'safe-city',
  'sustainable-city',
] as const;
export type ThemeCode = (typeof THEME_CODES)[number];

export const THEME_NAMES: Record<ThemeCode, Record<Language, string>> = {
  'efficient-government': {
    en: 'Efficient Government',
    ko: '효율적인 정부',
    es: 'Gobierno eficiente',
    fr: 'Gouvernement efficace',
    ru: 'Эффективное управление',
    zh: '高效政府',
    ar: 'الحكومة الفعالة',
  },
  'emerging-technology': {
    en: 'Emerging Technology',
    ko: '신기술',
    es: 'Tecnologías emergentes',
    fr: 'Technologies émergentes',
    ru: 'Новые технологии',
    zh: '新兴技术',
    ar: 'التقنيات الناشئة',
  },
  mobility: {
    en: 'Mobility',
    ko: '모빌리티',
    es: 'Movilidad',
    fr: 'Mobilité',
    ru: 'Мобильность',
    zh: '出行',
    ar: 'التنقل',
  },
  'open-inclusive-city': {
    en: 'Open and Inclusive City',
    ko: '개방적이고 포용적인 도시',
    es: 'Ciudad abierta e inclusiva',
    fr: 'Ville ouverte et inclusive',
    ru: 'Открытый и инклюзивный город',
    zh: '开放包容城市',
    ar: 'المدينة المنفتحة والشاملة',
  },
  'safe-city': {
    en: 'Safe City',
    ko: '안전한 도시',
    es: 'Ciudad segura',
    fr: 'Ville sûre',
    ru: 'Безопасный город',
    zh: '安全城市',
    ar: 'المدينة الآمنة',
  },
  'sustainable-city': {
    en: 'Sustainable City',
    ko: '지속가능한 도시',
    es: 'Ciudad sostenible',
    fr: 'Ville durable',
    ru: 'Устойчивый город',
    zh: '可持续城市',
    ar: 'المدينة المستدامة',
  },
};

/** The UN Sustainable Development Goals, by number. */
export const SDGS = Array.from({ length: 17 }, (_, i) => i + 1);

export const STAGES = ['idea', 'pilot', 'operational', 'scaled', 'retired'] as const;
export type Stage = (typeof STAGES)[number];

export const COST_RANGES = ['under-10k', '10k-100k', '100k-1m', '1m-10m', 'over-10m'] as const;
