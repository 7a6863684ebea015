import { isLanguage } from '../shared/i18n.ts';
import type { PracticeRecord } from './practices.ts';
import type { IndexDocument, PracticeEntry } from './search-index.ts';
import { THEME_NAMES, type ThemeCode } from './themes.ts';

/**
 * What the index holds of a published practice: its entry (facets, order) and one document per
 * language it can be read in. Every language gets the title, the summary and the keywords (themes in
 * that language, technologies, partners, the city); the sections are indexed in the original language
 * only, which keeps 5,000 practices in 6 languages within a cold start's budget (docs/performance.md).
 * A retired or unpublished practice has nothing in the index.
 */
export function indexDocuments(
  record: PracticeRecord,
): { entry: PracticeEntry; docs: IndexDocument[] } | undefined {
  const pub = record.published;
  if (!pub || pub.retiredAt) return undefined;
  const languages = [
    pub.language,
    ...[...record.publishedTexts.keys()].filter((l) => l !== pub.language).sort(),
  ];
  const entry: PracticeEntry = {
    id: pub.id,
    cityId: pub.cityId,
    themes: pub.themes,
    sdgs: pub.sdgs ?? [],
    region: pub.region,
    country: pub.country,
    ...(pub.stage ? { stage: pub.stage } : {}),
    languages: languages.filter((l) => l === pub.language || record.publishedTexts.has(l)),
    publishedAt: pub.publishedAt,
    updatedAt: pub.changedAt,
  };
  const docs: IndexDocument[] = [];
  for (const [lang, text] of record.publishedTexts) {
    const themeNames = pub.themes.map(
      (t) => THEME_NAMES[t as ThemeCode]?.[isLanguage(lang) ? lang : 'en'] ?? t,
    );
    docs.push({
      practiceId: pub.id,
      lang,
      machine: text.machine,
      title: text.title,
      summary: text.summary,
      keywords: [...themeNames, ...(pub.technologies ?? []), ...(pub.partners ?? []), pub.cityName].join(' '),
      ...(lang === pub.language ? { body: Object.values(text.sections).filter(Boolean).join('\n\n') } : {}),
    });
  }
  return { entry, docs };
}
