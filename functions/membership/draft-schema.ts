import type { Language } from '../shared/i18n.ts';
import { email } from '../shared/schemas.ts';
import * as z from '../shared/zod.ts';
import { uploadId } from '../uploads/schemas.ts';
import { applicationLanguage, formSections } from './application.ts';

/** What the draft routes take and answer (declarations only: CDK code imports the routes). */
export const DRAFT_LIFETIME_DAYS = 30;

/** The header that carries a draft's resume token. */
export const DRAFT_TOKEN_HEADER = 'draft-token';

/** The sections answered so far: each one, when present, is complete and valid. */
export const draftAnswers = z.strictObject({
  contact: z.optional(formSections.contact),
  city: z.optional(formSections.city),
  mayor: z.optional(formSections.mayor),
  signatory: z.optional(formSections.signatory),
  motivation: z.optional(formSections.motivation),
});
export type DraftAnswers = z.infer<typeof draftAnswers>;

const language = z.optional(applicationLanguage.check(z.describe('The language of the pages and emails')));

export const createDraftBody = z.strictObject({
  email: email.check(z.describe('Where the link that resumes the draft is emailed')),
  language,
  answers: z.optional(draftAnswers),
});

export const replaceDraftBody = z.strictObject({
  answers: draftAnswers,
  email: z.optional(
    email.check(z.describe('A new address for the resume link: the link is emailed to it at once')),
  ),
  language,
});

/** Attaches an uploaded PDF (from POST /application-drafts/{id}/signed-form) as the draft's signed form. */
export const signedFormBody = z.strictObject({
  uploadId: uploadId.check(z.describe('The `uploadId` of the presigned POST the PDF was sent with')),
});

export const submitDraftBody = z.strictObject({
  language: z.optional(
    applicationLanguage.check(z.describe("The application's language (default: the draft's)")),
  ),
});

/** The signed Membership Application Form a draft carries: a checked PDF (functions/uploads/). */
export interface DraftSignedForm {
  readonly uploadId: string;
  readonly size: number;
  readonly uploadedAt: string;
}

export interface Draft {
  readonly id: string;
  readonly email?: string;
  readonly language: Language;
  readonly answers: DraftAnswers;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly expiresAt: string;
  /** The signed form, once its PDF was uploaded and checked. */
  readonly signedForm?: DraftSignedForm;
  /** Once submitted: the application it became. */
  readonly submitted?: { readonly id: string; readonly submittedAt: string };
}
