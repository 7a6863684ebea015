import type { Approval } from '../../approvals/approvals.ts';
import { html } from '../../emails/html.ts';
import { api } from '../api-client.ts';
import { notificationBanner, summaryList, tag } from '../components.ts';
import type { PageRoute } from '../server.ts';
import { type ConsoleT, cityBase, consolePage, consoleT, date, refused, secretariatOnly } from './views.ts';

export const approvalTag = (t: ConsoleT, status: Approval['status']) =>
  tag(
    t(`approval.${status}` as Parameters<ConsoleT>[0]),
    status === 'approved' ? 'done' : status === 'open' ? 'warning' : undefined,
  );

/**
 * A Full Membership vote as it stands: its tally, deadline and outcome, from one API call. While the
 * vote is open the page's script reloads the tally region now and then (each reload is this page again).
 */
export const votePage: PageRoute = {
  method: 'GET',
  path: '/console/votes/:approvalId',
  handle: async (request) => {
    const allowed = secretariatOnly(request);
    if ('result' in allowed) return allowed.result;
    const t = consoleT(request.lang);
    const answer = await api(`/approvals/${encodeURIComponent(request.params.approvalId ?? '')}`, {
      token: allowed.session.token,
    });
    if (answer.status !== 200) return refused(request, answer);
    const v = answer.body as Approval;
    const majority = Math.floor(v.tally.committeeSize / 2) + 1;
    const notYet = Math.max(0, v.tally.committeeSize - v.tally.approve - v.tally.reject);
    const title = t('vote.title', { city: v.cityName });
    return {
      page: consolePage(t, '/members', {
        title,
        body: html`${request.query.get('done') === 'started' ? notificationBanner(t('banner.done'), t('vote.started', { city: v.cityName })) : ''}
<a class="back-link" href="${cityBase(t, v.cityId)}">${v.cityName}</a>
<h1 class="heading heading--xl">${title}</h1>
<div class="console-live" data-live="${v.status === 'open' ? 'tally' : ''}" aria-live="polite">
${summaryList([
  { key: t('field.status'), value: approvalTag(t, v.status) },
  { key: t('field.openedAt'), value: date(t, v.openedAt, true) },
  { key: t('field.closesAt'), value: date(t, v.closesAt, true) },
  ...(v.closedAt ? [{ key: t('field.closedAt'), value: date(t, v.closedAt, true) }] : []),
  { key: t('vote.approve'), value: String(v.tally.approve) },
  { key: t('vote.reject'), value: String(v.tally.reject) },
  { key: t('vote.notYet'), value: String(notYet) },
  { key: t('vote.committeeSize'), value: String(v.tally.committeeSize) },
  { key: t('vote.majority'), value: v.tally.committeeSize > 0 ? String(majority) : '' },
])}
</div>
${v.status === 'open' ? html`<p class="hint">${t('vote.refreshHint')}</p>` : ''}`,
      }),
    };
  },
};
