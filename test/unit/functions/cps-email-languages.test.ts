import { describe, expect, it } from 'vitest';
import {
  assignmentEmail,
  citizenAcknowledgementEmail,
  citizenResolvedEmail,
  citizenUpdateEmail,
  handOverEmail,
  overdueRequestEmail,
  reopenedEmail,
  statusInWords,
  unroutedRequestEmail,
} from '../../../functions/cps/emails.ts';
import type { Assignee, CivicRequest, RequestUpdate } from '../../../functions/cps/types.ts';
import { LANGUAGES, type Language } from '../../../functions/shared/i18n.ts';

/** Every CPS email in every language: the words, the dates, the plurals, the direction and the links. */

const official = (language: Language): Assignee => ({
  officialId: 'off-1',
  name: 'Kim Ji-woo',
  title: 'Road Maintenance',
  email: 'jiwoo.kim@seoul.example',
  language,
});

const request = (language: Language, overrides: Partial<CivicRequest> = {}): CivicRequest => ({
  id: 'REQ7K2M9Q4T1',
  cityId: 'seoul',
  cityName: 'Seoul',
  service: 'pothole',
  serviceName: 'Pothole',
  district: 'Jongno',
  description: 'Deep hole <b>near</b> the bus stop.',
  contact: { name: 'Lee Seo-yeon', email: 'seoyeon@citizen.example', phone: '+82 2 1234 5678' },
  status: 'assigned',
  assignedTo: official('en'),
  language,
  slaHours: 48,
  createdAt: '2026-07-15T11:32:00.000Z',
  updatedAt: '2026-07-15T11:32:00.000Z',
  expectedAt: '2026-07-17T11:32:00.000Z',
  ...overrides,
});

const update = (overrides: Partial<RequestUpdate> = {}): RequestUpdate => ({
  at: '2026-07-16T09:10:00.000Z',
  actor: 'jiwoo.kim@seoul.example',
  status: 'in_progress',
  note: 'A crew comes on Thursday.',
  public: true,
  kind: 'update',
  ...overrides,
});

const links = (lang: Language) => ({
  page: `https://wego.example/${lang}/requests/REQ7K2M9Q4T1`,
  removeContact: `https://wego.example/${lang}/requests/REQ7K2M9Q4T1/contact?token=abc`,
  feedback: `https://wego.example/${lang}/requests/REQ7K2M9Q4T1/feedback?token=abc`,
});
const OFFICIAL_URL = 'https://wego.example/xx/official/requests/REQ7K2M9Q4T1';

/** Every email a citizen or an official gets, for a request filed in `lang` and an official set to `lang`. */
const emailsIn = (lang: Language) => {
  const r = request(lang, { assignedTo: official(lang) });
  return {
    acknowledgement: citizenAcknowledgementEmail(r, links(lang)),
    update: citizenUpdateEmail(r, update(), links(lang)),
    resolved: citizenResolvedEmail({ ...r, status: 'resolved' }, update({ status: 'resolved' }), links(lang)),
    assignment: assignmentEmail(r, official(lang), OFFICIAL_URL),
    handOver: handOverEmail(r, official(lang), 'Not our street.', OFFICIAL_URL),
    reopened: reopenedEmail(
      r,
      official(lang),
      {
        at: '2026-07-18T08:00:00.000Z',
        resolvedAt: '2026-07-16T09:10:00.000Z',
        note: 'Still there.',
        times: 1,
      },
      OFFICIAL_URL,
    ),
  };
};

/** July 17, 2026 (the expected date) as each language writes it. */
const EXPECTED_DAY: Record<Language, string> = {
  en: 'July 17, 2026',
  ko: '2026년 7월 17일',
  es: '17 de julio de 2026',
  fr: '17 juillet 2026',
  ru: '17 июля 2026',
  zh: '2026年7月17日',
  ar: '17 يوليو 2026',
};

describe.each(LANGUAGES)('CPS emails in %s', (lang) => {
  const emails = emailsIn(lang);
  const english = emailsIn('en');

  it('declare the language and its direction in the HTML (Arabic right to left)', () => {
    const dir = lang === 'ar' ? 'rtl' : 'ltr';
    for (const [name, email] of Object.entries(emails)) {
      expect(email.html, name).toContain(`<html lang="${lang}" dir="${dir}">`);
      expect(email.html, name).toContain(`<body dir="${dir}"`);
    }
  });

  it('are written in the language, not copied from English, and keep the request id in the subject', () => {
    for (const [name, email] of Object.entries(emails)) {
      expect(email.subject, name).toContain('REQ7K2M9Q4T1');
      if (lang !== 'en') {
        const en = english[name as keyof typeof english];
        expect(email.subject, name).not.toBe(en.subject);
        expect(email.text.split('\n')[0], name).not.toBe(en.text.split('\n')[0]);
      }
    }
  });

  it('write dates the way the language does, in UTC', () => {
    for (const name of ['acknowledgement', 'assignment', 'handOver'] as const) {
      expect(emails[name].text, name).toContain(EXPECTED_DAY[lang]);
      expect(emails[name].text, name).toContain(lang === 'ar' ? 'بالتوقيت العالمي المنسق' : 'UTC');
    }
  });

  it('escape what people typed in the HTML and keep it verbatim in the text', () => {
    for (const name of ['acknowledgement', 'assignment'] as const) {
      expect(emails[name].html, name).toContain('Deep hole &lt;b&gt;near&lt;/b&gt; the bus stop.');
      expect(emails[name].html, name).not.toContain('<b>near</b>');
      expect(emails[name].text, name).toContain('Deep hole <b>near</b> the bus stop.');
    }
  });

  it("never show the official's email to the citizen, and show the citizen's contact to the official", () => {
    for (const name of ['acknowledgement', 'update', 'resolved'] as const) {
      expect(emails[name].text, name).not.toContain('jiwoo.kim@seoul.example');
      expect(emails[name].html, name).not.toContain('jiwoo.kim@seoul.example');
      expect(emails[name].to, name).toEqual(['seoyeon@citizen.example']);
    }
    for (const name of ['assignment', 'handOver', 'reopened'] as const) {
      expect(emails[name].text, name).toContain('seoyeon@citizen.example');
      expect(emails[name].text, name).toContain('+82 2 1234 5678');
      expect(emails[name].to, name).toEqual(['jiwoo.kim@seoul.example']);
    }
  });

  it('link the citizen\'s page and the contact removal, and the resolution\'s button asks "is it fixed?"', () => {
    const l = links(lang);
    for (const name of ['acknowledgement', 'update'] as const) {
      expect(emails[name].html, name).toContain(`href="${l.page}"`);
      expect(emails[name].html, name).toContain(`href="${l.removeContact}"`);
      expect(emails[name].html, name).not.toContain('feedback');
    }
    const resolved = emails.resolved;
    // The button is the first link: it opens the feedback page; the others follow it.
    const hrefs = [...resolved.html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    expect(hrefs).toEqual([l.feedback, l.page, l.removeContact]);
    expect(resolved.text).toContain(l.feedback);
  });

  it("link the official's page in every official email", () => {
    for (const name of ['assignment', 'handOver', 'reopened'] as const) {
      expect(emails[name].html, name).toContain(`href="${OFFICIAL_URL}"`);
    }
  });
});

describe('plurals and numbers', () => {
  it("say the service level in days or hours, with each language's plural forms", () => {
    const ack = (lang: Language, slaHours: number) =>
      citizenAcknowledgementEmail(request(lang, { slaHours }), links(lang)).text;
    expect(ack('en', 48)).toContain('within 2 days');
    expect(ack('en', 24)).toContain('within 1 day,');
    expect(ack('en', 1)).toContain('within 1 hour,');
    expect(ack('en', 36)).toContain('within 36 hours');
    expect(ack('ko', 48)).toContain('2일 이내');
    expect(ack('fr', 48)).toContain('sous 2 jours');
    expect(ack('es', 24)).toContain('1 día');
    expect(ack('ru', 48)).toContain('2 дня');
    expect(ack('ru', 120)).toContain('5 дней');
    expect(ack('ru', 5)).toContain('5 часов');
    expect(ack('ru', 24)).toContain('1 день');
    expect(ack('zh', 48)).toContain('2天');
    expect(ack('ar', 48)).toContain('خلال يومين');
    expect(ack('ar', 72)).toContain('خلال 3 أيام');
    expect(ack('ar', 1)).toContain('خلال ساعة واحدة');
  });

  it('takes the service level from the due date for requests filed before it was stored', () => {
    const text = citizenAcknowledgementEmail(request('en', { slaHours: undefined }), links('en')).text;
    expect(text).toContain('within 2 days');
  });

  it("counts the reopenings in the official's language, from the second on", () => {
    const reopened = (lang: Language, times: number) =>
      reopenedEmail(
        request(lang),
        official(lang),
        { at: '2026-07-18T08:00:00.000Z', resolvedAt: '2026-07-16T09:10:00.000Z', times },
        OFFICIAL_URL,
      ).text;
    expect(reopened('en', 1)).not.toContain('reopened 1');
    expect(reopened('en', 2)).toContain('has now been reopened 2 times');
    expect(reopened('ru', 2)).toContain('уже 2 раза');
    expect(reopened('ru', 5)).toContain('уже 5 раз.');
    expect(reopened('ar', 2)).toContain('مرتين');
    expect(reopened('es', 3)).toContain('3 veces');
  });
});

describe('the Arabic layout', () => {
  const { acknowledgement } = emailsIn('ar');

  it('puts the quote bar and the label padding on the right, and lets typed text take its own direction', () => {
    expect(acknowledgement.html).toContain('border-right:4px solid');
    expect(acknowledgement.html).not.toContain('border-left');
    expect(acknowledgement.html).toContain('padding:8px 0 8px 12px');
    expect(acknowledgement.html).toContain('<div dir="auto"');
    expect(acknowledgement.html).toContain('dir="auto">REQ7K2M9Q4T1</td>');
  });

  it('keeps web addresses left to right', () => {
    expect(acknowledgement.html).toContain(`<p dir="ltr"`);
  });

  it('is in Arabic words', () => {
    expect(acknowledgement.subject).toBe('تم استلام طلبك REQ7K2M9Q4T1: Pothole في Jongno');
    expect(acknowledgement.text).toContain('شكرًا لك، تم استلام طلبك');
  });
});

describe('"is it fixed?"', () => {
  it('quotes a public resolution note', () => {
    const email = citizenResolvedEmail(
      request('ko', { status: 'resolved' }),
      update({ status: 'resolved', note: '포장을 새로 했습니다.' }),
      links('ko'),
    );
    expect(email.subject).toBe(
      '요청 REQ7K2M9Q4T1(Jongno의 Pothole)이(가) 해결되었습니다. 문제가 해결되었나요?',
    );
    expect(email.text).toContain('> 포장을 새로 했습니다.');
    expect(email.text).toContain(
      '해결되었나요? 답변하기: https://wego.example/ko/requests/REQ7K2M9Q4T1/feedback?token=abc',
    );
  });

  it('asks without quoting an internal note', () => {
    const email = citizenResolvedEmail(
      request('en', { status: 'resolved' }),
      update({ status: 'resolved', note: 'Internal: billed to contractor', public: false }),
      links('en'),
    );
    expect(email.text).not.toContain('billed to contractor');
    expect(email.html).not.toContain('billed to contractor');
    expect(email.text).toContain('Please tell us if the problem is really fixed');
  });
});

describe('official emails follow the official, not the citizen', () => {
  it('writes to a French official about a request filed in Korean in French', () => {
    const email = assignmentEmail(request('ko'), official('fr'), OFFICIAL_URL);
    expect(email.subject).toBe('[WeGO CPS] Demande REQ7K2M9Q4T1 qui vous est confiée : Pothole à Jongno');
    expect(email.text).toContain('Langue du citoyen: 한국어');
  });

  it('writes in English to an official stored before languages existed', () => {
    const { language: _none, ...legacy } = official('en');
    expect(assignmentEmail(request('ko'), legacy, OFFICIAL_URL).subject).toBe(
      '[WeGO CPS] Request REQ7K2M9Q4T1 assigned to you: Pothole in Jongno',
    );
  });

  it('quotes the citizen\'s "not fixed" comment, or says there was none', () => {
    const answer = { at: '2026-07-18T08:00:00.000Z', resolvedAt: '2026-07-16T09:10:00.000Z', times: 1 };
    const withNote = reopenedEmail(
      request('en'),
      official('en'),
      { ...answer, note: 'Still a hole.' },
      OFFICIAL_URL,
    );
    expect(withNote.text).toContain("The citizen's comment:\n> Still a hole.");
    expect(withNote.text).toContain('was marked resolved on July 16, 2026 at 9:10 AM UTC');
    const without = reopenedEmail(request('en'), official('en'), answer, OFFICIAL_URL);
    expect(without.text).toContain('The citizen left no comment.');
  });
});

describe('the Secretariat', () => {
  it('reads English whatever the languages of the citizen and the official', () => {
    const r = request('ar', {
      assignedTo: official('zh'),
      overdue: true,
      escalatedAt: '2026-07-18T11:32:00.000Z',
    });
    const overdue = overdueRequestEmail(
      'secretariat@wego.example',
      r,
      'https://wego.example/en/official/requests/x',
    );
    const unrouted = unroutedRequestEmail(
      'secretariat@wego.example',
      { ...r, status: 'submitted', assignedTo: undefined },
      'https://wego.example/en/official/requests/x',
    );
    for (const email of [overdue, unrouted]) {
      expect(email.html).toContain('<html lang="en" dir="ltr">');
      expect(email.text).toContain('Citizen email: seoyeon@citizen.example');
    }
    expect(overdue.text).toContain('Overdue by: 1 day');
  });
});

describe('statusInWords', () => {
  it('words every status in every language', () => {
    expect(statusInWords('in_progress', 'ko')).toBe('처리 중');
    expect(statusInWords('resolved', 'ar')).toBe('تمت معالجته');
    expect(statusInWords('closed', 'fr')).toBe('clôturée');
    for (const lang of LANGUAGES) {
      const words = new Set(
        (['submitted', 'assigned', 'in_progress', 'resolved', 'closed'] as const).map((s) =>
          statusInWords(s, lang),
        ),
      );
      expect(words.size, lang).toBe(5);
    }
  });
});
