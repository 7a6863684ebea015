import { describe, expect, it, vi } from 'vitest';
import type { CivicRequest, RequestUpdate } from '../../../functions/cps/types.ts';

// The modules read their settings at module scope: set them before the first import.
vi.stubEnv('TABLE_NAME', 'wego-unit');
vi.stubEnv('PUBLIC_BASE_URL', 'https://wego.example');
vi.stubEnv('SECRETARIAT_EMAIL', 'secretariat@wego.example');
const { timeline, resolvedAt, timesReopened } = await import('../../../functions/cps/timeline.ts');
const { CitizenToken, hashToken, matchesAny, matchesHash, tokenHashesOf, tokenPuts } = await import(
  '../../../functions/cps/citizen-tokens.ts'
);
const { newRequestEmails, updateEmails, notFixedEmails } = await import(
  '../../../functions/cps/request-emails.ts'
);
const { publicView } = await import('../../../functions/cps/views.ts');

const roads = { name: 'Ana Souza', title: 'Head of Roads' };
const entry = (overrides: Partial<RequestUpdate>): RequestUpdate => ({
  at: '2026-07-15T10:00:00.000Z',
  actor: 'ana@city.example',
  status: 'in_progress',
  note: 'note',
  public: true,
  kind: 'update',
  ...overrides,
});

/** A request's whole life: filed and routed, worked on, resolved, reopened by the citizen, resolved, fixed. */
const life: RequestUpdate[] = [
  entry({
    at: 't01',
    actor: 'citizen',
    status: 'assigned',
    note: 'Assigned to Ana Souza, Head of Roads',
    kind: 'filed',
    official: roads,
  }),
  entry({ at: 't02', status: 'in_progress', note: 'Crew booked for Thursday', public: true }),
  entry({ at: 't03', status: 'in_progress', note: 'Internal: asphalt truck from depot 4', public: false }),
  entry({ at: 't04', status: 'in_progress', note: 'Rain delayed the work', public: true }),
  entry({
    at: 't05',
    status: 'assigned',
    note: 'Handed over to Rui Lima, Works: wider street',
    public: false,
    kind: 'handover',
    official: { name: 'Rui Lima', title: 'Works' },
  }),
  entry({ at: 't06', status: 'resolved', note: 'Internal: done by contractor X', public: false }),
  entry({
    at: 't07',
    actor: 'citizen',
    status: 'assigned',
    note: 'Still there, call me on 555-0100',
    public: false,
    kind: 'feedback',
  }),
  entry({
    at: 't08',
    actor: 'citizen',
    status: 'assigned',
    note: 'The citizen removed their contact details',
    public: false,
    kind: 'contact_removed',
  }),
  entry({ at: 't09', status: 'resolved', note: 'Filled again', public: true }),
  entry({ at: 't10', status: 'resolved', note: 'Photos added', public: true }),
  entry({
    at: 't11',
    actor: 'citizen',
    status: 'closed',
    note: 'The citizen says it is fixed',
    public: false,
    kind: 'feedback',
  }),
];

describe('the timeline of a request', () => {
  it('tells the whole life in plain events, with public notes only', () => {
    expect(timeline(life)).toEqual([
      { at: 't01', event: 'submitted' },
      { at: 't01', event: 'assigned', official: roads },
      { at: 't02', event: 'in_progress', note: 'Crew booked for Thursday' },
      { at: 't04', event: 'note', note: 'Rain delayed the work' },
      { at: 't05', event: 'assigned', official: { name: 'Rui Lima', title: 'Works' } },
      { at: 't06', event: 'resolved' },
      { at: 't07', event: 'reopened' },
      { at: 't09', event: 'resolved', note: 'Filled again' },
      { at: 't10', event: 'note', note: 'Photos added' },
      { at: 't11', event: 'fixed' },
    ]);
  });

  it("never carries internal notes, the citizen's comments or who acted", () => {
    const text = JSON.stringify(timeline(life));
    for (const secret of [
      'Internal',
      '555-0100',
      'ana@city.example',
      'citizen',
      'contractor',
      'Handed over',
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('reads histories written before entries had kinds', () => {
    const legacy: RequestUpdate[] = [
      {
        at: 'a',
        actor: 'citizen',
        status: 'submitted',
        note: 'Received; the Secretariat will find the official in charge',
        public: true,
      },
      {
        at: 'b',
        actor: 'sec@wego.example',
        status: 'assigned',
        note: 'Handed over to Ana Souza, Head of Roads: roads',
        public: false,
      },
      { at: 'c', actor: 'ana@city.example', status: 'closed', note: 'Closed', public: true },
      {
        at: 'd',
        actor: 'retention',
        status: 'closed',
        note: "The citizen's contact details were removed",
        public: false,
      },
    ];
    expect(timeline(legacy)).toEqual([
      { at: 'a', event: 'submitted' },
      { at: 'b', event: 'assigned' },
      { at: 'c', event: 'closed', note: 'Closed' },
    ]);
  });

  it('knows when the request was last resolved and how often it was reopened', () => {
    expect(resolvedAt(life)).toBe('t09');
    expect(resolvedAt(life.slice(0, 7))).toBe('t06');
    expect(resolvedAt(life.slice(0, 3))).toBeUndefined();
    expect(timesReopened(life)).toBe(1);
  });
});

const request = (overrides: Partial<CivicRequest> = {}): CivicRequest => ({
  id: 'REQ7K2M9Q4T1',
  cityId: 'seoul',
  cityName: 'Seoul',
  service: 'pothole',
  serviceName: 'Pothole',
  district: 'Jongno',
  description: 'Deep hole',
  contact: { name: 'Lee', email: 'lee@citizen.example', phone: '+82 2 1234 5678' },
  status: 'assigned',
  assignedTo: { officialId: 'o1', name: 'Ana', title: 'Roads', email: 'ana@city.example', language: 'fr' },
  language: 'ko',
  slaHours: 48,
  createdAt: '2026-07-15T11:32:00.000Z',
  updatedAt: '2026-07-15T11:32:00.000Z',
  expectedAt: '2026-07-17T11:32:00.000Z',
  ...overrides,
});

describe('the public view', () => {
  it('carries the timeline, the expected date and overdue, and nothing personal', () => {
    const view = publicView(request({ overdue: true, feedbackToken: 'f'.repeat(64) }), life);
    expect(view.timeline).toHaveLength(10);
    expect(view.expectedAt).toBe('2026-07-17T11:32:00.000Z');
    expect(view.overdue).toBe(true);
    const text = JSON.stringify(view);
    for (const secret of ['lee@citizen.example', '+82', 'ana@city.example', 'Internal', '555-0100', 'fff']) {
      expect(text).not.toContain(secret);
    }
  });
});

describe('citizen tokens', () => {
  it('are minted only when an email uses one: 256 random bits, base64url', () => {
    const token = new CitizenToken();
    expect(token.hash).toBeUndefined();
    expect(tokenPuts('R', token, 'now')).toEqual([]);
    const value = token.value;
    expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(token.value).toBe(value);
    expect(token.hash).toBe(hashToken(value));
    expect(new CitizenToken().value).not.toBe(value);
  });

  it("are stored as their SHA-256 only, in the request's partition", () => {
    const token = new CitizenToken();
    const value = token.value; // an email used it
    const [put] = tokenPuts('R1', token, '2026-07-15T00:00:00.000Z');
    expect(put?.Put?.Item).toEqual({
      pk: 'REQUEST#R1',
      sk: `TOKEN#${token.hash}`,
      createdAt: '2026-07-15T00:00:00.000Z',
    });
    expect(JSON.stringify(put)).not.toContain(value);
    expect(
      tokenHashesOf([{ sk: 'REQUEST' }, put?.Put?.Item as Record<string, unknown>, { sk: 'UPDATE#x' }]),
    ).toEqual([token.hash]);
  });

  it('match only their own hash', () => {
    const mine = new CitizenToken();
    const other = new CitizenToken();
    const hashes = [hashToken(new CitizenToken().value), hashToken(mine.value)];
    expect(matchesAny(mine.value, hashes)).toBe(true);
    expect(matchesAny(other.value, hashes)).toBe(false);
    expect(matchesAny(mine.value, [])).toBe(false);
    expect(matchesAny(mine.value, ['not-hex', ''])).toBe(false);
    expect(matchesHash(mine.value, mine.hash)).toBe(true);
    expect(matchesHash(other.value, mine.hash)).toBe(false);
    expect(matchesHash(mine.value, undefined)).toBe(false);
  });
});

describe("the emails of each change link pages in each reader's language", () => {
  it('a new request: the French official gets the official page in French, the Korean citizen their page and contact link in Korean', () => {
    const token = new CitizenToken();
    const [official, citizen] = newRequestEmails(request(), token);
    expect(official?.to).toEqual(['ana@city.example']);
    expect(official?.html).toContain('href="https://wego.example/fr/official/requests/REQ7K2M9Q4T1"');
    expect(citizen?.to).toEqual(['lee@citizen.example']);
    expect(citizen?.html).toContain('href="https://wego.example/ko/requests/REQ7K2M9Q4T1"');
    expect(citizen?.html).toContain(
      `href="https://wego.example/ko/requests/REQ7K2M9Q4T1/contact?token=${token.value}"`,
    );
    expect(citizen?.html).not.toContain('/cities/');
  });

  it("a new request without the citizen's email mints no token; an unrouted one links the Secretariat's English page", () => {
    const token = new CitizenToken();
    const emails = newRequestEmails(
      request({ contact: { phone: '+82 2 1234 5678' }, assignedTo: undefined, status: 'submitted' }),
      token,
    );
    expect(emails).toHaveLength(1);
    expect(emails[0]?.to).toEqual(['secretariat@wego.example']);
    expect(emails[0]?.html).toContain('href="https://wego.example/en/official/requests/REQ7K2M9Q4T1"');
    expect(token.hash).toBeUndefined();
  });

  it('a resolution asks "is it fixed?" with a feedback link, even when its note is internal', () => {
    const token = new CitizenToken();
    const before = request({ status: 'in_progress' });
    const [email, ...more] = updateEmails(
      before,
      { ...before, status: 'resolved' },
      entry({ status: 'resolved', public: false, note: 'internal' }),
      token,
    );
    expect(more).toEqual([]);
    expect(email?.html).toContain(
      `href="https://wego.example/ko/requests/REQ7K2M9Q4T1/feedback?token=${token.value}"`,
    );
    expect(email?.html).toContain(`/ko/requests/REQ7K2M9Q4T1/contact?token=${token.value}`);
    expect(email?.text).not.toContain('internal');
  });

  it('a public update tells the news; an internal one, or a citizen without email, sends nothing and mints nothing', () => {
    const before = request({ status: 'in_progress' });
    const news = new CitizenToken();
    expect(updateEmails(before, before, entry({ note: 'Crew booked' }), news)[0]?.text).toContain(
      '> Crew booked',
    );
    expect(news.hash).toBeDefined();
    const quiet = new CitizenToken();
    expect(updateEmails(before, before, entry({ public: false }), quiet)).toEqual([]);
    const anonymous = request({ contact: undefined });
    expect(
      updateEmails(anonymous, { ...anonymous, status: 'resolved' }, entry({ status: 'resolved' }), quiet),
    ).toEqual([]);
    expect(quiet.hash).toBeUndefined();
  });

  it('a further public note on a resolved request is news, not a second "is it fixed?"', () => {
    const resolved = request({ status: 'resolved' });
    const [email] = updateEmails(
      resolved,
      resolved,
      entry({ status: 'resolved', note: 'Photos added' }),
      new CitizenToken(),
    );
    expect(email?.html).not.toContain('/feedback?');
  });

  it('"not fixed" emails the official in charge in their language, with the comment', () => {
    const [email] = notFixedEmails(request(), {
      at: '2026-07-18T08:00:00.000Z',
      resolvedAt: '2026-07-16T09:10:00.000Z',
      note: 'Encore là',
      times: 1,
    });
    expect(email?.to).toEqual(['ana@city.example']);
    expect(email?.subject).toContain('le citoyen indique que ce n’est pas réglé');
    expect(email?.text).toContain('> Encore là');
    expect(email?.html).toContain('href="https://wego.example/fr/official/requests/REQ7K2M9Q4T1"');
  });
});
