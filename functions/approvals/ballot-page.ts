import { formatDateTimeUtc, formatDateUtc } from '../emails/format.ts';
import { html, SafeHtml } from '../emails/html.ts';
import type { Application } from '../membership/application.ts';
import { countryName } from '../membership/country-name.ts';
import { cityLabel, formatPopulation, regionName } from '../membership/emails.ts';
import type { HttpResponse } from '../shared/http.ts';

/**
 * The pages behind the emailed ballot link (GET/POST /ballots/{ballotId}). Server-rendered, no
 * JavaScript, no external resource: the Content-Security-Policy allows only inline styles and a form
 * that posts back to this origin. Every value is interpolated through `html`, which escapes it.
 */

export const COMMENT_MAX_LENGTH = 1000;

export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  // The ballot id is in the URL: no page it links to may learn it.
  'referrer-policy': 'no-referrer',
  'x-robots-tag': 'noindex',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

const STYLE = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:#f3f4f6;color:#1f2937;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,sans-serif}
.bar{background:#0f2a5f;color:#fff;padding:14px 12px}
.bar p{margin:0 auto;max-width:696px;padding:0 20px;font-weight:700;letter-spacing:.5px;font-size:18px}
.bar span{font-weight:400;letter-spacing:0;opacity:.9;font-size:15px}
main{display:block;max-width:720px;margin:0 auto;padding:20px 12px 40px}
.card>h2:first-child{margin-top:0}
.card{background:#fff;border-radius:10px;padding:20px;margin:0 0 16px;box-shadow:0 1px 2px rgba(0,0,0,.06)}
h1{margin:0 0 12px;font-size:1.6rem;line-height:1.25;color:#111827;overflow-wrap:anywhere}
h2{margin:20px 0 12px;font-size:1.2rem;line-height:1.3;color:#111827}
p{margin:0 0 12px}
.lead{font-size:1.05rem}
.closes{display:inline-block;margin:4px 0 12px;padding:6px 10px;border-radius:6px;background:#eff6ff;color:#1e3a8a;font-weight:600}
dl{margin:0;display:grid;grid-template-columns:minmax(0,11rem) minmax(0,1fr)}
dt,dd{margin:0;padding:9px 0;border-bottom:1px solid #e5e7eb}
dt{color:#4b5563;font-size:.92rem;padding-right:12px}
dd{color:#111827;overflow-wrap:anywhere}
@media (max-width:480px){.card{padding:16px}.bar p{padding:0 16px}dl{grid-template-columns:minmax(0,7.5rem) minmax(0,1fr)}h1{font-size:1.45rem}footer{padding:0 28px 32px}}
a{color:#1d4ed8}
.quote{margin:0;padding:12px 16px;background:#f3f4f6;border-left:4px solid #1d4ed8;white-space:pre-wrap;overflow-wrap:anywhere;max-height:none}
fieldset{border:0;margin:0;padding:0;min-width:0}
legend{padding:0;margin:0 0 12px;font-size:1.2rem;font-weight:700;line-height:1.3;color:#111827}
label{display:block;font-weight:600;margin:0 0 6px}
.hint{color:#4b5563;font-size:.92rem;margin:0 0 8px}
textarea{display:block;width:100%;min-height:7rem;margin:0 0 16px;padding:10px 12px;font:inherit;color:#111827;background:#fff;border:1px solid #6b7280;border-radius:6px;resize:vertical}
textarea:focus,button:focus{outline:3px solid #f59e0b;outline-offset:2px}
.buttons{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0 0}
button{flex:1 1 14rem;min-height:52px;padding:12px 18px;border:0;border-radius:8px;font:inherit;font-weight:700;font-size:1.05rem;color:#fff;cursor:pointer}
.approve{background:#15803d}
.approve:hover{background:#166534}
.reject{background:#b91c1c}
.reject:hover{background:#991b1b}
.note{color:#374151;font-size:.95rem;margin:0}
.status{display:flex;align-items:center;justify-content:center;width:48px;height:48px;margin:0 0 12px;border-radius:50%;background:#dcfce7;color:#166534;font-size:1.6rem;font-weight:700;line-height:1}
footer{max-width:720px;margin:0 auto;padding:0 32px 32px;color:#4b5563;font-size:.85rem}
`;

/** The stylesheet is a constant of this module, not user text: it is inserted as it is. */
const STYLESHEET = new SafeHtml(STYLE);

function page(status: number, title: string, body: SafeHtml): HttpResponse {
  const doc = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<meta name="referrer" content="no-referrer">
<title>${title} · WeGO</title>
<style>${STYLESHEET}</style>
</head>
<body>
<header class="bar"><p>WeGO <span>· Executive Committee ballot</span></p></header>
<main>
${body}
</main>
<footer>World e-Governments Organization of Cities and Local Governments (WeGO)</footer>
</body>
</html>
`;
  return { statusCode: status, headers: { ...PAGE_HEADERS }, body: doc.value };
}

export interface BallotPageInput {
  readonly ballotId: string;
  readonly voterName: string;
  readonly app: Application;
  readonly closesAt: string | Date;
}

/** GET /ballots/{ballotId}: the application and the decision form. Showing it records nothing. */
export function ballotPage({ voterName, app, closesAt }: BallotPageInput): HttpResponse {
  const city = app.city.name;
  const website = app.city.website;
  const websiteHtml =
    website && /^https?:\/\//i.test(website)
      ? html`<a href="${website}" rel="noopener noreferrer">${website}</a>`
      : (website ?? 'Not given');
  const body = html`<section class="card" aria-labelledby="title">
<h1 id="title">Full Membership for ${city}</h1>
<p class="lead">Dear ${voterName},</p>
<p>The WeGO Secretariat proposes to upgrade ${cityLabel(app)} from Associate Member to Full Member. As a member of the Executive Committee, please read the application below and record your decision.</p>
<p class="closes">Voting closes ${formatDateTimeUtc(closesAt)}</p>
<p class="note">Opening this page records nothing: your vote counts only when you press Approve or Reject at the bottom of the page.</p>
</section>
<section class="card" aria-labelledby="application">
<h2 id="application">The application</h2>
<dl>
<dt>City</dt><dd>${city}</dd>
<dt>Country</dt><dd>${countryName(app.city.country)}</dd>
<dt>Region</dt><dd>${regionName(app.city.region)}</dd>
<dt>Population</dt><dd>${formatPopulation(app.city.population)}</dd>
<dt>Website</dt><dd>${websiteHtml}</dd>
<dt>Associate Member since</dt><dd>${app.memberSince ? formatDateUtc(app.memberSince) : 'Not recorded'}</dd>
</dl>
</section>
<section class="card" aria-labelledby="motivation">
<h2 id="motivation">Motivation of ${city}</h2>
<div class="quote">${app.motivation}</div>
</section>
<section class="card">
<form method="post" action="">
<fieldset>
<legend>Your decision</legend>
<label for="comment">Comment (optional)</label>
<p class="hint" id="comment-hint">Up to ${COMMENT_MAX_LENGTH} characters, recorded with your vote.</p>
<textarea id="comment" name="comment" maxlength="${COMMENT_MAX_LENGTH}" rows="4" aria-describedby="comment-hint"></textarea>
<p class="hint">Your vote is recorded as soon as you press a button, and it cannot be changed afterwards. If the committee does not approve, ${city} stays an Associate Member.</p>
<div class="buttons">
<button type="submit" name="decision" value="approve" class="approve">Approve Full Membership</button>
<button type="submit" name="decision" value="reject" class="reject">Reject Full Membership</button>
</div>
</fieldset>
</form>
</section>`;
  return page(200, `Ballot: ${city}`, body);
}

export interface VoteRecordedInput {
  readonly decision: 'approve' | 'reject';
  readonly app: Application;
}

/** POST /ballots/{ballotId}, once the vote is stored. */
export function voteRecordedPage({ decision, app }: VoteRecordedInput): HttpResponse {
  const city = app.city.name;
  const choice =
    decision === 'approve'
      ? html`You voted to <strong>approve</strong> the upgrade of ${cityLabel(app)} to Full Member.`
      : html`You voted to <strong>reject</strong> the upgrade of ${cityLabel(app)} to Full Member.`;
  const body = html`<section class="card" aria-labelledby="title">
<p class="status" aria-hidden="true">✓</p>
<h1 id="title">Thank you, your vote is recorded</h1>
<p class="lead">${choice}</p>
<h2>What happens next</h2>
<p>The decision is taken as soon as a majority of the Executive Committee approves, or when a majority can no longer be reached; otherwise when the vote closes. The Mayor's office of ${city} is then informed by email.</p>
<p class="note">Your ballot link has now been used and cannot record another vote. You can close this page.</p>
</section>`;
  return page(200, 'Vote recorded', body);
}

const ERRORS: Record<404 | 409 | 410, { title: string; text: string }> = {
  404: {
    title: 'This ballot link is not valid',
    text: 'We could not find a ballot for this link. Please open the link exactly as it appears in your ballot email; if the link was split across two lines, copy the whole address into your browser.',
  },
  409: {
    title: 'Your vote was already recorded',
    text: 'This ballot link has already been used. Each ballot counts once, and a recorded vote cannot be changed.',
  },
  410: {
    title: 'This vote is closed',
    text: 'The voting period has ended or the Executive Committee has already reached its decision, so this ballot can no longer be used.',
  },
};

/** 404 unknown link, 409 ballot already used, 410 vote closed. */
export function ballotErrorPage(status: 404 | 409 | 410, message?: string): HttpResponse {
  const { title, text } = ERRORS[status];
  const body = html`<section class="card" aria-labelledby="title">
<h1 id="title">${title}</h1>
<p>${message?.trim() ? message : text}</p>
<p class="note">If you think this is a mistake, please contact the WeGO Secretariat and mention the date of your ballot email.</p>
</section>`;
  return page(status, title, body);
}
