import { randomUUID } from 'node:crypto';
import { html } from '../../emails/html.ts';
import { THEME_CODES } from '../../knowledge/themes.ts';
import { type ApiProblem, api } from '../api-client.ts';
import {
  backLink,
  button,
  checkboxes,
  errorSummary,
  type FieldError,
  hiddenFields,
  textarea,
  textInput,
} from '../components.ts';
import { pathIn } from '../layout.ts';
import { messagePage, type PageRequest, type PageResult, type PageRoute, requireRole } from '../server.ts';
import { questionPath, renderQuestion } from './questions.ts';
import { words } from './views.ts';

/**
 * The questions' forms of the city's representatives: ask the network (`POST /questions`), answer a
 * question (`POST /questions/{id}/answers`, from the question's page) and, for the asker, accept an
 * answer. Each form's key, made when it is shown, is the Idempotency-Key: a second press writes once.
 */

const MAX = { title: 200, body: 4000 } as const;
const KEY = /^[\w-]{1,64}$/;
type Form = PageRequest['form'];
const one = (v: Form[string] | undefined) => (typeof v === 'string' ? v : (v?.[0] ?? ''));
const many = (v: Form[string] | undefined) => (v === undefined ? [] : typeof v === 'string' ? [v] : [...v]);
const keyOf = (f: Form) => (KEY.test(one(f.key)) ? one(f.key) : randomUUID());

const refused = (request: PageRequest): PageResult => {
  const { t } = words(request.lang);
  return { status: 403, page: messagePage(t('kn.ask.refused.title'), t('kn.ask.refused.body')) };
};

/** The API's 400 at the ask form's fields, in the page's language. */
function askErrors(request: PageRequest, problem: ApiProblem | undefined): FieldError[] {
  const { t } = words(request.lang);
  const f = request.form;
  const found = new Map<string, string>();
  for (const e of problem?.errors ?? []) {
    const field = e.path.replace(/^body\.?/, '').split('.')[0] ?? '';
    if (!['title', 'body', 'themes'].includes(field) || found.has(field)) continue;
    const typed = one(f[field]).trim();
    found.set(
      field,
      field === 'themes'
        ? t('kn.form.err.themes')
        : typed === ''
          ? t(field === 'title' ? 'kn.ask.err.title' : 'kn.ask.err.body')
          : t('kn.form.err.tooLong', { max: field === 'title' ? MAX.title : MAX.body }),
    );
  }
  const order = ['title', 'body', 'themes'];
  return [...found.entries()]
    .sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]))
    .map(([field, message]) => ({ field: field === 'body' ? 'question' : field, message }));
}

function askPage(request: PageRequest, key: string, errors: readonly FieldError[] = []): PageResult {
  const w = words(request.lang);
  const { t, tc } = w;
  const f = request.form;
  const err = (field: string) => {
    const e = errors.find((x) => x.field === field)?.message;
    return { ...(e ? { error: e } : {}), errorPrefix: tc('error.prefix') };
  };
  return {
    ...(errors.length ? { status: 400 } : {}),
    page: {
      title: t('kn.ask.title'),
      ...(errors.length ? { hasErrors: true } : {}),
      body: html`${backLink(pathIn(request.lang, '/knowledge/questions'), t('kn.q.back'))}
${errorSummary(tc('error.title'), errors)}
<h1 class="heading heading--xl">${t('kn.ask.title')}</h1>
<p class="lead">${t('kn.ask.lead')}</p>
<form method="post" novalidate class="knowledge-form">
${hiddenFields({ key })}
${textInput({ id: 'title', label: t('kn.ask.question'), value: one(f.title), ...err('title') })}
${textarea({
  id: 'question',
  name: 'body',
  label: t('kn.ask.body'),
  hint: t('kn.ask.bodyHint'),
  value: one(f.body),
  rows: 8,
  ...err('question'),
})}
${checkboxes({
  id: 'themes',
  legend: t('kn.themes'),
  choices: THEME_CODES.map((c) => ({ value: c, label: w.theme(c) })),
  values: many(f.themes),
  ...err('themes'),
})}
${button(t('kn.ask.submit'))}
</form>`,
    },
  };
}

const askForm: PageRoute = {
  method: 'GET',
  path: '/knowledge/questions/new',
  handle: async (request) => {
    const allowed = requireRole(request, ['member']);
    return 'result' in allowed ? allowed.result : askPage(request, randomUUID());
  },
};

const askAction: PageRoute = {
  method: 'POST',
  path: '/knowledge/questions/new',
  handle: async (request) => {
    const allowed = requireRole(request, ['member']);
    if ('result' in allowed) return allowed.result;
    const f = request.form;
    const key = keyOf(f);
    const answer = await api('/questions', {
      method: 'POST',
      token: allowed.session.token,
      json: { title: one(f.title).trim(), body: one(f.body).trim(), themes: many(f.themes) },
      idempotencyKey: `question-${key}`,
    });
    if (answer.status === 201 || answer.status === 200)
      return { redirect: `${pathIn(request.lang, questionPath(answer.body.id))}?done=asked` };
    if (answer.status === 400) {
      const errors = askErrors(request, answer.body as ApiProblem);
      const { t } = words(request.lang);
      return askPage(
        request,
        key,
        errors.length ? errors : [{ field: 'title', message: t('kn.form.err.invalid') }],
      );
    }
    if (answer.status === 403) return refused(request);
    throw new Error(`Asking answered ${answer.status}`);
  },
};

const answerAction: PageRoute = {
  method: 'POST',
  path: '/knowledge/questions/:id/answers',
  handle: async (request) => {
    const allowed = requireRole(request, ['member']);
    if ('result' in allowed) return allowed.result;
    const { t } = words(request.lang);
    const body = one(request.form.body).trim();
    const key = keyOf(request.form);
    // Refused on the page first (no write), shown with the question again.
    if (!body) return renderQuestion(request, { body, key, error: t('kn.answer.err.empty') });
    if (body.length > MAX.body)
      return renderQuestion(request, { body, key, error: t('kn.form.err.tooLong', { max: MAX.body }) });
    const id = request.params.id ?? '';
    const answer = await api(`/questions/${encodeURIComponent(id)}/answers`, {
      method: 'POST',
      token: allowed.session.token,
      json: { body },
      idempotencyKey: `answer-${key}`,
    });
    const back = pathIn(request.lang, questionPath(id));
    if (answer.status === 201 || answer.status === 200) return { redirect: `${back}?done=answered` };
    if (answer.status === 400) return renderQuestion(request, { body, key, error: t('kn.form.err.invalid') });
    if (answer.status === 403) return refused(request);
    if (answer.status === 404) return { redirect: `${back}?done=conflict` };
    throw new Error(`Answering answered ${answer.status}`);
  },
};

const acceptAction: PageRoute = {
  method: 'POST',
  path: '/knowledge/questions/:id/answers/:answerId/accept',
  handle: async (request) => {
    const allowed = requireRole(request, ['member']);
    if ('result' in allowed) return allowed.result;
    const id = request.params.id ?? '';
    const answer = await api(
      `/questions/${encodeURIComponent(id)}/answers/${encodeURIComponent(request.params.answerId ?? '')}/accept`,
      { method: 'POST', token: allowed.session.token },
    );
    const back = pathIn(request.lang, questionPath(id));
    if (answer.status === 200) return { redirect: `${back}?done=accepted` };
    // Another answer accepted meanwhile (409), the answer hidden (404), or not the asker (403).
    if ([403, 404, 409].includes(answer.status)) return { redirect: `${back}?done=conflict` };
    throw new Error(`Accepting answered ${answer.status}`);
  },
};

export const questionFormPages: readonly PageRoute[] = [askForm, askAction, answerAction, acceptAction];
