import { randomUUID } from 'node:crypto';
import { html } from '../../emails/html.ts';
import { THEME_CODES } from '../../knowledge/themes.ts';
import { formatDate } from '../../shared/i18n.ts';
import { api } from '../api-client.ts';
import {
  backLink,
  button,
  errorSummary,
  hiddenFields,
  notificationBanner,
  pagination,
  select,
  tag,
  textarea,
} from '../components.ts';
import { pathIn } from '../layout.ts';
import { messagePage, type PageRequest, type PageResult, type PageRoute } from '../server.ts';
import { hiddenBanner, hideControl } from './hide.ts';
import { isTheme, plainText, themeTags, type Words, words } from './views.ts';

interface Listed {
  readonly id: string;
  readonly title: string;
  readonly themes: readonly string[];
  readonly city: { readonly name: string; readonly country: string };
  readonly createdAt: string;
  readonly answerCount: number;
  readonly answered: boolean;
}

interface Hidden {
  readonly at: string;
  readonly reason?: string;
}

interface Question extends Listed {
  readonly body: string;
  readonly askedByYou?: boolean;
  readonly hidden?: Hidden;
  readonly answers: readonly {
    readonly id: string;
    readonly body: string;
    readonly city: { readonly name: string; readonly country: string };
    readonly createdAt: string;
    readonly accepted: boolean;
    readonly hidden?: Hidden;
  }[];
}

export const questionPath = (id: string) => `/knowledge/questions/${encodeURIComponent(id)}`;

/** `/<lang>/knowledge/questions`: the network's questions, newest first (`GET /questions`, one call), by theme. */
export const questionsPage: PageRoute = {
  method: 'GET',
  path: '/knowledge/questions',
  handle: async ({ lang, query, session }) => {
    const w = words(lang);
    const { t, tc } = w;
    const theme = query.get('theme') ?? '';
    const cursor = query.get('cursor') ?? undefined;
    const filters = new URLSearchParams(isTheme(theme) ? { theme } : {});
    const asked = new URLSearchParams({ ...Object.fromEntries(filters), limit: '20' });
    if (cursor) asked.set('cursor', cursor);
    const here = pathIn(lang, '/knowledge/questions');
    const answer = await api(`/questions?${asked}`);
    if (answer.status === 400 && cursor) return { redirect: `${here}?${filters}` };
    if (answer.status !== 200) throw new Error(`The questions answered ${answer.status}`);
    const { items, nextCursor } = answer.body as { items: Listed[]; nextCursor?: string };
    return {
      page: {
        title: t('kn.q.title'),
        body: html`${backLink(pathIn(lang, '/knowledge'), t('kn.back'))}
<h1 class="heading heading--xl">${t('kn.q.title')}</h1>
<p class="lead">${t('kn.q.lead')}</p>
${session?.roles.includes('member') ? html`<p class="body"><a href="${pathIn(lang, '/knowledge/questions/new')}">${t('kn.ask.link')}</a></p>` : ''}
<form class="filters" method="get" action="${here}">
<div class="filters__fields">
${select({
  id: 'theme',
  label: t('kn.theme'),
  placeholder: t('kn.allThemes'),
  choices: THEME_CODES.map((c) => ({ value: c, label: w.theme(c) })),
  value: isTheme(theme) ? theme : '',
  errorPrefix: tc('error.prefix'),
})}
</div>
${button(t('kn.q.show'), { secondary: true })}
</form>
${
  items.length === 0
    ? html`<p class="body">${t('kn.q.none')}</p>`
    : html`<ul class="knowledge-questions">${items.map(
        (q) => html`<li class="knowledge-result">
<h2 class="heading heading--m knowledge-result__title"><a href="${pathIn(lang, questionPath(q.id))}" dir="auto">${q.title}</a></h2>
<p class="knowledge-result__city">${t('kn.q.asked', { city: w.city(q.city), date: formatDate(tc, q.createdAt) })} · ${t(
          'kn.q.answers',
          { count: q.answerCount },
        )}${q.answered ? html` ${tag(t('kn.q.answered'), 'done')}` : ''}</p>
${themeTags(w, q.themes)}
</li>`,
      )}</ul>`
}
${pagination({
  label: t('kn.q.pages'),
  ...(cursor ? { previous: { href: `${here}?${filters}`, label: t('kn.q.first') } } : {}),
  ...(nextCursor
    ? {
        next: {
          href: `${here}?${new URLSearchParams({ ...Object.fromEntries(filters), cursor: nextCursor })}`,
          label: t('kn.q.more'),
        },
      }
    : {}),
})}`,
      },
    };
  },
};

/**
 * `/<lang>/knowledge/questions/{id}` (the answer emails link here): the question and its answers
 * (`GET /questions/{id}`, one call, with the session's token so an author or the Secretariat also sees
 * what was hidden, with the reason). People's text is shown as they wrote it, in their language.
 */
export const questionPage: PageRoute = {
  method: 'GET',
  path: '/knowledge/questions/:id',
  handle: (request) => renderQuestion(request),
};

/** What the answer form shows again when the answer was refused: the text typed, its key, the error. */
export interface AnswerForm {
  readonly body: string;
  readonly key: string;
  readonly error: string;
}

/**
 * The question page, also answered by a refused answer (with its error). A representative gets the
 * answer form; the asker a button to accept each answer (the API checks both again).
 */
export async function renderQuestion(request: PageRequest, refused?: AnswerForm): Promise<PageResult> {
  {
    const { lang, params, session, query } = request;
    const w = words(lang);
    const { t, tc } = w;
    const answer = await api(
      `/questions/${encodeURIComponent(params.id ?? '')}`,
      session ? { token: session.token } : {},
    );
    if (answer.status === 404 || answer.status === 400) {
      return { status: 404, page: messagePage(tc('error.notFound.title'), tc('error.notFound.body')) };
    }
    if (answer.status !== 200) throw new Error(`The question answered ${answer.status}`);
    const q = answer.body as Question;
    const member = session?.roles.includes('member') ?? false;
    const here = pathIn(lang, questionPath(q.id));
    const hiddenNote = (h: Hidden | undefined) =>
      h ? html`<p>${tag(t('kn.q.hidden', { reason: h.reason ?? '' }), 'warning')}</p>` : '';
    return {
      ...(refused ? { status: 400 } : {}),
      page: {
        title: q.title,
        ...(refused ? { hasErrors: true } : {}),
        body: html`${backLink(pathIn(lang, '/knowledge/questions'), t('kn.q.back'))}
${questionDone(w, query.get('done'))}
${hiddenBanner(request)}
${refused ? errorSummary(tc('error.title'), [{ field: 'answer', message: refused.error }]) : ''}
<h1 class="heading heading--xl" dir="auto">${q.title}</h1>
${hiddenNote(q.hidden)}
<p class="knowledge-result__city">${t('kn.q.asked', { city: w.city(q.city), date: formatDate(tc, q.createdAt) })}</p>
<div dir="auto">${plainText(q.body)}</div>
${themeTags(w, q.themes)}
${q.hidden ? '' : hideControl(request, q.id, { kind: 'question' })}
<h2 class="heading heading--m">${t('kn.q.answers', { count: q.answers.filter((a) => !a.hidden).length })}</h2>
${q.answers.map(
  (
    a,
  ) => html`<article class="knowledge-answer${a.accepted ? ' knowledge-answer--accepted' : ''}" aria-labelledby="answer-${a.id}">
<h3 class="heading knowledge-answer__by" id="answer-${a.id}">${t('kn.q.answeredBy', {
    city: w.city(a.city),
    date: formatDate(tc, a.createdAt),
  })}</h3>
${a.accepted ? html`<p>${tag(t('kn.q.accepted'), 'done')}</p>` : ''}
${hiddenNote(a.hidden)}
<div dir="auto">${plainText(a.body)}</div>
${a.hidden ? '' : hideControl(request, q.id, { kind: 'answer', answerId: a.id })}
${
  q.askedByYou && !a.accepted && !a.hidden && !q.hidden
    ? html`<form method="post" action="${here}/answers/${encodeURIComponent(a.id)}/accept">${button(t('kn.answer.accept'), { secondary: true })}</form>`
    : ''
}
</article>`,
)}
${member && !q.hidden ? answerForm(request, here, refused) : ''}`,
      },
    };
  }
}

const DONE = ['asked', 'answered', 'accepted', 'conflict'] as const;

function questionDone(w: Words, done: string | null) {
  if (!done || !(DONE as readonly string[]).includes(done)) return '';
  const key = done as (typeof DONE)[number];
  return notificationBanner(w.t(`kn.q.done.${key}`), w.t(`kn.q.done.${key}.body`), key !== 'conflict');
}

/** The answer form of a representative; its key, made when it is shown, is the Idempotency-Key. */
function answerForm(request: PageRequest, here: string, refused?: AnswerForm) {
  const { t, tc } = words(request.lang);
  return html`<form method="post" action="${here}/answers" novalidate>
${hiddenFields({ key: refused?.key ?? randomUUID() })}
${textarea({
  id: 'answer',
  name: 'body',
  label: t('kn.answer.title'),
  hint: t('kn.answer.hint'),
  value: refused?.body ?? '',
  rows: 6,
  ...(refused ? { error: refused.error } : {}),
  errorPrefix: tc('error.prefix'),
})}
${button(t('kn.answer.submit'))}
</form>`;
}
