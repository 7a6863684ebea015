import { describe, expect, it } from 'vitest';
import {
  fullApprovedEmail,
  fullNotApprovedEmail,
  voteStartedOfficeEmail,
} from '../../../functions/approvals/emails.ts';
import type { Application } from '../../../functions/membership/application.ts';
import {
  acceptedContent,
  acceptedEmail,
  applicationReceivedEmail,
  draftLinkEmail,
  receivedContent,
  regionalCopy,
  rejectedEmail,
  withdrawnEmail,
} from '../../../functions/membership/emails.ts';
import type { RegionalOffice } from '../../../functions/shared/config.ts';
import { LANGUAGES, type Language } from '../../../functions/shared/i18n.ts';

const application = (language?: Language, region: Application['city']['region'] = 'asia'): Application => ({
  id: 'app-0001',
  status: 'associate',
  submittedAt: '2026-03-02T08:15:00.000Z',
  updatedAt: '2026-04-10T09:00:00.000Z',
  memberSince: '2026-04-10T09:00:00.000Z',
  fullMemberSince: '2026-06-01T09:00:00.000Z',
  city: { name: 'Seoul', country: 'KR', region, population: 9_386_000 },
  mayor: { name: 'Oh Se-hoon', officeEmail: 'mayor@seoul.example' },
  signatory: { name: 'Oh Se-hoon', title: 'Mayor', isMayor: true, signedOn: '2026-02-27' },
  contact: { name: 'Kim Ji-young', title: 'ICT Division', email: 'ict@seoul.example' },
  motivation: 'Seoul wants to share its e-government experience.',
  ...(language ? { language } : {}),
});

const tally = { approve: 1, reject: 4, committeeSize: 7 };
const emailsOf = (app: Application) => ({
  received: applicationReceivedEmail(app),
  accepted: acceptedEmail(app),
  rejected: rejectedEmail(app, 'Incomplete.'),
  withdrawn: withdrawnEmail(app, 'Asked by the city.'),
  fullApproved: fullApprovedEmail(app),
  fullRejected: fullNotApprovedEmail(app, 'rejected', tally),
  fullExpired: fullNotApprovedEmail(app, 'expired', tally),
});

describe.each(LANGUAGES)('the emails to a city that applied in %s', (lang) => {
  const emails = emailsOf(application(lang));

  it('name Associate Member in the acceptance subject only, and Full Member in the approval subject only', () => {
    for (const [name, email] of Object.entries(emails)) {
      expect(email.subject.includes('Associate Member'), name).toBe(name === 'accepted');
      expect(email.subject.includes('Full Member'), name).toBe(name === 'fullApproved');
      expect(email.subject, name).toContain('Seoul');
    }
  });

  it('are written in the language, with its direction, the country named in it', () => {
    const country = new Intl.DisplayNames([lang === 'zh' ? 'zh-Hans' : lang], { type: 'region' }).of('KR');
    for (const [name, email] of Object.entries(emails)) {
      expect(email.html, name).toContain(`<html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">`);
      expect(email.text, name).toContain(country);
    }
  });
});

describe('the language of the emails', () => {
  it('is English for an application that kept none, as before languages were kept', () => {
    expect(acceptedEmail(application()).subject).toBe('Seoul is now an Associate Member of WeGO');
    expect(acceptedEmail(application()).html).toContain('<html lang="en" dir="ltr">');
  });

  it('gives dates and numbers in the language', () => {
    const korean = applicationReceivedEmail(application('ko')).text;
    expect(korean).toContain('9,386,000');
    expect(korean).toContain('2026년 3월 2일');
    expect(applicationReceivedEmail(application('fr')).text).toContain('2 mars 2026');
    expect(applicationReceivedEmail(application('ru')).text).toContain('Республика Корея');
  });

  it('puts the quote border on the right of a right-to-left email', () => {
    expect(rejectedEmail(application('ar'), 'سبب').html).toContain('border-right:4px solid');
    expect(rejectedEmail(application('en'), 'r').html).toContain('border-left:4px solid');
  });
});

describe('copies for the regional office', () => {
  const offices: RegionalOffice[] = [
    { name: 'Ulyanovsk', email: 'europe@wego.example', regions: ['europe'] },
    { name: 'Chengdu', email: 'asia@wego.example', regions: ['asia'] },
  ];

  it('copy the office of the city’s region, in English, saying whose copy it is', () => {
    const [copy, ...more] = regionalCopy(application('ru', 'europe'), offices, receivedContent);
    expect(more).toEqual([]);
    expect(copy?.to).toEqual(['europe@wego.example']);
    expect(copy?.subject).toBe(
      'Copy for the Ulyanovsk office: WeGO received the membership application of Seoul',
    );
    expect(copy?.text).toContain('A copy for the WeGO regional office in Ulyanovsk, which serves Europe');
    expect(copy?.html).toContain('<html lang="en"');
  });

  it('copy nobody for a region no office serves', () => {
    expect(regionalCopy(application('en', 'africa'), offices, acceptedContent)).toEqual([]);
    expect(
      voteStartedOfficeEmail(application('en', 'africa'), offices, {
        approvalId: 'a',
        closesAt: '2026-07-01T00:00:00Z',
      }),
    ).toEqual([]);
  });

  it('tell the office a vote opened, without naming the outcome in the subject', () => {
    const [email] = voteStartedOfficeEmail(application('ko', 'asia'), offices, {
      approvalId: 'appr-1',
      closesAt: '2026-07-01T12:00:00.000Z',
    });
    expect(email?.to).toEqual(['asia@wego.example']);
    expect(email?.subject).toBe('Copy for the Chengdu office: the Executive Committee votes on Seoul');
    expect(email?.subject).not.toContain('Full Member');
    expect(email?.text).toContain('Voting closes: 1 July 2026, 12:00 UTC');
  });
});

describe('the link to a draft', () => {
  it('gives the link and the day it expires, in the draft’s language', () => {
    const email = draftLinkEmail({
      to: 'ict@seoul.example',
      lang: 'es',
      url: 'https://wego.example/es/apply/resume?draft=d1&token=t',
      expiresAt: '2026-04-01T10:00:00.000Z',
    });
    expect(email.to).toEqual(['ict@seoul.example']);
    expect(email.subject).toBe('Su solicitud de adhesión a WeGO está guardada');
    expect(email.html).toContain('href="https://wego.example/es/apply/resume?draft=d1&amp;token=t"');
    expect(email.text).toContain('1 de abril de 2026');
  });
});
