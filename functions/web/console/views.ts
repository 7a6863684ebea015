import { html, type SafeHtml } from '../../emails/html.ts';
import { formatDate, type Language, translator } from '../../shared/i18n.ts';
import type { ApiAnswer } from '../api-client.ts';
import { type FieldError, tag } from '../components.ts';
import { type PageContent, pathIn } from '../layout.ts';
import { type Form, messagePage, type PageRequest, type PageResult, requireRole } from '../server.ts';
import { common } from '../shell/messages.ts';
import { attributesMessages } from './attributes-messages.ts';
import { consoleMessages, vocabulary } from './messages.ts';
import { representativesMessages } from './representatives-messages.ts';

/** What the console's pages share: the translator, the console's own navigation, API answers shown. */
export const consoleT = (lang: Language) =>
  translator(lang, consoleMessages, attributesMessages, representativesMessages, vocabulary, common);
export type ConsoleT = ReturnType<typeof consoleT>;

/** The console is the Secretariat's: everyone else is told so (the API would answer 403 too). */
export function secretariatOnly(request: PageRequest) {
  return requireRole(request, ['secretariat']);
}

export const consolePath = (lang: Language, path = '') => pathIn(lang, `/console${path}`);

const SECTIONS = [
  ['', 'console.nav.overview'],
  ['/applications', 'console.nav.applications'],
  ['/members', 'console.nav.members'],
  ['/committee', 'console.nav.committee'],
] as const;

/** A console page: the console's navigation above the page's own content, and its script. */
export function consolePage(
  t: ConsoleT,
  active: (typeof SECTIONS)[number][0] | undefined,
  content: { title: string; body: SafeHtml; hasErrors?: boolean },
): PageContent {
  const nav = html`<nav class="console-nav" aria-label="${t('console.nav.label')}">
<ul>
${SECTIONS.map(
  ([path, key]) =>
    html`<li><a href="${consolePath(t.lang, path)}"${active === path ? html` aria-current="page"` : ''}>${t(key)}</a></li>`,
)}
</ul>
</nav>`;
  return {
    title: content.title,
    body: html`${nav}${content.body}`,
    scripts: ['console'],
    ...(content.hasErrors ? { hasErrors: true } : {}),
  };
}

/** The first value of a form field, as typed. */
export const field = (form: Form, name: string): string => {
  const value = form[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
};

export const date = (t: ConsoleT, value: string | undefined, withTime = false) =>
  value ? formatDate(t, value, withTime) : '';

/** Country names in the page's language, from the ISO code the API keeps. */
export function countryName(t: ConsoleT, code: string): string {
  try {
    return new Intl.DisplayNames([t.locale], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

const STATUS_TONE: Record<string, 'done' | 'warning' | undefined> = {
  submitted: 'warning',
  full_pending: 'warning',
  associate: 'done',
  full: 'done',
};

export const statusTag = (t: ConsoleT, status: string) =>
  tag(t(`status.${status}` as Parameters<ConsoleT>[0]), STATUS_TONE[status]);

export const regionName = (t: ConsoleT, region: string) => t(`region.${region}` as Parameters<ConsoleT>[0]);

/**
 * When the API refuses what a page reads: a 403 is "no access" and a 404 "not found", in the visitor's
 * language; anything else is the server's error page (the error is logged by the web function).
 */
export function refused(request: PageRequest, answer: ApiAnswer): PageResult {
  const t = consoleT(request.lang);
  if (answer.status === 403) {
    return {
      status: 403,
      page: messagePage(
        t('error.forbidden.title'),
        t('error.forbidden.body', { email: request.session?.email ?? '' }),
      ),
    };
  }
  if (answer.status === 404) {
    return { status: 404, page: messagePage(t('error.notFound.title'), t('error.notFound.body')) };
  }
  if (answer.status === 409) {
    return {
      status: 409,
      page: messagePage(t('problem.notMember.title'), t('problem.notMember.body')),
    };
  }
  throw new Error(`The API answered ${answer.status}`);
}

/**
 * The field errors of a 400, for the fields this page has: `fieldOf` maps the API's path (e.g.
 * `body.members.2.email`) to the page's field and its message. Errors of other paths fall back on
 * `general`, so a refusal is never silent.
 */
export function fieldErrors(
  answer: ApiAnswer,
  fieldOf: (path: string) => FieldError | undefined,
  general: FieldError,
): FieldError[] {
  const errors = (answer.body?.errors ?? []) as { path: string }[];
  const found = errors.map((e) => fieldOf(e.path) ?? general);
  const unique = [...new Map((found.length > 0 ? found : [general]).map((e) => [e.field, e])).values()];
  return unique;
}

/** A list's "next page" link, carrying the filters (cursors only go forward; the first page is a link away). */
export function nextPageLink(t: ConsoleT, base: string, query: URLSearchParams, nextCursor?: string) {
  if (!nextCursor) return '';
  const next = new URLSearchParams(query);
  next.set('cursor', nextCursor);
  const first = new URLSearchParams(query);
  first.delete('cursor');
  return html`<nav class="pagination" aria-label="${t('list.pages')}">
${query.has('cursor') ? html`<a class="pagination__link" href="${base}?${first}">${t('list.first')}</a>` : ''}
<a class="pagination__link" rel="next" href="${base}?${next}">${t('list.next')}</a>
</nav>`;
}

/** The tabs of a member city's pages in the console: the city, its CPS setup, Open311 keys, representatives. */
export function cityTabs(t: ConsoleT, cityId: string, active: string) {
  const tabs = [
    ['', t('city.tab.city')],
    ['/services', t('city.tab.services')],
    ['/officials', t('city.tab.officials')],
    ['/routing', t('city.tab.routing')],
    ['/open311-keys', t('city.tab.keys')],
    ['/representatives', t('city.tab.representatives')],
  ] as const;
  const base = consolePath(t.lang, `/cities/${encodeURIComponent(cityId)}`);
  return html`<nav class="console-tabs" aria-label="${t('city.tab.label')}">
<ul>
${tabs.map(
  ([path, label]) =>
    html`<li><a href="${base}${path}"${active === path ? html` aria-current="page"` : ''}>${label}</a></li>`,
)}
</ul>
</nav>`;
}

export const cityBase = (t: ConsoleT, cityId: string) =>
  consolePath(t.lang, `/cities/${encodeURIComponent(cityId)}`);
