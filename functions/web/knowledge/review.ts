import { html } from '../../emails/html.ts';
import { formatDate } from '../../shared/i18n.ts';
import { api } from '../api-client.ts';
import { backLink, table, tag } from '../components.ts';
import { pathIn } from '../layout.ts';
import type { PageRequest, PageResult, PageRoute } from '../server.ts';
import { requireRole } from '../server.ts';
import { practicePath, renderPractice } from './practice.ts';
import { words } from './views.ts';

interface Waiting {
  readonly id: string;
  readonly status: string;
  readonly change?: string;
  readonly city: { readonly name: string; readonly country: string };
  readonly language: string;
  readonly title: string;
  readonly submittedAt?: string;
}

const REASON_MAX = 2000;

/** `/<lang>/knowledge/review`: what waits for the Secretariat, oldest first (`GET /review/practices`). */
const queuePage: PageRoute = {
  method: 'GET',
  path: '/knowledge/review',
  handle: async (request) => {
    const allowed = requireRole(request, ['secretariat']);
    if ('result' in allowed) return allowed.result;
    const w = words(request.lang);
    const { t, tc } = w;
    const answer = await api('/review/practices?limit=100', { token: allowed.session.token });
    if (answer.status !== 200) throw new Error(`The review queue answered ${answer.status}`);
    const { items } = answer.body as { items: Waiting[] };
    const link = (p: Waiting) =>
      `${pathIn(request.lang, practicePath(p.id))}${p.status === 'published' ? '?version=working' : ''}`;
    return {
      page: {
        title: t('kn.queue.title'),
        body: html`${backLink(pathIn(request.lang, '/knowledge'), t('kn.back'))}
<h1 class="heading heading--xl">${t('kn.queue.title')}</h1>
<p class="lead">${t('kn.queue.lead')}</p>
${
  items.length === 0
    ? html`<p class="body">${t('kn.queue.none')}</p>`
    : table({
        caption: t('kn.queue.caption'),
        head: [t('kn.queue.practice'), t('kn.queue.city'), t('kn.queue.state'), t('kn.queue.submitted')],
        rows: items.map((p) => [
          html`<a href="${link(p)}" lang="${p.language}">${p.title}</a>`,
          w.city(p.city),
          p.status === 'published'
            ? tag(t('kn.queue.change'), 'warning')
            : tag(t('kn.status.in_review'), 'warning'),
          p.submittedAt ? formatDate(tc, p.submittedAt) : '',
        ]),
      })
}`,
      },
    };
  },
};

/** A review step's answer: back to the practice with a banner saying what happened. */
async function step(
  request: PageRequest,
  name: 'publish' | 'return' | 'submit',
  json?: unknown,
): Promise<PageResult> {
  const id = request.params.id ?? '';
  const answer = await api(`/practices/${encodeURIComponent(id)}/${name}`, {
    method: 'POST',
    token: request.session?.token as string,
    ...(json ? { json } : {}),
  });
  const back = pathIn(request.lang, practicePath(id));
  if (answer.status === 200) {
    const done = { publish: 'published', return: 'returned', submit: 'submitted' }[name];
    return { redirect: `${back}?done=${done}` };
  }
  // Another reviewer or an edit came first (409), or the practice is no longer the caller's to act on.
  if (answer.status === 409 || answer.status === 403 || answer.status === 404)
    return { redirect: `${back}?done=conflict` };
  throw new Error(`The ${name} answered ${answer.status}`);
}

const publishAction: PageRoute = {
  method: 'POST',
  path: '/knowledge/practices/:id/publish',
  handle: async (request) => {
    const allowed = requireRole(request, ['secretariat']);
    return 'result' in allowed ? allowed.result : step(request, 'publish');
  },
};

const returnAction: PageRoute = {
  method: 'POST',
  path: '/knowledge/practices/:id/return',
  handle: async (request) => {
    const allowed = requireRole(request, ['secretariat']);
    if ('result' in allowed) return allowed.result;
    const { t } = words(request.lang);
    const raw = request.form.reason;
    const reason = (typeof raw === 'string' ? raw : '').trim();
    // Refused on the page first, in its language; the practice is shown again with the error.
    if (!reason) return renderPractice(request, { reason, error: t('kn.review.reasonEmpty') });
    if (reason.length > REASON_MAX)
      return renderPractice(request, { reason, error: t('kn.review.reasonLong', { max: REASON_MAX }) });
    return step(request, 'return', { reason });
  },
};

const submitAction: PageRoute = {
  method: 'POST',
  path: '/knowledge/practices/:id/submit',
  handle: async (request) => {
    const allowed = requireRole(request, ['member']);
    return 'result' in allowed ? allowed.result : step(request, 'submit');
  },
};

export const reviewPages = [queuePage, publishAction, returnAction, submitAction];
