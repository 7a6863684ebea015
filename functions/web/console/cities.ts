import { iso31661 } from 'iso-3166';
import { html, type SafeHtml } from '../../emails/html.ts';
import type { Application, MembershipStatus } from '../../membership/application.ts';
import type { SignedFormLink } from '../../membership/signed-form.ts';
import type { AuditEvent } from '../../membership/store.ts';
import { translator } from '../../shared/i18n.ts';
import { api } from '../api-client.ts';
import { fileSize } from '../apply/file-size.ts';
import {
  button,
  errorSummary,
  type FieldError,
  notificationBanner,
  select,
  summaryList,
  table,
  textarea,
} from '../components.ts';
import type { PageRequest, PageRoute } from '../server.ts';
import { signedFormMessages } from './signed-form-messages.ts';
import {
  type ConsoleT,
  cityBase,
  cityTabs,
  consolePage,
  consolePath,
  consoleT,
  countryName,
  date,
  field,
  fieldErrors,
  nextPageLink,
  refused,
  regionName,
  secretariatOnly,
  statusTag,
} from './views.ts';

const REGIONS = ['asia', 'europe', 'africa', 'americas', 'middle-east', 'oceania'] as const;
const APPLICATION_STATUSES = ['submitted', 'rejected'] as const;
const MEMBER_STATUSES = ['associate', 'full_pending', 'full', 'withdrawn'] as const;
const MEMBERS = new Set<string>(['associate', 'full_pending', 'full']);

interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor?: string;
}

/**
 * A list of cities in one status (applications, or members with a region and a country): the filters
 * are a GET form, so a filtered list can be bookmarked, and the list is one API call.
 */
function listRoute(kind: 'applications' | 'members'): PageRoute {
  const statuses: readonly string[] = kind === 'applications' ? APPLICATION_STATUSES : MEMBER_STATUSES;
  return {
    method: 'GET',
    path: `/console/${kind}`,
    handle: async (request) => {
      const allowed = secretariatOnly(request);
      if ('result' in allowed) return allowed.result;
      const t = consoleT(request.lang);
      const q = request.query;
      const status = statuses.includes(q.get('status') ?? '') ? (q.get('status') as string) : statuses[0];
      const region = (REGIONS as readonly string[]).includes(q.get('region') ?? '') ? q.get('region') : '';
      const country = kind === 'members' ? (q.get('country') ?? '').trim().toUpperCase() : '';
      const apiQuery = new URLSearchParams({ status: String(status) });
      if (kind === 'members' && region) apiQuery.set('region', region);
      if (country) apiQuery.set('country', country);
      const cursor = q.get('cursor');
      if (cursor) apiQuery.set('cursor', cursor);
      const answer = await api(`/applications?${apiQuery}`, { token: allowed.session.token });
      const errors: FieldError[] =
        answer.status === 400
          ? fieldErrors(
              answer,
              (path) =>
                path === 'query.country'
                  ? { field: 'country', message: t('members.country.error') }
                  : undefined,
              { field: 'status', message: t('list.error') },
            )
          : [];
      if (answer.status !== 200 && answer.status !== 400) return refused(request, answer);
      const page = (answer.status === 200 ? answer.body : { items: [] }) as Page<Application>;
      const title = t(kind === 'applications' ? 'applications.title' : 'members.title');
      const errorOf = (id: string) => errors.find((e) => e.field === id)?.message;
      const filters = html`<form class="console-filters" method="get" action="${consolePath(t.lang, `/${kind}`)}">
${select({
  id: 'status',
  label: t('field.status'),
  errorPrefix: t('error.prefix'),
  value: String(status),
  choices: statuses.map((s) => ({ value: s, label: t(`status.${s}` as Parameters<ConsoleT>[0]) })),
})}
${
  kind === 'members'
    ? html`${select({
        id: 'region',
        label: t('field.region'),
        errorPrefix: t('error.prefix'),
        value: region ?? '',
        placeholder: t('members.anyRegion'),
        choices: REGIONS.map((r) => ({ value: r, label: regionName(t, r) })),
      })}${select({
        id: 'country',
        label: t('field.country'),
        errorPrefix: t('error.prefix'),
        value: country,
        placeholder: t('members.anyCountry'),
        ...(errorOf('country') ? { error: errorOf('country') } : {}),
        choices: iso31661
          .map((c) => ({ value: c.alpha2, label: countryName(t, c.alpha2) }))
          .sort((a, b) => a.label.localeCompare(b.label, t.locale)),
      })}`
    : ''
}
${button(t('list.filter'), { secondary: true })}
</form>`;
      const rows = page.items.map((a) => [
        html`<a href="${cityBase(t, a.id)}">${a.city.name}</a>`,
        countryName(t, a.city.country),
        regionName(t, a.city.region),
        statusTag(t, a.status),
        date(t, kind === 'applications' ? a.submittedAt : (a.memberSince ?? a.updatedAt)),
      ]);
      const list =
        rows.length === 0
          ? html`<p class="body">${t('list.none')}</p>`
          : table({
              caption: title,
              head: [
                t('field.city'),
                t('field.country'),
                t('field.region'),
                t('field.status'),
                t(kind === 'applications' ? 'field.submittedAt' : 'field.memberSince'),
              ],
              rows,
            });
      const shown = new URLSearchParams(
        Object.entries({
          status: String(status),
          region: region ?? '',
          country,
          cursor: cursor ?? '',
        }).filter(([, v]) => v),
      );
      return {
        ...(errors.length > 0 ? { status: 400 } : {}),
        page: consolePage(t, `/${kind}`, {
          title,
          hasErrors: errors.length > 0,
          body: html`${errorSummary(t('error.title'), errors)}
<h1 class="heading heading--xl">${title}</h1>
${filters}
${list}
${nextPageLink(t, consolePath(t.lang, `/${kind}`), shown, page.nextCursor)}`,
        }),
      };
    },
  };
}

export const applicationsList = listRoute('applications');
export const membersList = listRoute('members');

/** What the city page says after an action, and when one was refused. */
const DONE = ['accepted', 'rejected', 'withdrawn'] as const;
const FAILED = ['accept', 'vote'] as const;

/** The application as the Secretariat's view answers it: with a 5-minute link to its signed form. */
type ReviewedApplication = Application & { readonly signedForm?: SignedFormLink };

/** The signed form's link: the API signs a new one for each view, so the page says to reload it. */
function signedFormFacts(t: ConsoleT, form: SignedFormLink | undefined): SafeHtml {
  if (!form) return html`<p class="body" data-signed-form>${t('city.signedForm.none')}</p>`;
  const words = translator(t.lang, signedFormMessages);
  return html`<p class="body" data-signed-form><a href="${form.downloadUrl}" rel="noreferrer">${words('city.signedForm.download', { size: fileSize(t, form.size) })}</a></p>
<p class="hint">${words('city.signedForm.uploaded', { date: date(t, form.uploadedAt) })}</p>`;
}

function cityFacts(t: ConsoleT, a: ReviewedApplication): SafeHtml {
  const yesNo = (v: boolean) => t(v ? 'answer.yes' : 'answer.no');
  const website = a.city.website
    ? html`<a href="${a.city.website}" rel="noopener noreferrer">${a.city.website}</a>`
    : '';
  return html`<h2 class="heading heading--m">${t('city.section.city')}</h2>
${summaryList([
  { key: t('field.city'), value: a.city.name },
  { key: t('field.country'), value: countryName(t, a.city.country) },
  { key: t('field.region'), value: regionName(t, a.city.region) },
  { key: t('field.population'), value: new Intl.NumberFormat(t.locale).format(a.city.population) },
  { key: t('field.website'), value: website },
])}
<h2 class="heading heading--m">${t('city.section.mayor')}</h2>
${summaryList([
  { key: t('field.name'), value: a.mayor.name },
  { key: t('field.officeEmail'), value: a.mayor.officeEmail },
])}
<h2 class="heading heading--m">${t('city.section.signatory')}</h2>
${summaryList([
  { key: t('field.name'), value: a.signatory.name },
  { key: t('field.title'), value: a.signatory.title },
  { key: t('field.isMayor'), value: yesNo(a.signatory.isMayor) },
  { key: t('field.signedOn'), value: date(t, a.signatory.signedOn) },
])}
<h2 class="heading heading--m">${t('city.section.signedForm')}</h2>
${signedFormFacts(t, a.signedForm)}
<h2 class="heading heading--m">${t('city.section.contact')}</h2>
${summaryList([
  { key: t('field.name'), value: a.contact.name },
  { key: t('field.email'), value: a.contact.email },
  { key: t('field.phone'), value: a.contact.phone ?? '' },
])}
<h2 class="heading heading--m">${t('city.section.motivation')}</h2>
<div class="console-quote" dir="auto">${a.motivation}</div>`;
}

function statusFacts(t: ConsoleT, a: Application): SafeHtml {
  const rows = [
    { key: t('field.status'), value: statusTag(t, a.status) },
    { key: t('field.submittedAt'), value: date(t, a.submittedAt, true) },
    ...(a.memberSince ? [{ key: t('field.memberSince'), value: date(t, a.memberSince) }] : []),
    ...(a.fullMemberSince ? [{ key: t('field.fullMemberSince'), value: date(t, a.fullMemberSince) }] : []),
    ...(a.rejectionReason ? [{ key: t('field.rejectionReason'), value: a.rejectionReason }] : []),
    ...(a.withdrawalReason ? [{ key: t('field.withdrawalReason'), value: a.withdrawalReason }] : []),
  ];
  return summaryList(rows);
}

/** The actions the city's status allows; each is a form or a page of its own. */
function actions(t: ConsoleT, a: Application): SafeHtml {
  const base = cityBase(t, a.id);
  const parts: SafeHtml[] = [];
  if (a.status === 'submitted') {
    parts.push(html`<form method="post" action="${base}/accept">${button(t('city.accept'))}</form>`);
    parts.push(html`<a class="button button--secondary" href="${base}/reject">${t('city.reject')}</a>`);
  }
  if (a.status === 'associate') {
    parts.push(
      html`<form method="post" action="${base}/full-membership">${button(t('city.startVote'))}</form>`,
    );
  }
  if (a.status === 'full_pending' && a.approvalId) {
    parts.push(
      html`<a class="button" href="${consolePath(t.lang, `/votes/${encodeURIComponent(a.approvalId)}`)}">${t('city.watchVote')}</a>`,
    );
  }
  if (a.status !== 'rejected' && a.status !== 'withdrawn') {
    parts.push(html`<a class="button button--secondary" href="${base}/withdraw">${t('city.withdraw')}</a>`);
  }
  if (parts.length === 0) return html``;
  return html`<h2 class="heading heading--m">${t('city.actions')}</h2>
<div class="console-actions">${parts}</div>`;
}

function history(t: ConsoleT, events: readonly AuditEvent[]): SafeHtml {
  const status = (s: MembershipStatus | null) => (s ? t(`status.${s}` as Parameters<ConsoleT>[0]) : '');
  return html`<h2 class="heading heading--m" id="history">${t('city.history')}</h2>
${table({
  caption: t('city.history'),
  head: [t('field.at'), t('field.by'), t('field.change'), t('field.note')],
  rows: events.map((e) => [
    date(t, e.at, true),
    e.actor,
    e.from ? t('city.history.move', { from: status(e.from), to: status(e.to) }) : status(e.to),
    e.note ?? '',
  ]),
})}`;
}

/** A city, whatever its status: every field, its history, and what can be done now. Two API calls. */
export const cityPage: PageRoute = {
  method: 'GET',
  path: '/console/cities/:id',
  handle: async (request) => {
    const allowed = secretariatOnly(request);
    if ('result' in allowed) return allowed.result;
    const t = consoleT(request.lang);
    const id = encodeURIComponent(request.params.id ?? '');
    const token = allowed.session.token;
    const [app, events] = await Promise.all([
      api(`/applications/${id}`, { token }),
      api(`/applications/${id}/history?limit=100`, { token }),
    ]);
    if (app.status !== 200) return refused(request, app);
    if (events.status !== 200) return refused(request, events);
    const a = app.body as ReviewedApplication;
    const done = DONE.find((d) => d === request.query.get('done'));
    const failed = FAILED.find((f) => f === request.query.get('failed'));
    const banner = done
      ? notificationBanner(t('banner.done'), t(`city.done.${done}`, { city: a.city.name }))
      : failed
        ? notificationBanner(
            t('error.title'),
            html`${t(`city.failed.${failed}`, { city: a.city.name })}${
              failed === 'vote'
                ? html` <a href="${consolePath(t.lang, '/committee')}">${t('city.failed.roster')}</a>`
                : ''
            }`,
            false,
          )
        : '';
    return {
      page: consolePage(
        t,
        a.status === 'submitted' || a.status === 'rejected' ? '/applications' : '/members',
        {
          title: a.city.name,
          body: html`${banner}
<span class="caption">${t(MEMBERS.has(a.status) ? 'city.caption.member' : 'city.caption.application')}</span>
<h1 class="heading heading--xl">${a.city.name}</h1>
${MEMBERS.has(a.status) ? cityTabs(t, a.id, '') : ''}
${statusFacts(t, a)}
${a.status === 'withdrawn' ? html`<p class="body" data-no-rights><a href="${cityBase(t, a.id)}/representatives">${t('city.tab.representatives')}</a>: ${t('reps.withdrawn', { city: a.city.name })}</p>` : ''}
${actions(t, a)}
${cityFacts(t, a)}
${history(t, (events.body as Page<AuditEvent>).items)}`,
        },
      ),
    };
  },
};

/** Accepting needs no more than the button: the API's answer decides, and the city page says it. */
export const acceptApplication: PageRoute = {
  method: 'POST',
  path: '/console/cities/:id/accept',
  handle: async (request) => {
    const allowed = secretariatOnly(request);
    if ('result' in allowed) return allowed.result;
    const t = consoleT(request.lang);
    const id = request.params.id ?? '';
    const answer = await api(`/applications/${encodeURIComponent(id)}/accept`, {
      method: 'POST',
      token: allowed.session.token,
    });
    if (answer.status === 200) return { redirect: `${cityBase(t, id)}?done=accepted` };
    if (answer.status === 409) return { redirect: `${cityBase(t, id)}?failed=accept` };
    return refused(request, answer);
  },
};

/** Starting the vote: on to the vote's page, where the tally can be watched. */
export const startVote: PageRoute = {
  method: 'POST',
  path: '/console/cities/:id/full-membership',
  handle: async (request) => {
    const allowed = secretariatOnly(request);
    if ('result' in allowed) return allowed.result;
    const t = consoleT(request.lang);
    const id = request.params.id ?? '';
    const answer = await api(`/members/${encodeURIComponent(id)}/full-membership`, {
      method: 'POST',
      token: allowed.session.token,
    });
    if (answer.status === 202) {
      return {
        redirect: `${consolePath(t.lang, `/votes/${encodeURIComponent(answer.body.approvalId)}`)}?done=started`,
      };
    }
    if (answer.status === 409) return { redirect: `${cityBase(t, id)}?failed=vote` };
    return refused(request, answer);
  },
};

/**
 * Rejecting or withdrawing takes a reason, on a page of its own: the form, then the API's answer. A
 * refused reason is shown with the form again (the city read again for its name: two calls).
 */
function reasonPage(action: 'reject' | 'withdraw'): PageRoute[] {
  const path = `/console/cities/:id/${action}`;
  const render = async (
    request: PageRequest,
    token: string,
    refusal?: { typed: string; errors: FieldError[]; status: 400 | 409 },
  ) => {
    const errors = refusal?.errors ?? [];
    const t = consoleT(request.lang);
    const id = request.params.id ?? '';
    const app = await api(`/applications/${encodeURIComponent(id)}`, { token });
    if (app.status !== 200) return refused(request, app);
    const a = app.body as Application;
    const title = t(`${action}.title`, { city: a.city.name });
    const error = errors.find((e) => e.field === 'reason')?.message;
    return {
      ...(refusal ? { status: refusal.status } : {}),
      page: consolePage(t, action === 'reject' ? '/applications' : '/members', {
        title,
        hasErrors: errors.length > 0,
        body: html`<a class="back-link" href="${cityBase(t, id)}">${t('form.back')}</a>
${errorSummary(t('error.title'), errors)}
<form method="post" action="${cityBase(t, id)}/${action}" novalidate>
${textarea({
  id: 'reason',
  label: title,
  isPageHeading: true,
  hint: t(`${action}.hint`),
  errorPrefix: t('error.prefix'),
  value: refusal?.typed ?? '',
  rows: 6,
  maxlength: 2000,
  ...(error ? { error } : {}),
})}
${button(t(`${action}.button`))}
</form>`,
      }),
    };
  };
  return [
    {
      method: 'GET',
      path,
      handle: async (request) => {
        const allowed = secretariatOnly(request);
        if ('result' in allowed) return allowed.result;
        return render(request, allowed.session.token);
      },
    },
    {
      method: 'POST',
      path,
      handle: async (request) => {
        const allowed = secretariatOnly(request);
        if ('result' in allowed) return allowed.result;
        const t = consoleT(request.lang);
        const id = request.params.id ?? '';
        const reason = field(request.form, 'reason');
        const apiPath =
          action === 'reject'
            ? `/applications/${encodeURIComponent(id)}/reject`
            : `/members/${encodeURIComponent(id)}/withdraw`;
        const answer = await api(apiPath, { method: 'POST', token: allowed.session.token, json: { reason } });
        if (answer.status === 200) {
          return { redirect: `${cityBase(t, id)}?done=${action === 'reject' ? 'rejected' : 'withdrawn'}` };
        }
        if (answer.status === 400) {
          return render(request, allowed.session.token, {
            typed: reason,
            status: 400,
            errors: fieldErrors(answer, () => undefined, { field: 'reason', message: t('reason.error') }),
          });
        }
        if (answer.status === 409) {
          return render(request, allowed.session.token, {
            typed: reason,
            status: 409,
            errors: [{ field: 'reason', message: t(`${action}.conflict`) }],
          });
        }
        return refused(request, answer);
      },
    },
  ];
}

export const rejectPages = reasonPage('reject');
export const withdrawPages = reasonPage('withdraw');
