import { TranslateClient, TranslateTextCommand } from '@aws-sdk/client-translate';

/**
 * Machine translation behind one small interface. The deployed stack uses Amazon Translate; the local
 * stack points the same client at a stand-in (AWS_ENDPOINT_URL_TRANSLATE) that answers with the text
 * copied and marked as untranslated, so the whole path (translate, store as machine, index, search)
 * runs without AWS.
 */
export interface Translator {
  translate(text: string, from: string, to: string): Promise<string>;
}

/** Amazon Translate takes at most 10,000 bytes per request: longer text goes paragraph by paragraph. */
const MAX_BYTES = 9000;

function pieces(text: string): string[] {
  const out: string[] = [];
  let current = '';
  for (const paragraph of text.split(/(\n\n+)/)) {
    if (Buffer.byteLength(current + paragraph) > MAX_BYTES && current) {
      out.push(current);
      current = '';
    }
    current += paragraph;
  }
  if (current) out.push(current);
  return out.flatMap((p) => {
    if (Buffer.byteLength(p) <= MAX_BYTES) return [p];
    // One paragraph too long: cut by characters.
    const chars = [...p];
    const cut: string[] = [];
    for (let i = 0; i < chars.length; i += 2500) cut.push(chars.slice(i, i + 2500).join(''));
    return cut;
  });
}

export class AmazonTranslator implements Translator {
  private readonly client = new TranslateClient({});

  async translate(text: string, from: string, to: string): Promise<string> {
    if (!text.trim()) return text;
    const parts = await Promise.all(
      pieces(text).map(async (piece) => {
        if (!piece.trim()) return piece;
        const out = await this.client.send(
          new TranslateTextCommand({ Text: piece, SourceLanguageCode: from, TargetLanguageCode: to }),
        );
        return out.TranslatedText ?? '';
      }),
    );
    return parts.join('');
  }
}

/** A language pair Amazon Translate refuses: retrying cannot help. */
export const isPermanent = (error: unknown): boolean =>
  [
    'UnsupportedLanguagePairException',
    'DetectedLanguageLowConfidenceException',
    'TextSizeLimitExceededException',
  ].includes((error as { name?: string })?.name ?? '');
