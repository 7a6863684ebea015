import { describe, expect, it } from 'vitest';
import { ballotErrorPage, ballotPage, voteRecordedPage } from '../../../functions/approvals/ballot-page.ts';
import type { Application } from '../../../functions/membership/application.ts';
import type { HttpResponse } from '../../../functions/shared/http.ts';

const application = (
  overrides: Partial<Application> = {},
  city: Partial<Application['city']> = {},
): Application => ({
  id: 'app-0001',
  status: 'full_pending',
  submittedAt: '2026-03-02T08:15:00.000Z',
  updatedAt: '2026-04-10T09:00:00.000Z',
  memberSince: '2026-04-10T09:00:00.000Z',
  city: {
    name: 'São José dos Campos',
    country: 'BR',
    region: 'americas',
    population: 697_054,
    website: 'https://www.sjc.sp.gov.br/',
    ...city,
  },
  mayor: { name: 'Anderson Farias Ferreira', officeEmail: 'gabinete@sjc.example' },
  signatory: { name: 'Anderson Farias Ferreira', title: 'Prefeito', isMayor: true, signedOn: '2026-02-27' },
  contact: { name: 'João Gonçalves', email: 'ict@sjc.example' },
  motivation: 'First line.\nSecond line.',
  ...overrides,
});

const XSS = `<script>alert(1)</script> "quoted" & 'single'`;
const XSS_ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot; &amp; &#39;single&#39;';

const render = (app = application(), voterName = 'Kwame Mensah') =>
  ballotPage({ ballotId: 'ballot-123', voterName, app, closesAt: '2026-12-03T09:30:00.000Z' });

const bodyOf = (response: HttpResponse): string => response.body ?? '';
const count = (haystack: string, needle: RegExp): number => haystack.match(needle)?.length ?? 0;

const allPages: Record<string, HttpResponse> = {
  ballot: render(),
  recorded: voteRecordedPage({ decision: 'approve', app: application() }),
  notFound: ballotErrorPage(404),
  alreadyUsed: ballotErrorPage(409),
  closed: ballotErrorPage(410),
};

describe('every ballot page', () => {
  it.each(Object.entries(allPages))('%s is HTML with the strict security headers', (_name, response) => {
    expect(response.headers).toEqual({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy':
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
      'referrer-policy': 'no-referrer',
      'x-robots-tag': 'noindex',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
  });

  it.each(Object.entries(allPages))(
    '%s is a responsive English document with no script and no external resource',
    (_name, response) => {
      const body = bodyOf(response);
      expect(body.startsWith('<!doctype html>')).toBe(true);
      expect(body).toContain('<html lang="en">');
      expect(body).toContain('<meta name="viewport" content="width=device-width,initial-scale=1">');
      expect(body).toMatch(/<h1[^>]*>/);
      expect(body).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|url\(/i);
    },
  );

  it('gives each page its own headers object, so a caller cannot change the others', () => {
    const a = ballotErrorPage(404);
    const b = ballotErrorPage(404);
    expect(a.headers).not.toBe(b.headers);
  });
});

describe('ballotPage', () => {
  it('returns 200 with one POST form back to the same URL', () => {
    // Act
    const response = render();
    const body = bodyOf(response);

    // Assess
    expect(response.statusCode).toBe(200);
    expect(count(body, /<form\b/g)).toBe(1);
    expect(body).toContain('<form method="post" action="">');
  });

  it('has exactly two submit buttons, approve and reject, both inside the form', () => {
    // Prepare
    const body = bodyOf(render());
    const form = body.slice(body.indexOf('<form'), body.indexOf('</form>'));

    // Assess
    expect(count(body, /<button\b/g)).toBe(2);
    expect(count(form, /<button\b/g)).toBe(2);
    expect(form).toMatch(
      /<button type="submit" name="decision" value="approve"[^>]*>Approve Full Membership<\/button>/,
    );
    expect(form).toMatch(
      /<button type="submit" name="decision" value="reject"[^>]*>Reject Full Membership<\/button>/,
    );
    expect(count(body, /type="submit"/g)).toBe(2);
  });

  it('offers an optional, labelled comment of at most 1000 characters', () => {
    const form = bodyOf(render());
    expect(form).toMatch(/<textarea id="comment" name="comment" maxlength="1000"/);
    expect(form).toContain('<label for="comment">Comment (optional)</label>');
    expect(form).not.toMatch(/<textarea[^>]*required/);
  });

  it('shows the application, the greeting, the closing time and that opening records nothing', () => {
    const body = bodyOf(render());
    for (const piece of [
      'Dear Kwame Mensah,',
      '<dd>São José dos Campos</dd>',
      '<dd>Brazil</dd>',
      '<dd>Americas</dd>',
      '<dd>697,054</dd>',
      '<dd>10 April 2026</dd>',
      'Voting closes 3 December 2026, 09:30 UTC',
      'Opening this page records nothing',
    ]) {
      expect(body).toContain(piece);
    }
  });

  it('links the website without leaking the page to it', () => {
    expect(bodyOf(render())).toContain(
      '<a href="https://www.sjc.sp.gov.br/" rel="noopener noreferrer">https://www.sjc.sp.gov.br/</a>',
    );
  });

  it('shows a website that is not http(s) as text, never as a link', () => {
    const body = bodyOf(render(application({}, { website: 'javascript:alert(1)' })));
    expect(body).not.toContain('href="javascript:');
    expect(body).toContain('<dd>javascript:alert(1)</dd>');
  });

  it('escapes the motivation, the city and the voter name, and keeps the motivation newlines', () => {
    // Prepare
    const app = application({ motivation: `Line one\n${XSS}\nLine three` }, { name: `City ${XSS}` });

    // Act
    const body = bodyOf(render(app, `Voter ${XSS}`));

    // Assess
    expect(body).not.toContain('<script>');
    expect(body).toContain(`<div class="quote">Line one\n${XSS_ESCAPED}\nLine three</div>`);
    expect(body).toContain(`City ${XSS_ESCAPED}`);
    expect(body).toContain(`Dear Voter ${XSS_ESCAPED},`);
    expect(body).toMatch(/\.quote\{[^}]*white-space:pre-wrap/);
  });

  it('does not show how the committee has voted so far', () => {
    expect(bodyOf(render())).not.toMatch(/tally|votes so far/i);
  });
});

describe('voteRecordedPage', () => {
  it('thanks the voter, repeats the decision and says what happens next', () => {
    // Act
    const approve = voteRecordedPage({ decision: 'approve', app: application() });
    const reject = voteRecordedPage({ decision: 'reject', app: application() });

    // Assess
    expect(approve.statusCode).toBe(200);
    expect(bodyOf(approve)).toContain('your vote is recorded');
    expect(bodyOf(approve)).toContain('You voted to <strong>approve</strong>');
    expect(bodyOf(reject)).toContain('You voted to <strong>reject</strong>');
    expect(bodyOf(approve)).toContain('What happens next');
    expect(bodyOf(approve)).not.toContain('<form');
  });

  it('escapes the city name', () => {
    const body = bodyOf(voteRecordedPage({ decision: 'approve', app: application({}, { name: XSS }) }));
    expect(body).not.toContain('<script>');
    expect(body).toContain(XSS_ESCAPED);
  });
});

describe('ballotErrorPage', () => {
  it.each([
    [404, 'This ballot link is not valid'],
    [409, 'Your vote was already recorded'],
    [410, 'This vote is closed'],
  ] as const)('returns %i with the heading "%s" and no form', (status, heading) => {
    const response = ballotErrorPage(status);
    expect(response.statusCode).toBe(status);
    expect(bodyOf(response)).toContain(`<h1 id="title">${heading}</h1>`);
    expect(bodyOf(response)).not.toContain('<form');
  });

  it('shows a given message, escaped, in place of the default explanation', () => {
    const body = bodyOf(ballotErrorPage(410, `Closed on 3 December. ${XSS}`));
    expect(body).toContain(`Closed on 3 December. ${XSS_ESCAPED}`);
    expect(body).not.toContain('The voting period has ended');
    expect(body).not.toContain('<script>');
  });
});
