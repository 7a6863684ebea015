import { html, type SafeHtml } from '../../emails/html.ts';
import { COST_RANGES, STAGES, THEME_CODES, THEME_NAMES } from '../../knowledge/themes.ts';
import { countryName } from '../../membership/country-name.ts';
import { regionMessages } from '../../membership/region-messages.ts';
import { type Language, translator } from '../../shared/i18n.ts';
import { tag } from '../components.ts';
import { common } from '../shell/messages.ts';
import { knowledgeFormMessages, knowledgeMessages } from './messages.ts';

/** The knowledge pages' vocabulary in the page's language: themes, stages, SDGs, regions, languages, cities. */
export function words(lang: Language) {
  const t = translator(lang, knowledgeMessages, knowledgeFormMessages, regionMessages);
  const tc = translator(lang, common);
  const languageNames = new Intl.DisplayNames([tc.locale], { type: 'language' });
  return {
    t,
    tc,
    theme: (code: string) => THEME_NAMES[code as (typeof THEME_CODES)[number]]?.[lang] ?? code,
    stage: (s: string) => (isStage(s) ? t(`kn.stage.${s}`) : s),
    cost: (c: string) =>
      (COST_RANGES as readonly string[]).includes(c) ? t(`kn.cost.${c}` as 'kn.cost.under-10k') : c,
    sdg: (n: number | string) => t('kn.sdgN', { n: Number(n) }),
    region: (r: string) => t(`region.${r}` as 'region.asia'),
    language: (code: string) => {
      try {
        return languageNames.of(code) ?? code;
      } catch {
        return code;
      }
    },
    city: (c: { name: string; country: string }) =>
      t('kn.cityCountry', { city: c.name, country: countryName(c.country, tc.locale) }),
  };
}
export type Words = ReturnType<typeof words>;

export const isStage = (s: string): s is (typeof STAGES)[number] => (STAGES as readonly string[]).includes(s);
export const isTheme = (s: string): s is (typeof THEME_CODES)[number] =>
  (THEME_CODES as readonly string[]).includes(s);

/** A city with the "former member" mark when it has left WeGO (its practices stay). */
export const cityLine = (
  w: Words,
  city: { name: string; country: string },
  formerMember?: boolean,
): SafeHtml => html`${w.city(city)}${formerMember ? html` ${tag(w.t('kn.formerMember'), 'warning')}` : ''}`;

/** Themes as a list of small tags. */
export const themeTags = (w: Words, themes: readonly string[]): SafeHtml =>
  html`<ul class="knowledge-tags">${themes.map((c) => html`<li class="knowledge-tags__item">${w.theme(c)}</li>`)}</ul>`;

/** The "machine translation" label, everywhere such text is shown. */
export const machineLabel = (w: Words) => html`<span class="knowledge-machine">${w.t('kn.machine')}</span>`;

/** Plain text written by people (questions, answers): escaped, its paragraphs kept. */
export const plainText = (text: string, lang?: string): SafeHtml =>
  html`${text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => html`<p class="body knowledge-text"${lang ? html` lang="${lang}"` : ''}>${p}</p>`)}`;
