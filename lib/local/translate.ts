import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The local stand-in for Amazon Translate (TranslateText, the JSON protocol the SDK speaks), served by
 * the local API under LOCAL_TRANSLATE_PATH; functions reach it through AWS_ENDPOINT_URL_TRANSLATE. It
 * translates nothing: the text comes back as it was, marked in the target language as an untranslated
 * copy, so a page or a search in that language shows where machine text stands and the whole path
 * (translate, store as machine, index, search) is exercised without AWS.
 */
export const LOCAL_TRANSLATE_PATH = '/.local-translate';

/** "Untranslated copy", in the languages of the platform (others get the English mark with the code). */
export const UNTRANSLATED: Record<string, string> = {
  en: 'Untranslated copy',
  ko: '번역되지 않은 사본',
  es: 'Copia sin traducir',
  fr: 'Copie non traduite',
  ru: 'Непереведённая копия',
  zh: '未翻译的副本',
  ar: 'نسخة غير مترجمة',
};

export const untranslatedMark = (lang: string) => `[${UNTRANSLATED[lang] ?? `Untranslated copy (${lang})`}]`;

export async function handleTranslate(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  body: Buffer,
): Promise<boolean> {
  if (!url.pathname.startsWith(LOCAL_TRANSLATE_PATH)) return false;
  const target = String(req.headers['x-amz-target'] ?? '');
  const reply = (status: number, payload: unknown) => {
    res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
    res.end(JSON.stringify(payload));
    return true;
  };
  if (req.method !== 'POST' || !target.endsWith('.TranslateText')) {
    return reply(400, { __type: 'UnknownOperationException', message: `${target} is not served locally` });
  }
  let input: { Text?: unknown; SourceLanguageCode?: unknown; TargetLanguageCode?: unknown };
  try {
    input = JSON.parse(body.toString('utf8'));
  } catch {
    return reply(400, { __type: 'SerializationException', message: 'not JSON' });
  }
  if (typeof input.Text !== 'string' || typeof input.TargetLanguageCode !== 'string') {
    return reply(400, { __type: 'ValidationException', message: 'Text and TargetLanguageCode are required' });
  }
  return reply(200, {
    TranslatedText: `${untranslatedMark(input.TargetLanguageCode)} ${input.Text}`,
    SourceLanguageCode: input.SourceLanguageCode,
    TargetLanguageCode: input.TargetLanguageCode,
  });
}
