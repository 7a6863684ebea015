import type { Draft, DraftAnswers } from '../../membership/draft-schema.ts';
import type { Language } from '../../shared/i18n.ts';
import { type ApiAnswer, api } from '../api-client.ts';

/**
 * The applicant's draft, kept by the API (POST/GET/PUT /application-drafts): the pages hold only its
 * id and resume token, in an HttpOnly cookie that ends with the browser session; the emailed link
 * sets it again on any device for 30 days. Nothing of the form is kept by the site itself.
 */
const COOKIE = 'wego-application';
const REF = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/;

export interface DraftRef {
  readonly id: string;
  readonly token: string;
}

export type { Draft, DraftAnswers };

export function draftRefOf(cookies: Readonly<Record<string, string>>): DraftRef | undefined {
  const match = REF.exec(cookies[COOKIE] ?? '');
  return match ? { id: match[1] as string, token: match[2] as string } : undefined;
}

/** A link's id and token, if they can be one. */
export function draftRefFrom(id: string | null, token: string | null): DraftRef | undefined {
  return draftRefOf({ [COOKIE]: `${id ?? ''}.${token ?? ''}` });
}

export const keepDraft = (ref: DraftRef) =>
  `${COOKIE}=${ref.id}.${ref.token}; Path=/; HttpOnly; Secure; SameSite=Lax`;
export const forgetDraft = `${COOKIE}=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Lax`;

const withToken = (ref: DraftRef) => ({ 'draft-token': ref.token });

export const readDraft = (ref: DraftRef): Promise<ApiAnswer> =>
  api(`/application-drafts/${ref.id}`, { headers: withToken(ref) });

export const startDraft = (body: {
  email: string;
  language: Language;
  answers: DraftAnswers;
}): Promise<ApiAnswer> => api('/application-drafts', { method: 'POST', json: body });

export const saveDraft = (
  ref: DraftRef,
  body: { answers: DraftAnswers; language: Language; email?: string },
): Promise<ApiAnswer> =>
  api(`/application-drafts/${ref.id}`, { method: 'PUT', json: body, headers: withToken(ref) });

export const submitDraft = (ref: DraftRef, language: Language): Promise<ApiAnswer> =>
  api(`/application-drafts/${ref.id}/submit`, {
    method: 'POST',
    json: { language },
    headers: withToken(ref),
  });

/** A presigned POST for the draft's signed form; S3 sends the browser back to `redirect` with `?upload=`. */
export const presignSignedForm = (ref: DraftRef, redirect: string): Promise<ApiAnswer> =>
  api(`/application-drafts/${ref.id}/signed-form`, {
    method: 'POST',
    json: { redirect },
    headers: withToken(ref),
  });

/** Attaches the uploaded PDF as the draft's signed form (the API checks it is one). */
export const attachSignedForm = (ref: DraftRef, uploadId: string): Promise<ApiAnswer> =>
  api(`/application-drafts/${ref.id}/signed-form`, {
    method: 'PUT',
    json: { uploadId },
    headers: withToken(ref),
  });
