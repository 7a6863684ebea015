import { regionMessages } from '../../membership/region-messages.ts';
import { type Language, translator } from '../../shared/i18n.ts';
import { common } from '../shell/messages.ts';
import { applyMessages } from './messages.ts';

type ApplyKey = keyof (typeof applyMessages)['en'] | keyof (typeof regionMessages)['en'];

/**
 * The words of the application's pages in one language: its catalogue, the region names (shared with
 * the emails), and the shell's common words (`w.common`). `w.field(id, part)` reads a field's message
 * by its id, e.g. `w.field('city-name', 'required')`.
 */
export function applyWords(lang: Language) {
  const w = translator(lang, applyMessages, regionMessages);
  return Object.assign(w, {
    common: translator(lang, common),
    field: (id: string, part: string) => w(`${id}.${part}` as ApplyKey),
    /** Whether a field has a message of this kind (its hint, its error for a blank answer). */
    has: (id: string, part: string) => `${id}.${part}` in applyMessages.en,
    region: (region: string) => w(`region.${region}` as ApplyKey),
  });
}

export type ApplyWords = ReturnType<typeof applyWords>;
