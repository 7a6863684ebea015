import { html } from '../../emails/html.ts';
import { THEME_CODES } from '../../knowledge/themes.ts';
import { formatDate } from '../../shared/i18n.ts';
import { api } from '../api-client.ts';
import { backLink, button, pagination, select, tag } from '../components.ts';
import { pathIn } from '../layout.ts';
import { messagePage, type PageRoute } from '../server.ts';
import { isTheme, plainText, themeTags, words } from './views.ts';

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

const questionPath = (id: string) => `/knowledge/questions/${encodeURIComponent(id)}`;

/** `/<lang>/knowledge/questions`: the network's questions, newest first (`GET /questions`, one call), by theme. */
export const questionsPage: PageRoute = {
  method: 'GET',
  path: '/knowledge/questions',
  handle: async ({ lang, query }) => {
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
  handle: async ({ lang, params, session }) => {
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
    const hiddenNote = (h: Hidden | undefined) =>
      h ? html`<p>${tag(t('kn.q.hidden', { reason: h.reason ?? '' }), 'warning')}</p>` : '';
    return {
      page: {
        title: q.title,
        body: html`${backLink(pathIn(lang, '/knowledge/questions'), t('kn.q.back'))}
<h1 class="heading heading--xl" dir="auto">${q.title}</h1>
${hiddenNote(q.hidden)}
<p class="knowledge-result__city">${t('kn.q.asked', { city: w.city(q.city), date: formatDate(tc, q.createdAt) })}</p>
<div dir="auto">${plainText(q.body)}</div>
${themeTags(w, q.themes)}
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
</article>`,
)}`,
      },
    };
  },
};
