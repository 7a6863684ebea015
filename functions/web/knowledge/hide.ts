import { html, type SafeHtml } from '../../emails/html.ts';
import { api } from '../api-client.ts';
import { backLink, button, errorSummary, notificationBanner, textarea } from '../components.ts';
import { pathIn } from '../layout.ts';
import { type PageRequest, type PageResult, type PageRoute, requireRole } from '../server.ts';
import { netWords, notFoundPage, one } from './network.ts';
import { plainText } from './views.ts';

/**
 * The Secretariat hides a question or an answer with a reason (`POST /questions/{id}/hide`,
 * `.../answers/{answerId}/hide`): the API emails the author the reason, and the public no longer sees
 * it (its author and the Secretariat still do, marked). The form is on the question's page, in a
 * disclosure under what it hides, for the Secretariat only; a refused form (no reason) comes back on a
 * page of its own with what it would hide, the error and the text typed.
 */

const REASON_MAX = 2000;
const CONTROL = /(?![\t\n\r])\p{Cc}/u;
const questionPath = (id: string) => `/knowledge/questions/${encodeURIComponent(id)}`;
/** The API's path of the action; the page's is the same under `/knowledge`. */
const apiPathOf = (questionId: string, target: Target) =>
  target.kind === 'question'
    ? `/questions/${encodeURIComponent(questionId)}/hide`
    : `/questions/${encodeURIComponent(questionId)}/answers/${encodeURIComponent(target.answerId)}/hide`;

type Target = { kind: 'question' } | { kind: 'answer'; answerId: string };

const actionOf = (questionId: string, target: Target) => `/knowledge${apiPathOf(questionId, target)}`;

/** The reason's field and the button: in the disclosure, and on the page of a refused form. */
function fields(request: PageRequest, id: string, target: Target, typed?: { reason: string; error: string }) {
  const { n, tc } = netWords(request.lang);
  const fieldId = target.kind === 'question' ? 'hide-question' : `hide-${target.answerId}`;
  return html`<form method="post" action="${pathIn(request.lang, actionOf(id, target))}" novalidate>
${textarea({
  id: fieldId,
  name: 'reason',
  label: n('net.hide.reason'),
  hint: n('net.hide.reasonHint'),
  value: typed?.reason ?? '',
  rows: 4,
  ...(typed ? { error: typed.error } : {}),
  errorPrefix: tc('error.prefix'),
})}
${button(n(target.kind === 'question' ? 'net.hide.submitQuestion' : 'net.hide.submitAnswer'), { secondary: true })}
</form>`;
}

/**
 * On the question's page, under the question or an answer not hidden yet: for the Secretariat, a
 * disclosure with the reason and the button. Nothing for anyone else.
 */
export function hideControl(request: PageRequest, questionId: string, target: Target): SafeHtml | '' {
  if (!request.session?.roles.includes('secretariat')) return '';
  const { n } = netWords(request.lang);
  return html`<details class="details knowledge-hide"><summary class="details__summary">${n(
    target.kind === 'question' ? 'net.hide.question' : 'net.hide.answer',
  )}</summary><div class="details__text">${fields(request, questionId, target)}</div></details>`;
}

const DONE = ['question', 'answer', 'already'] as const;

/** The banner of the question page after a hide (`?hidden=question|answer|already`). */
export function hiddenBanner(request: PageRequest): SafeHtml | '' {
  const done = request.query.get('hidden');
  if (!done || !(DONE as readonly string[]).includes(done)) return '';
  const { n } = netWords(request.lang);
  if (done === 'already') return notificationBanner(n('net.hide.already'), n('net.hide.alreadyBody'), false);
  return notificationBanner(
    n(done === 'question' ? 'net.hide.done.question' : 'net.hide.done.answer'),
    n('net.hide.doneBody'),
  );
}

interface Question {
  readonly id: string;
  readonly title: string;
  readonly body: string;
  readonly answers: readonly { id: string; body: string; city: { name: string } }[];
}

/** A refused form: what it would hide, the error and the reason typed (one call, the question). */
async function refused(
  request: PageRequest,
  token: string,
  target: Target,
  typed: { reason: string; error: string },
): Promise<PageResult> {
  const w = netWords(request.lang);
  const { n, tc } = w;
  const id = request.params.id ?? '';
  const read = await api(`/questions/${encodeURIComponent(id)}`, { token });
  if (read.status !== 200) return notFoundPage(request.lang);
  const q = read.body as Question;
  const answer = target.kind === 'answer' ? q.answers.find((a) => a.id === target.answerId) : undefined;
  if (target.kind === 'answer' && !answer) return notFoundPage(request.lang);
  const title = n(answer ? 'net.hide.titleAnswer' : 'net.hide.titleQuestion', { title: q.title });
  const fieldId = target.kind === 'question' ? 'hide-question' : `hide-${target.answerId}`;
  return {
    status: 400,
    page: {
      title,
      hasErrors: true,
      body: html`${backLink(pathIn(request.lang, questionPath(q.id)), n('net.hide.backToQuestion'))}
${errorSummary(tc('error.title'), [{ field: fieldId, message: typed.error }])}
<h1 class="heading heading--xl" dir="auto">${title}</h1>
${
  answer
    ? html`<p class="body">${n('net.hide.answerBy', { city: answer.city.name })}</p><blockquote class="knowledge-quote" dir="auto">${plainText(answer.body)}</blockquote>`
    : html`<blockquote class="knowledge-quote" dir="auto">${plainText(q.body)}</blockquote>`
}
${fields(request, q.id, target, typed)}`,
    },
  };
}

async function hide(request: PageRequest, target: Target): Promise<PageResult> {
  const allowed = requireRole(request, ['secretariat']);
  if ('result' in allowed) return allowed.result;
  const { n } = netWords(request.lang);
  const token = allowed.session.token;
  const reason = one(request.form.reason).trim();
  if (!reason) return refused(request, token, target, { reason, error: n('net.hide.err.empty') });
  if (reason.length > REASON_MAX || CONTROL.test(reason))
    return refused(request, token, target, { reason, error: n('net.hide.err.tooLong', { max: REASON_MAX }) });
  const id = request.params.id ?? '';
  const answer = await api(apiPathOf(id, target), {
    method: 'POST',
    token,
    json: { reason },
  });
  const back = pathIn(request.lang, questionPath(id));
  if (answer.status === 200) return { redirect: `${back}?hidden=${target.kind}` };
  if (answer.status === 409) return { redirect: `${back}?hidden=already` };
  if (answer.status === 400)
    return refused(request, token, target, { reason, error: n('net.hide.err.tooLong', { max: REASON_MAX }) });
  if (answer.status === 404) return notFoundPage(request.lang);
  throw new Error(`Hiding answered ${answer.status}`);
}

const hideQuestion: PageRoute = {
  method: 'POST',
  path: '/knowledge/questions/:id/hide',
  handle: (request) => hide(request, { kind: 'question' }),
};

const hideAnswer: PageRoute = {
  method: 'POST',
  path: '/knowledge/questions/:id/answers/:answerId/hide',
  handle: (request) => hide(request, { kind: 'answer', answerId: request.params.answerId ?? '' }),
};

export const hidePages: readonly PageRoute[] = [hideQuestion, hideAnswer];
