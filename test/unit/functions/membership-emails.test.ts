import { describe, expect, it } from 'vitest';
import {
  ballotEmail,
  fullApprovedEmail,
  fullNotApprovedEmail,
  workflowFailedEmail,
} from '../../../functions/approvals/emails.ts';
import { formatDateTimeUtc, formatDateUtc } from '../../../functions/emails/format.ts';
import type { Application } from '../../../functions/membership/application.ts';
import {
  acceptedEmail,
  applicationReceivedEmail,
  rejectedEmail,
  withdrawnEmail,
} from '../../../functions/membership/emails.ts';

const application = (
  overrides: Partial<Application> = {},
  city: Partial<Application['city']> = {},
): Application => ({
  id: 'app-0001',
  status: 'associate',
  submittedAt: '2026-03-02T08:15:00.000Z',
  updatedAt: '2026-04-10T09:00:00.000Z',
  memberSince: '2026-04-10T09:00:00.000Z',
  city: {
    name: 'Seoul',
    country: 'KR',
    region: 'asia',
    population: 9_386_000,
    website: 'https://english.seoul.go.kr/',
    ...city,
  },
  mayor: { name: 'Oh Se-hoon', officeEmail: 'mayor@seoul.example' },
  signatory: { name: 'Oh Se-hoon', title: 'Mayor', isMayor: true, signedOn: '2026-02-27' },
  contact: { name: 'Kim Ji-young', email: 'ict@seoul.example', phone: '+82 2 2133 0000' },
  motivation: 'Seoul wants to share its e-government experience.\nAnd learn from member cities.',
  ...overrides,
});

const tally = { approve: 2, reject: 4, committeeSize: 7 };

/** Every membership email, built from one application, so a rule can be checked on all of them. */
const allEmails = (app: Application) => ({
  received: applicationReceivedEmail(app),
  accepted: acceptedEmail(app),
  rejected: rejectedEmail(app, 'Incomplete form.'),
  withdrawn: withdrawnEmail(app, 'At the request of the Mayor.'),
  ballot: ballotEmail({
    voter: { name: 'Amélie Lefèvre', email: 'amelie@committee.example' },
    app,
    ballotUrl: 'https://api.wego.example/ballots/abc123',
    closesAt: '2026-11-26T14:00:00.000Z',
  }),
  fullApproved: fullApprovedEmail(app),
  fullRejected: fullNotApprovedEmail(app, 'rejected', tally),
  fullExpired: fullNotApprovedEmail(app, 'expired', tally),
  workflowFailed: workflowFailedEmail('secretariat@wego.example', {
    approvalId: 'appr-1',
    cityName: app.city.name,
    step: 'SendBallots',
    error: 'boom',
  }),
});

const XSS = `<script>alert(1)</script> "quoted" & 'single'`;
const XSS_ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot; &amp; &#39;single&#39;';

describe('subjects name the outcome and nothing else', () => {
  it('names Associate Member only in the acceptance email', () => {
    const emails = allEmails(application());
    expect(emails.accepted.subject).toBe('Seoul is now an Associate Member of WeGO');
    for (const [name, email] of Object.entries(emails)) {
      if (name === 'accepted') continue;
      expect(email.subject, name).not.toContain('Associate Member');
    }
  });

  it('names Full Member only in the approval email', () => {
    const emails = allEmails(application());
    expect(emails.fullApproved.subject).toBe('Seoul is now a Full Member of WeGO');
    for (const [name, email] of Object.entries(emails)) {
      if (name === 'fullApproved') continue;
      expect(email.subject, name).not.toContain('Full Member');
    }
  });

  it('names the city in every subject', () => {
    for (const [name, email] of Object.entries(allEmails(application({}, { name: 'São José dos Campos' })))) {
      expect(email.subject, name).toContain('São José dos Campos');
    }
  });

  it('keeps every subject on one line when the city name holds CR/LF', () => {
    // Prepare
    const app = application({}, { name: 'Evil\r\nBcc: victim@example.com\nCity' });

    // Act
    const emails = allEmails(app);

    // Assess
    for (const [name, email] of Object.entries(emails)) {
      expect(email.subject, name).not.toMatch(/[\r\n]/);
      expect(email.subject, name).toContain('Evil Bcc: victim@example.com City');
    }
  });
});

describe('user text is escaped in HTML and verbatim in text', () => {
  it('escapes a script tag and quotes in the city name, motivation and reasons', () => {
    // Prepare
    const app = application(
      {
        motivation: `Motivation ${XSS}`,
        mayor: { name: `Mayor ${XSS}`, officeEmail: 'mayor@seoul.example' },
      },
      { name: `City ${XSS}` },
    );

    // Act
    const emails: ReturnType<typeof allEmails> = {
      ...allEmails(app),
      rejected: rejectedEmail(app, `Reason ${XSS}`),
      withdrawn: withdrawnEmail(app, `Reason ${XSS}`),
      workflowFailed: workflowFailedEmail('s@wego.example', {
        approvalId: 'a',
        cityName: app.city.name,
        step: `Step ${XSS}`,
        error: `Error ${XSS}`,
      }),
    };

    // Assess
    for (const [name, email] of Object.entries(emails)) {
      expect(email.html, name).not.toContain('<script>');
      expect(email.html, name).toContain(`City ${XSS_ESCAPED}`);
      expect(email.text, name).toContain(`City ${XSS}`);
    }
    expect(emails.ballot.html).toContain(`Motivation ${XSS_ESCAPED}`);
    expect(emails.ballot.text).toContain(`> Motivation ${XSS}`);
    expect(emails.received.text).toContain(`> Motivation ${XSS}`);
    expect(emails.rejected.html).toContain(`Reason ${XSS_ESCAPED}`);
    expect(emails.rejected.text).toContain(`> Reason ${XSS}`);
    expect(emails.withdrawn.text).toContain(`> Reason ${XSS}`);
    expect(emails.workflowFailed.html).toContain(`Error ${XSS_ESCAPED}`);
    expect(emails.workflowFailed.text).toContain(`Step ${XSS}`);
    expect(emails.accepted.text).toContain(`Dear Mayor ${XSS},`);
  });
});

describe('recipients', () => {
  it('sends the acknowledgement to the contact person and the Mayor office', () => {
    expect(applicationReceivedEmail(application()).to).toEqual(['ict@seoul.example', 'mayor@seoul.example']);
  });

  it('sends the acknowledgement once when the contact is the Mayor office, whatever the case', () => {
    // Prepare
    const app = application({
      contact: { name: 'Office', email: 'Mayor@Seoul.example' },
      mayor: { name: 'Oh Se-hoon', officeEmail: 'mayor@seoul.example' },
    });

    // Act + Assess
    expect(applicationReceivedEmail(app).to).toEqual(['Mayor@Seoul.example']);
  });

  it('sends the outcomes only to the Mayor office', () => {
    const emails = allEmails(application());
    for (const name of [
      'accepted',
      'rejected',
      'withdrawn',
      'fullApproved',
      'fullRejected',
      'fullExpired',
    ] as const) {
      expect(emails[name].to, name).toEqual(['mayor@seoul.example']);
    }
  });

  it('sends the ballot only to the committee member and the failure only to the Secretariat', () => {
    const emails = allEmails(application());
    expect(emails.ballot.to).toEqual(['amelie@committee.example']);
    expect(emails.workflowFailed.to).toEqual(['secretariat@wego.example']);
  });
});

describe('applicationReceivedEmail', () => {
  it('gives the application id and a summary with the country name', () => {
    // Act
    const email = applicationReceivedEmail(application());

    // Assess
    expect(email.subject).toBe('WeGO received the membership application of Seoul');
    expect(email.text).toContain('app-0001');
    expect(email.text).toContain('Country: South Korea');
    expect(email.text).toContain('Population: 9,386,000');
    expect(email.text).toContain('2 March 2026, 08:15 UTC');
    expect(email.text).toContain('> Seoul wants to share its e-government experience.');
  });
});

describe('ballotEmail', () => {
  const email = ballotEmail({
    voter: { name: 'Amélie Lefèvre', email: 'amelie@committee.example' },
    app: application(),
    ballotUrl: 'https://api.wego.example/ballots/abc123',
    closesAt: '2026-11-26T14:00:00.000Z',
  });

  it('links the personal ballot with an "Open your ballot" button', () => {
    expect(email.html).toContain('href="https://api.wego.example/ballots/abc123"');
    expect(email.html).toContain('>Open your ballot</a>');
    expect(email.text).toContain('Open your ballot: https://api.wego.example/ballots/abc123');
  });

  it('shows the city facts, the motivation and the closing time', () => {
    expect(email.subject).toBe('WeGO Executive Committee ballot: Seoul');
    for (const fact of [
      'City: Seoul',
      'Country: South Korea',
      'Region: Asia',
      'Population: 9,386,000',
      'Website: https://english.seoul.go.kr/',
      'Associate Member since: 10 April 2026',
      'Voting closes: 26 November 2026, 14:00 UTC',
    ]) {
      expect(email.text).toContain(fact);
    }
    expect(email.text).toContain('> And learn from member cities.');
  });

  it('says that the link is personal and single use, and that opening it records nothing', () => {
    expect(email.text).toContain('personal and works only once');
    expect(email.text).toContain('Opening the ballot records nothing');
    expect(email.text).toContain('Dear Amélie Lefèvre,');
  });
});

describe('outcome emails', () => {
  it('puts the rejection reason in the quote box', () => {
    const email = rejectedEmail(application(), 'Signed without delegation.\nPlease apply again.');
    expect(email.text).toContain(
      'Reason given by the Secretariat:\n> Signed without delegation.\n> Please apply again.',
    );
    expect(email.html).toContain('border-left:4px solid');
  });

  it('speaks of a withdrawn membership for a member and of a withdrawn application otherwise', () => {
    expect(withdrawnEmail(application(), 'r').subject).toBe('The WeGO membership of Seoul was withdrawn');
    expect(withdrawnEmail(application({ memberSince: undefined, status: 'submitted' }), 'r').subject).toBe(
      'The WeGO membership application of Seoul was withdrawn',
    );
  });

  it('tells the city it stays an associate member, with the tally, when the committee rejects', () => {
    // Act
    const email = fullNotApprovedEmail(application(), 'rejected', tally);

    // Assess
    expect(email.subject).toBe('WeGO Executive Committee decision on Seoul');
    expect(email.text).toContain('Seoul remains an Associate Member');
    expect(email.text).toContain('Votes to approve: 2');
    expect(email.text).toContain('Votes to reject: 4');
    expect(email.text).toContain('Did not vote: 1');
    expect(email.text).toContain('Committee members: 7');
    expect(email.text).toContain('a majority in favour can no longer be reached');
  });

  it('explains that the vote closed without a majority when it expired', () => {
    const email = fullNotApprovedEmail(application(), 'expired', { approve: 3, reject: 1, committeeSize: 9 });
    expect(email.text).toContain('closed before a majority of the committee approved it');
    expect(email.text).toContain('Result: Vote closed without a majority');
    expect(email.text).toContain('Did not vote: 5');
  });

  it('names the failed step, the approval and the error for the Secretariat', () => {
    const email = workflowFailedEmail('secretariat@wego.example', {
      approvalId: 'appr-42',
      cityName: 'Seoul',
      step: 'TallyVotes',
      error: 'States.Timeout',
    });
    expect(email.subject).toBe('Action needed: WeGO approval workflow failed for Seoul');
    expect(email.text).toContain('Approval: appr-42');
    expect(email.text).toContain('Failed step: TallyVotes');
    expect(email.text).toContain('> States.Timeout');
    expect(email.text).toContain('What to check:');
  });
});

describe('dates', () => {
  it('formats a moment as readable UTC', () => {
    expect(formatDateTimeUtc('2026-11-26T14:00:00.000Z')).toBe('26 November 2026, 14:00 UTC');
    expect(formatDateTimeUtc('2026-11-27T01:05:00+09:00')).toBe('26 November 2026, 16:05 UTC');
    expect(formatDateTimeUtc(new Date(Date.UTC(2027, 0, 1, 0, 0)))).toBe('1 January 2027, 00:00 UTC');
  });

  it('formats a day in UTC and shows a value that is not a date as it is', () => {
    expect(formatDateUtc('2026-02-27')).toBe('27 February 2026');
    expect(formatDateUtc('2026-12-31T23:30:00-02:00')).toBe('1 January 2027');
    expect(formatDateUtc('someday')).toBe('someday');
  });
});
