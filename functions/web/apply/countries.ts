import { iso31661 } from 'iso-3166';
import type { Language } from '../../shared/i18n.ts';
import { translator } from '../../shared/i18n.ts';
import type { Choice } from '../components.ts';
import { common } from '../shell/messages.ts';

/**
 * Every assigned country (ISO 3166-1, the codes the API takes), named in the page's language by the
 * runtime (Intl.DisplayNames) and in that language's alphabetical order. Built once per language.
 */
const byLanguage = new Map<Language, readonly Choice[]>();

export function countryChoices(lang: Language): readonly Choice[] {
  let choices = byLanguage.get(lang);
  if (!choices) {
    const { locale } = translator(lang, common);
    const names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' });
    const order = new Intl.Collator(locale);
    choices = iso31661
      .map((c) => ({ value: c.alpha2, label: names.of(c.alpha2) ?? c.alpha2 }))
      .sort((a, b) => order.compare(a.label, b.label));
    byLanguage.set(lang, choices);
  }
  return choices;
}
