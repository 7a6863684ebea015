import type { Language } from '../../shared/i18n.ts';
import { HttpError } from '../../shared/problem.ts';
import type { ApiAnswer } from '../api-client.ts';
import { pathIn } from '../layout.ts';
import { messagePage, type PageRequest, type PageResult } from '../server.ts';
import { type Draft, type DraftRef, draftRefOf, forgetDraft, readDraft } from './draft-client.ts';
import type { ApplyWords } from './words.ts';

/** What every page of the application's flow needs: its paths, the draft of the cookie, the usual answers. */
export const at = (lang: Language, path: string) => pathIn(lang, `/apply${path}`);

/** The draft is gone for the API: expired (410), deleted by its TTL (404), or the cookie's token is wrong. */
export const isGone = (status: number) => status === 404 || status === 410 || status === 401;

export function unexpected(answer: ApiAnswer): never {
  throw new HttpError(500, `The draft API answered ${answer.status}`);
}

export const expiredPage = (w: ApplyWords): PageResult => ({
  status: 410,
  cookies: [forgetDraft],
  page: messagePage(w('resume.expired.title'), w('resume.expired.body'), {
    href: at(w.lang, ''),
    label: w('resume.start'),
  }),
});

export const confirmation = (lang: Language, id: string, cookies?: string[]): PageResult => ({
  redirect: at(lang, `/confirmation/${id}`),
  ...(cookies ? { cookies } : {}),
});

/** The draft of the cookie, or what to answer instead: nothing saved yet, or a draft that is gone. */
export async function currentDraft(
  request: PageRequest,
): Promise<{ ref: DraftRef; draft: Draft } | { gone: boolean } | { submitted: string }> {
  const ref = draftRefOf(request.cookies);
  if (!ref) return { gone: false };
  const answer = await readDraft(ref);
  if (isGone(answer.status)) return { gone: true };
  if (answer.status !== 200) unexpected(answer);
  const draft = answer.body as Draft;
  return draft.submitted ? { submitted: draft.submitted.id } : { ref, draft };
}
