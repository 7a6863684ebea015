import type { Overview } from '../../approvals/overview.ts';
import { html } from '../../emails/html.ts';
import { api } from '../api-client.ts';
import { table } from '../components.ts';
import { pathIn } from '../layout.ts';
import type { PageRoute } from '../server.ts';
import {
  type ConsoleT,
  cityBase,
  consolePage,
  consolePath,
  consoleT,
  countryName,
  date,
  refused,
  regionName,
  secretariatOnly,
} from './views.ts';

const tally = (t: ConsoleT, v: Overview['votes']['items'][number]) =>
  t('vote.tally', { approve: v.tally.approve, reject: v.tally.reject, size: v.tally.committeeSize });

function section(id: string, title: string, body: unknown) {
  return html`<section class="console-section" aria-labelledby="${id}">
<h2 class="heading heading--m" id="${id}">${title}</h2>
${body}
</section>`;
}

const more = (href: string, label: string, shown: boolean) =>
  shown ? html`<p><a href="${href}">${label}</a></p>` : '';

/** The Secretariat's home: what needs doing, from one API call. */
export const consoleHome: PageRoute = {
  method: 'GET',
  path: '/console',
  handle: async (request) => {
    const allowed = secretariatOnly(request);
    if ('result' in allowed) return allowed.result;
    const t = consoleT(request.lang);
    const answer = await api('/secretariat/overview', { token: allowed.session.token });
    if (answer.status !== 200) return refused(request, answer);
    const o = answer.body as Overview;

    const applications =
      o.applications.items.length === 0
        ? html`<p class="body">${t('overview.applications.none')}</p>`
        : table({
            caption: t('overview.applications.title'),
            head: [t('field.city'), t('field.country'), t('field.region'), t('field.submittedAt')],
            rows: o.applications.items.map((a) => [
              html`<a href="${cityBase(t, a.id)}">${a.city.name}</a>`,
              countryName(t, a.city.country),
              regionName(t, a.city.region),
              date(t, a.submittedAt),
            ]),
          });
    const votes =
      o.votes.items.length === 0
        ? html`<p class="body">${t('overview.votes.none')}</p>`
        : table({
            caption: t('overview.votes.title'),
            head: [t('field.city'), t('field.closesAt'), t('field.tally')],
            rows: o.votes.items.map((v) => [
              html`<a href="${consolePath(t.lang, `/votes/${encodeURIComponent(v.id)}`)}">${v.cityName}</a>`,
              date(t, v.closesAt, true),
              tally(t, v),
            ]),
          });
    const overdue =
      o.overdueRequests.items.length === 0
        ? html`<p class="body">${t('overview.overdue.none')}</p>`
        : table({
            caption: t('overview.overdue.title'),
            head: [
              t('field.request'),
              t('field.city'),
              t('field.service'),
              t('field.district'),
              t('field.dueAt'),
              t('field.official'),
            ],
            rows: o.overdueRequests.items.map((r) => [
              html`<a href="${pathIn(t.lang, `/requests/${encodeURIComponent(r.id)}`)}">${r.id}</a>`,
              r.cityName,
              r.serviceName,
              r.district,
              date(t, r.expectedAt, true),
              r.assignedTo ? `${r.assignedTo.name}, ${r.assignedTo.title}` : t('overview.overdue.nobody'),
            ]),
          });
    const emails =
      o.failedEmails.items.length === 0
        ? html`<p class="body">${t('overview.emails.none')}</p>`
        : table({
            caption: t('overview.emails.title'),
            head: [
              t('field.to'),
              t('field.subject'),
              t('field.writtenAt'),
              t('field.tries'),
              t('field.error'),
            ],
            rows: o.failedEmails.items.map((e) => [
              e.to.join(', '),
              e.subject,
              date(t, e.createdAt, true),
              String(e.attempts),
              e.lastError ?? t('overview.emails.notTried'),
            ]),
          });

    return {
      page: consolePage(t, '', {
        title: t('overview.title'),
        body: html`<h1 class="heading heading--xl">${t('overview.title')}</h1>
<p class="lead">${t('overview.lead')}</p>
${section('applications', t('overview.applications.title'), html`${applications}${more(`${consolePath(t.lang, '/applications')}`, t('overview.applications.all'), o.applications.more)}`)}
${section('votes', t('overview.votes.title'), votes)}
${section('overdue', t('overview.overdue.title'), html`${overdue}${o.overdueRequests.more ? html`<p class="body">${t('overview.overdue.more')}</p>` : ''}`)}
${section('emails', t('overview.emails.title'), html`<p class="hint">${t('overview.emails.hint')}</p>${emails}${o.failedEmails.more ? html`<p class="body">${t('overview.emails.more')}</p>` : ''}`)}`,
      }),
    };
  },
};
