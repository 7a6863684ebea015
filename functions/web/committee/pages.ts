import type { CommitteeVote } from '../../approvals/committee-votes.ts';
import { html, type SafeHtml } from '../../emails/html.ts';
import { formatDate, type Language, translator } from '../../shared/i18n.ts';
import { api } from '../api-client.ts';
import {
  errorSummary,
  type FieldError,
  notificationBanner,
  summaryList,
  tag,
  textarea,
} from '../components.ts';
import { vocabulary } from '../console/messages.ts';
import { pathIn } from '../layout.ts';
import { messagePage, type PageRequest, type PageResult, type PageRoute, requireRole } from '../server.ts';
import { common } from '../shell/messages.ts';
import { committeeMessages } from './messages.ts';

/**
 * The Executive Committee's pages (role `committee`): the open Full Membership votes, each with the
 * application and the member's own ballot, and voting from the page. The emailed ballot link
 * (/ballots/...) works as it always did; both record the same vote, once.
 */
const committeeT = (lang: Language) => translator(lang, committeeMessages, vocabulary, common);
type CommitteeT = ReturnType<typeof committeeT>;
type Key = Parameters<CommitteeT>[0];

const votePath = (lang: Language, approvalId: string) =>
  pathIn(lang, `/committee/votes/${encodeURIComponent(approvalId)}`);

function ballotTag(t: CommitteeT, v: CommitteeVote): SafeHtml {
  if (v.ballot.state === 'voted') {
    return tag(t(v.ballot.decision === 'approve' ? 'ballot.approved' : 'ballot.rejected'), 'done');
  }
  if (v.ballot.state === 'not-eligible') return tag(t('ballot.notEligible'));
  if (v.ballot.state === 'issuing') return tag(t('ballot.issuing'));
  return tag(t('ballot.pending'), 'warning');
}

function refused(request: PageRequest, status: number): PageResult {
  const t = committeeT(request.lang);
  if (status === 403) {
    return {
      status: 403,
      page: messagePage(
        t('error.forbidden.title'),
        t('error.forbidden.body', { email: request.session?.email ?? '' }),
      ),
    };
  }
  if (status === 404) {
    return { status: 404, page: messagePage(t('error.notFound.title'), t('error.notFound.body')) };
  }
  throw new Error(`The API answered ${status}`);
}

export const committeeHome: PageRoute = {
  method: 'GET',
  path: '/committee',
  handle: async (request) => {
    const allowed = requireRole(request, ['committee']);
    if ('result' in allowed) return allowed.result;
    const t = committeeT(request.lang);
    const answer = await api('/committee/me/votes', { token: allowed.session.token });
    if (answer.status !== 200) return refused(request, answer.status);
    const votes = answer.body.items as CommitteeVote[];
    const list =
      votes.length === 0
        ? html`<p class="body">${t('votes.none')}</p>`
        : html`<ul class="cards committee-votes">
${votes.map(
  (v) => html`<li class="card">
<h2 class="card__title"><a href="${votePath(t.lang, v.approvalId)}">${t('vote.title', { city: v.city.name })}</a></h2>
<p class="body">${t('vote.closes', { at: formatDate(t, v.closesAt, true) })}</p>
<p class="body">${ballotTag(t, v)}</p>
</li>`,
)}
</ul>`;
    return {
      page: {
        title: t('votes.title'),
        scripts: ['console'],
        body: html`<h1 class="heading heading--xl">${t('votes.title')}</h1>
<p class="lead">${t('votes.lead')}</p>
${list}`,
      },
    };
  },
};

function votePage(
  request: PageRequest,
  v: CommitteeVote,
  refusal: { errors: FieldError[]; comment: string; status: number } = {
    errors: [],
    comment: '',
    status: 200,
  },
): PageResult {
  const { errors, comment } = refusal;
  const t = committeeT(request.lang);
  const open = v.status === 'open' && v.closesAt > new Date().toISOString();
  const done = request.query.get('done') === 'voted' && v.ballot.state === 'voted';
  const website = v.city.website
    ? html`<a href="${v.city.website}" rel="noopener noreferrer">${v.city.website}</a>`
    : '';
  const error = errors.find((e) => e.field === 'comment')?.message;
  let country = v.city.country;
  try {
    country = new Intl.DisplayNames([t.locale], { type: 'region' }).of(v.city.country) ?? country;
  } catch {
    // an unknown code stays as it is
  }
  const form =
    open && v.ballot.state === 'pending'
      ? html`<form method="post" action="${votePath(t.lang, v.approvalId)}" novalidate class="committee-ballot" id="ballot" tabindex="-1">
<h2 class="heading heading--m">${t('ballot.title')}</h2>
${textarea({
  id: 'comment',
  label: `${t('ballot.comment')} ${t('form.optional')}`,
  hint: t('ballot.comment.hint'),
  errorPrefix: t('error.prefix'),
  value: comment,
  rows: 4,
  maxlength: 1000,
  ...(error ? { error } : {}),
})}
<p class="hint">${t('ballot.final', { city: v.city.name })}</p>
<div class="console-actions">
<button class="button" type="submit" name="decision" value="approve">${t('ballot.approve')}</button>
<button class="button button--warning" type="submit" name="decision" value="reject">${t('ballot.reject')}</button>
</div>
</form>`
      : html`<p class="body" id="ballot" tabindex="-1">${
          v.ballot.state === 'voted'
            ? t(v.ballot.decision === 'approve' ? 'ballot.youApproved' : 'ballot.youRejected', {
                at: v.ballot.votedAt ? formatDate(t, v.ballot.votedAt, true) : '',
              })
            : v.ballot.state === 'not-eligible'
              ? t('ballot.notEligible.body')
              : v.ballot.state === 'issuing' && open
                ? t('ballot.issuing.body')
                : t('ballot.closed')
        }</p>`;
  const title = t('vote.title', { city: v.city.name });
  return {
    ...(errors.length > 0 ? { status: refusal.status } : {}),
    page: {
      title,
      scripts: ['console'],
      ...(errors.length > 0 ? { hasErrors: true } : {}),
      body: html`${done ? notificationBanner(t('ballot.recorded.title'), t('ballot.recorded.body')) : ''}
${errorSummary(t('error.title'), errors)}
<a class="back-link" href="${pathIn(t.lang, '/committee')}">${t('votes.title')}</a>
<h1 class="heading heading--xl">${title}</h1>
${summaryList([
  {
    key: t('vote.status'),
    value: tag(t(`approval.${v.status}` as Key), v.status === 'open' ? 'warning' : undefined),
  },
  { key: t('vote.closesAt'), value: formatDate(t, v.closesAt, true) },
  { key: t('vote.yourBallot'), value: ballotTag(t, v) },
  {
    key: t('vote.tally'),
    value: t('vote.tally.value', {
      approve: v.tally.approve,
      reject: v.tally.reject,
      size: v.tally.committeeSize,
    }),
  },
])}
<h2 class="heading heading--m">${t('application.title')}</h2>
${summaryList([
  { key: t('application.city'), value: v.city.name },
  { key: t('application.country'), value: country },
  { key: t('application.region'), value: t(`region.${v.city.region}` as Key) },
  { key: t('application.population'), value: new Intl.NumberFormat(t.locale).format(v.city.population) },
  { key: t('application.website'), value: website },
  { key: t('application.memberSince'), value: v.memberSince ? formatDate(t, v.memberSince) : '' },
])}
<h2 class="heading heading--m">${t('application.motivation')}</h2>
<div class="console-quote" dir="auto">${v.motivation}</div>
${form}`,
    },
  };
}

const voteRoutes: PageRoute[] = [
  {
    method: 'GET',
    path: '/committee/votes/:approvalId',
    handle: async (request) => {
      const allowed = requireRole(request, ['committee']);
      if ('result' in allowed) return allowed.result;
      const answer = await api(`/committee/me/votes/${encodeURIComponent(request.params.approvalId ?? '')}`, {
        token: allowed.session.token,
      });
      if (answer.status !== 200) return refused(request, answer.status);
      return votePage(request, answer.body as CommitteeVote);
    },
  },
  {
    method: 'POST',
    path: '/committee/votes/:approvalId',
    handle: async (request) => {
      const allowed = requireRole(request, ['committee']);
      if ('result' in allowed) return allowed.result;
      const t = committeeT(request.lang);
      const id = request.params.approvalId ?? '';
      const decision = request.form.decision;
      const comment = String(
        Array.isArray(request.form.comment) ? request.form.comment[0] : (request.form.comment ?? ''),
      ).trim();
      const vote = await api(`/approvals/${encodeURIComponent(id)}/votes`, {
        method: 'POST',
        token: allowed.session.token,
        json: { decision, ...(comment ? { comment } : {}) },
      });
      if (vote.status === 201) return { redirect: `${votePath(t.lang, id)}?done=voted` };
      if (vote.status !== 400 && vote.status !== 409 && vote.status !== 403)
        return refused(request, vote.status);
      const answer = await api(`/committee/me/votes/${encodeURIComponent(id)}`, {
        token: allowed.session.token,
      });
      if (answer.status !== 200) return refused(request, answer.status);
      const errors: FieldError[] =
        vote.status === 400
          ? [
              (vote.body?.errors ?? []).some((e: { path: string }) => e.path === 'body.comment')
                ? { field: 'comment', message: t('ballot.comment.error') }
                : { field: 'ballot', message: t('ballot.decision.error') },
            ]
          : [
              {
                field: 'ballot',
                message: t(vote.status === 403 ? 'ballot.notEligible.body' : 'ballot.conflict'),
              },
            ];
      return votePage(request, answer.body as CommitteeVote, { errors, comment, status: vote.status });
    },
  },
];

/** The committee's pages. */
export const committeeRoutes: readonly PageRoute[] = [committeeHome, ...voteRoutes];
