/**
 * The search tokenizer, the same for documents and queries, in every script:
 * - Chinese, Japanese and Korean runs become overlapping character bigrams ("스마트시티" → 스마, 마트,
 *   트시, 시티; a lone character stays a unigram), since these scripts do not (or not reliably)
 *   separate words with spaces;
 * - other letters and digits split into words, folded: compatibility forms (NFKC), accents and other
 *   combining marks removed (é → e, ё → е, Arabic harakat and hamza seats), lower case;
 * - single Latin-script letters are dropped (the "e" of "e-government" finds everything).
 */
// Kana by script extension, so the prolonged sound mark ー (shared by both kana) joins its word; letters only.
const CJK = '\\p{sc=Han}\\p{sc=Hangul}[[\\p{scx=Hira}\\p{scx=Kana}]&&\\p{L}]';
const CJK_CHAR = new RegExp(`[${CJK}]`, 'v');
const RUNS = new RegExp(`[${CJK}]+|[[\\p{L}\\p{N}\\p{M}]--[${CJK}]]+`, 'gv');

/** Accents and case folded; CJK left as it is (NFKD would split Hangul syllables into jamo). */
export function foldWord(word: string): string {
  return word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().normalize('NFC');
}

export const isCjk = (term: string): boolean => CJK_CHAR.test(term);

export function tokenize(text: string): string[] {
  const terms: string[] = [];
  for (const match of text.normalize('NFKC').matchAll(RUNS)) {
    const run = match[0];
    if (CJK_CHAR.test(run)) {
      const chars = [...run];
      if (chars.length === 1) terms.push(run);
      for (let i = 0; i + 1 < chars.length; i++) terms.push(`${chars[i]}${chars[i + 1]}`);
      continue;
    }
    const word = foldWord(run);
    if (word.length > 1 || /\p{N}/u.test(word) || !/\p{sc=Latin}/u.test(word)) terms.push(word);
  }
  return terms;
}
