import { randomUUID } from 'node:crypto';
import { html } from '../../emails/html.ts';
import { formatDate } from '../../shared/i18n.ts';
import { api } from '../api-client.ts';
import {
  backLink,
  button,
  errorSummary,
  type FieldError,
  hiddenFields,
  notificationBanner,
  textarea,
} from '../components.ts';
import { pathIn } from '../layout.ts';
import { messagePage, type PageRequest, type PageResult, type PageRoute, requireRole } from '../server.ts';
import { startedBanner } from './network.ts';
import { plainText, words } from './views.ts';

interface Conversation {
  readonly id: string;
  readonly practiceId: string;
  readonly title: string;
  readonly city: string;
  readonly fromCity: string;
  readonly messages: readonly { at: string; from: string; city: string; body: string }[];
}

const MAX = 4000;
const pathOf = (id: string) => `/knowledge/conversations/${encodeURIComponent(id)}`;
const one = (v: string | readonly string[] | undefined) => (typeof v === 'string' ? v : '');

/**
 * `/<lang>/knowledge/conversations/{id}` (the contact relay's emails link here): the messages between a
 * city that wrote about a practice and that practice's city, for their representatives only (the API
 * answers anyone else 404), and a reply form. No address is shown: the relay emails the other side.
 * The form carries a key made when it was shown, sent as the Idempotency-Key: a second press of the
 * button or a resent form relays the reply once.
 */
async function show(
  request: PageRequest,
  token: string,
  form: { message?: string; key?: string; errors?: FieldError[] } = {},
): Promise<PageResult> {
  const { lang, params, query } = request;
  const w = words(lang);
  const { t, tc } = w;
  const answer = await api(`/conversations/${encodeURIComponent(params.id ?? '')}`, { token });
  if (answer.status === 404 || answer.status === 400 || answer.status === 403) {
    return { status: 404, page: messagePage(tc('error.notFound.title'), tc('error.notFound.body')) };
  }
  if (answer.status !== 200) throw new Error(`The conversation answered ${answer.status}`);
  const c = answer.body as Conversation;
  const errors = form.errors ?? [];
  return {
    ...(errors.length ? { status: 400 } : {}),
    page: {
      title: t('kn.conv.title', { title: c.title }),
      hasErrors: errors.length > 0,
      body: html`${backLink(pathIn(lang, `/knowledge/practices/${encodeURIComponent(c.practiceId)}`), t('kn.conv.practice'))}
${startedBanner(request)}
${query.get('sent') ? notificationBanner(t('kn.conv.sent'), t('kn.conv.sentBody')) : ''}
${errorSummary(tc('error.title'), errors)}
<h1 class="heading heading--xl">${t('kn.conv.title', { title: c.title })}</h1>
<p class="lead">${t('kn.conv.between', { from: c.fromCity, city: c.city })}</p>
${c.messages.map(
  (m, i) => html`<article class="knowledge-answer" aria-labelledby="message-${i}">
<h2 class="heading knowledge-answer__by" id="message-${i}">${t('kn.q.answeredBy', {
    city: m.city,
    date: formatDate(tc, m.at, true),
  })}</h2>
<div dir="auto">${plainText(m.body)}</div>
</article>`,
)}
<form method="post" action="${pathIn(lang, pathOf(c.id))}" novalidate>
${hiddenFields({ key: form.key ?? randomUUID() })}
${textarea({
  id: 'message',
  label: t('kn.conv.reply'),
  hint: t('kn.conv.replyHint'),
  value: form.message ?? '',
  rows: 6,
  ...(errors[0] ? { error: errors[0].message } : {}),
  errorPrefix: tc('error.prefix'),
})}
${button(t('kn.conv.send'))}
</form>`,
    },
  };
}

const conversationPage: PageRoute = {
  method: 'GET',
  path: '/knowledge/conversations/:id',
  handle: async (request) => {
    const allowed = requireRole(request, ['member']);
    return 'result' in allowed ? allowed.result : show(request, allowed.session.token);
  },
};

const replyAction: PageRoute = {
  method: 'POST',
  path: '/knowledge/conversations/:id',
  handle: async (request) => {
    const allowed = requireRole(request, ['member']);
    if ('result' in allowed) return allowed.result;
    const { t } = words(request.lang);
    const token = allowed.session.token;
    const message = one(request.form.message).trim();
    const key = one(request.form.key);
    const refused = (text: string) =>
      show(request, token, { message, key, errors: [{ field: 'message', message: text }] });
    if (!message) return refused(t('kn.conv.empty'));
    if (message.length > MAX) return refused(t('kn.conv.tooLong', { max: MAX }));
    const answer = await api(`/conversations/${encodeURIComponent(request.params.id ?? '')}/messages`, {
      method: 'POST',
      token,
      json: { message },
      ...(/^[\w-]{1,64}$/.test(key) ? { idempotencyKey: `reply-${key}` } : {}),
    });
    if (answer.status === 400) return refused(t('kn.conv.empty'));
    if (answer.status === 404 || answer.status === 403) return show(request, token);
    if (answer.status !== 201 && answer.status !== 200)
      throw new Error(`The reply answered ${answer.status}`);
    return { redirect: `${pathIn(request.lang, pathOf(request.params.id ?? ''))}?sent=1` };
  },
};

export const conversationPages = [conversationPage, replyAction];
