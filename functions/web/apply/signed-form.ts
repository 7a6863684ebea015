import { html } from '../../emails/html.ts';
import { formatDate } from '../../shared/i18n.ts';
import { PURPOSES } from '../../uploads/purposes.ts';
import type { ApiAnswer } from '../api-client.ts';
import { backLink, button, errorSummary, fileInput, hiddenFields } from '../components.ts';
import type { PageContent } from '../layout.ts';
import type { PageRequest, PageResult, PageRoute } from '../server.ts';
import {
  attachSignedForm,
  type Draft,
  type DraftRef,
  forgetDraft,
  presignSignedForm,
} from './draft-client.ts';
import { fileSize } from './file-size.ts';
import { at, confirmation, currentDraft, expiredPage, unexpected } from './flow.ts';
import { FLOW, nextAfter, previousOf, signedFormStep } from './steps.ts';
import { type ApplyWords, applyWords } from './words.ts';

/**
 * The signed Membership Application Form: a file input in a form that posts straight to the uploads
 * bucket with a presigned POST (files never pass through a function), so it works without JavaScript.
 * S3 sends the browser back here with `?upload=<id>`; this page then asks the API to attach it to the
 * draft, which checks from its bytes that it is a PDF, and goes on to the check page, or shows why not.
 */
const FIELD = 'signed-form-file';
const UPLOAD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Presigned {
  readonly url: string;
  readonly fields: Record<string, string>;
}

function page(w: ApplyWords, draft: Draft, presigned: Presigned | undefined, error?: string): PageContent {
  const lang = w.lang;
  const previous = previousOf(signedFormStep);
  const uploaded = draft.signedForm;
  // Without a form to post (the API was busy), the error says so and the page offers nothing broken.
  const summary = error ? [{ field: presigned ? FIELD : 'main', message: error }] : [];
  return {
    title: w('signedForm.title'),
    hasErrors: summary.length > 0,
    scripts: ['signed-form'],
    body: html`${backLink(at(lang, previous ? `/${previous.slug}` : ''), w.common('form.back'))}
${errorSummary(w.common('error.title'), summary)}
<span class="caption">${w('apply.step', { n: FLOW.indexOf(signedFormStep) + 1, total: FLOW.length })}</span>
<h1 class="heading">${w('signedForm.title')}</h1>
<p class="body">${w('signedForm.lead')}</p>
${
  uploaded
    ? html`<p class="body">${w('signedForm.uploaded', { size: fileSize(w, uploaded.size), date: formatDate(w, uploaded.uploadedAt) })}</p>
<p><a class="button" href="${at(lang, `/${nextAfter(signedFormStep)}`)}" draggable="false">${w('signedForm.keep')}</a></p>`
    : ''
}
${
  presigned
    ? html`<form method="post" action="${presigned.url}" enctype="multipart/form-data">
${hiddenFields(presigned.fields)}
${fileInput({
  id: FIELD,
  name: 'file',
  label: uploaded ? w.field(FIELD, 'replace') : w.field(FIELD, 'label'),
  hint: w.field(FIELD, 'hint'),
  accept: 'application/pdf,.pdf',
  required: true,
  errorPrefix: w.common('error.prefix'),
  ...(error ? { error } : {}),
})}
<p class="error-message" id="${FIELD}-too-big" data-too-big="${String(PURPOSES['application-form'].maxBytes)}" hidden><span class="visually-hidden">${w.common('error.prefix')}</span> ${w.field(FIELD, 'tooBig')}</p>
<div class="button-group">
${button(w('signedForm.upload'), uploaded ? { secondary: true } : {})}
<a class="button button--secondary" href="${at(lang, '/saved')}" draggable="false">${w('signedForm.later')}</a>
</div>
</form>`
    : ''
}`,
  };
}

/** The page with a fresh presigned POST (each one is good for 15 minutes). */
async function withForm(
  w: ApplyWords,
  ref: DraftRef,
  draft: Draft,
  error?: { status: number; message: string },
): Promise<PageResult> {
  const presigned = await presignSignedForm(ref, at(w.lang, '/signed-form'));
  if (presigned.status === 429) return { status: 429, page: page(w, draft, undefined, w('error.busy')) };
  if (presigned.status !== 201) unexpected(presigned);
  return {
    ...(error ? { status: error.status } : {}),
    page: page(w, draft, presigned.body as Presigned, error?.message),
  };
}

/** Why an upload could not be attached, on the page: not a PDF, or a file that never arrived. */
function refusal(w: ApplyWords, answer: ApiAnswer): { status: number; message: string } {
  if (answer.status === 400) return { status: 400, message: w.field(FIELD, 'notPdf') };
  if (answer.status === 404 || answer.status === 409)
    return { status: answer.status, message: w.field(FIELD, 'missing') };
  if (answer.status === 429) return { status: 429, message: w('error.busy') };
  return unexpected(answer);
}

const signedFormPage: PageRoute = {
  method: 'GET',
  path: '/apply/signed-form',
  handle: async (request: PageRequest) => {
    const { lang } = request;
    const w = applyWords(lang);
    const found = await currentDraft(request);
    if ('submitted' in found) return confirmation(lang, found.submitted, [forgetDraft]);
    if (!('draft' in found)) return found.gone ? expiredPage(w) : { redirect: at(lang, '') };
    const { ref, draft } = found;
    const upload = request.query.get('upload');
    if (upload === null) return withForm(w, ref, draft);
    if (!UPLOAD_ID.test(upload))
      return withForm(w, ref, draft, { status: 404, message: w.field(FIELD, 'missing') });
    const attached = await attachSignedForm(ref, upload);
    if (attached.status === 200) return { redirect: at(lang, `/${nextAfter(signedFormStep)}`) };
    if (attached.status === 410) return expiredPage(w);
    if (attached.status === 409) {
      // Submitted meanwhile (another tab): its confirmation.
      const again = await currentDraft(request);
      if ('submitted' in again) return confirmation(lang, again.submitted, [forgetDraft]);
    }
    return withForm(w, ref, draft, refusal(w, attached));
  },
};

export const signedFormPages: readonly PageRoute[] = [signedFormPage];
