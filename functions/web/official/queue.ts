import { html, type SafeHtml } from '../../emails/html.ts';
import { formatDate, translator } from '../../shared/i18n.ts';
import { api } from '../api-client.ts';
import {
  type Choice,
  errorSummary,
  type FieldError,
  notificationBanner,
  pagination,
  select,
  table,
  tag,
  textInput,
} from '../components.ts';
import { type PageRequest, type PageResult, type PageRoute, requireRole } from '../server.ts';
import { common } from '../shell/messages.ts';
import { official, type OfficialTranslator as Translator } from './messages.ts';
import { type CivicRequest, isOverdue, queuePath, requestPath } from './model.ts';
import { apiFailure, statusLabel, statusTag } from './views.ts';

/** The status filter of the page: `open` unless the official asks for another; `all` sends none. */
const STATUS_FILTERS = ['open', 'all', 'assigned', 'in_progress', 'resolved', 'closed'] as const;
const PAGE_SIZE = 25;
/** Reference ids are short Crockford base32: anything else in the link is ignored. */
const REFERENCE = /^[0-9A-Z]{6,32}$/;

interface Filters {
  readonly status: string;
  readonly service: string;
  readonly district: string;
}

/** The official's queue: their requests, overdue first, filtered by what the URL says (a GET form). */
export const queuePage: PageRoute = {
  method: 'GET',
  path: '/official',
  handle: async (request) => {
    const allowed = requireRole(request, ['official']);
    if ('result' in allowed) return allowed.result;
    const { token } = allowed.session;
    const t = translator(request.lang, official);
    const q = request.query;
    const filters: Filters = {
      status: q.get('status') || 'open',
      service: q.get('service') ?? '',
      district: q.get('district') ?? '',
    };
    const cursor = q.get('cursor') || undefined;
    const errors: FieldError[] = [];
    if (!(STATUS_FILTERS as readonly string[]).includes(filters.status))
      errors.push({ field: 'status', message: t('queue.error.status') });

    const handedOver = q.get('handedOver') ?? '';
    const [answer, banner] = await Promise.all([
      errors.length > 0 ? undefined : api(`/officials/me/requests?${apiQuery(filters, cursor)}`, { token }),
      REFERENCE.test(handedOver) ? handOverBanner(t, handedOver) : undefined,
    ]);
    let items: CivicRequest[] = [];
    let nextCursor: string | undefined;
    if (answer?.status === 200) {
      items = answer.body.items;
      nextCursor = answer.body.nextCursor;
    } else if (answer?.status === 400) {
      for (const e of answer.body?.errors ?? []) errors.push(queryError(t, String(e.path)));
    } else if (answer) {
      return apiFailure(request, answer.status);
    }
    const services = await serviceChoices(t, token, items, filters);
    return page(request, t, { filters, cursor, items, nextCursor, errors, services, banner });
  },
};

function apiQuery(filters: Filters, cursor: string | undefined): string {
  const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (filters.status !== 'all') params.set('status', filters.status);
  if (filters.service) params.set('service', filters.service);
  if (filters.district.trim()) params.set('district', filters.district.trim());
  if (cursor) params.set('cursor', cursor);
  return params.toString();
}

/** A 400 of the queue names the query parameter it refused: the field of the same name. */
function queryError(t: Translator, path: string): FieldError {
  if (path.endsWith('service')) return { field: 'service', message: t('queue.error.service') };
  if (path.endsWith('district')) return { field: 'district', message: t('queue.error.district') };
  if (path.endsWith('cursor')) return { field: 'status', message: t('queue.error.cursor') };
  return { field: 'status', message: t('queue.error.status') };
}

/**
 * The matters to filter by: the services of the official's cities (those of the requests listed, or of
 * their first request when the filters leave none), labelled with the city when there are several.
 */
async function serviceChoices(
  t: Translator,
  token: string,
  items: readonly CivicRequest[],
  filters: Filters,
): Promise<Choice[]> {
  let seen = items;
  if (seen.length === 0) {
    const probe = await api('/officials/me/requests?limit=1', { token });
    seen = probe.status === 200 ? probe.body.items : [];
  }
  const cities = new Map(seen.map((r) => [r.cityId, r.cityName]));
  const lists = await Promise.all(
    [...cities].slice(0, 5).map(async ([id, name]) => {
      const answer = await api(`/cities/${encodeURIComponent(id)}/services`);
      const services: { code: string; name: string }[] = answer.status === 200 ? answer.body.services : [];
      return services.map((s) => ({
        value: s.code,
        label: cities.size > 1 ? t('queue.filter.service.inCity', { service: s.name, city: name }) : s.name,
      }));
    }),
  );
  const choices = lists.flat();
  // A matter chosen earlier stays chosen even when no city lists it any more.
  if (filters.service && !choices.some((c) => c.value === filters.service))
    choices.push({ value: filters.service, label: filters.service });
  return choices;
}

/** After a hand-over: who has the request now, from its public page (nothing in the link is shown). */
async function handOverBanner(t: Translator, id: string): Promise<SafeHtml | undefined> {
  const answer = await api(`/requests/${id}`);
  const to = answer.status === 200 ? (answer.body as CivicRequest).assignedTo : undefined;
  if (!to) return undefined;
  return notificationBanner(
    t('queue.handedOver.title'),
    t('queue.handedOver.body', { id, name: to.name, title: to.title }),
  );
}

function page(
  request: PageRequest,
  t: Translator,
  p: {
    filters: Filters;
    cursor: string | undefined;
    items: readonly CivicRequest[];
    nextCursor: string | undefined;
    errors: readonly FieldError[];
    services: readonly Choice[];
    banner: SafeHtml | undefined;
  },
): PageResult {
  const { lang } = request;
  const tc = translator(lang, common);
  const errorOf = (id: string) => p.errors.find((e) => e.field === id)?.message;
  const filtersQuery = new URLSearchParams(
    Object.entries(p.filters).filter(([k, v]) => v !== '' && !(k === 'status' && v === 'open')),
  );
  const link = (cursor?: string) => {
    const params = new URLSearchParams(filtersQuery);
    if (cursor) params.set('cursor', cursor);
    return `${queuePath(lang)}${params.size > 0 ? `?${params}` : ''}`;
  };
  const statusChoices: Choice[] = STATUS_FILTERS.map((s) => ({
    value: s,
    label:
      s === 'open'
        ? t('queue.filter.status.open')
        : s === 'all'
          ? t('queue.filter.status.all')
          : statusLabel(t, s),
  }));
  const now = new Date();
  const rows = p.items.map((r) => [
    html`<a href="${requestPath(lang, r.id)}" class="reference">${r.id}</a>`,
    html`${r.serviceName}<span class="queue__description" dir="auto">${excerpt(r.description)}</span>`,
    html`${r.district}${r.address ? html`<span class="queue__address">${r.address}</span>` : ''}`,
    statusTag(t, r.status),
    html`<span class="queue__due">${formatDate(t, r.expectedAt)}</span>${isOverdue(r, now) ? html` ${tag(t('tag.overdue'), 'warning')}` : ''}`,
  ]);
  const failed = p.errors.length > 0;
  const body = html`${p.banner ?? ''}
${errorSummary(tc('error.title'), p.errors)}
<h1 class="heading">${t('queue.title')}</h1>
<p class="lead">${t('queue.lead')}</p>
<form class="queue-filters" method="get" action="${queuePath(lang)}" novalidate>
<fieldset class="fieldset">
<legend class="legend">${t('queue.filters')}</legend>
<div class="queue-filters__fields">
${select({ id: 'status', label: t('queue.filter.status'), choices: statusChoices, value: p.filters.status, error: errorOf('status'), errorPrefix: tc('error.prefix') })}
${select({ id: 'service', label: t('queue.filter.service'), placeholder: t('queue.filter.service.all'), choices: p.services, value: p.filters.service, error: errorOf('service'), errorPrefix: tc('error.prefix') })}
${textInput({ id: 'district', label: t('queue.filter.district'), hint: t('queue.filter.district.hint'), value: p.filters.district, error: errorOf('district'), errorPrefix: tc('error.prefix') })}
</div>
<button class="button" type="submit">${t('queue.filter.apply')}</button>
<a class="queue-filters__clear" href="${queuePath(lang)}">${t('queue.filter.clear')}</a>
</fieldset>
</form>
${
  failed
    ? ''
    : p.items.length === 0
      ? html`<p class="body queue__empty">${t('queue.empty')}</p>`
      : html`<div class="queue" role="region" aria-label="${t('queue.table.caption')}" tabindex="0">${table({
          caption: t('queue.table.caption'),
          head: [
            t('queue.col.reference'),
            t('queue.col.matter'),
            t('queue.col.where'),
            t('queue.col.status'),
            t('queue.col.due'),
          ],
          rows,
        })}</div>`
}
${!failed && p.nextCursor && p.items.length < PAGE_SIZE ? html`<p class="body">${t('queue.more')}</p>` : ''}
${pagination({
  label: t('queue.pages'),
  ...(p.cursor ? { previous: { href: link(), label: t('queue.first') } } : {}),
  ...(!failed && p.nextCursor ? { next: { href: link(p.nextCursor), label: t('queue.next') } } : {}),
})}`;
  return {
    status: failed ? 400 : 200,
    page: { title: t('queue.title'), body, hasErrors: failed, scripts: ['official'] },
  };
}

/** The start of a description, on one line. */
function excerpt(text: string, max = 90): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
