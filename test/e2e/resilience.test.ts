import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { PutCommand, QueryCommand, ScanCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../functions/routes.ts';
import { type Role, type RouteSpec, routeKey } from '../../functions/shared/route.ts';
import { paths } from '../../lib/local/cloud.ts';
import {
  applicationForm,
  associateCity,
  ballotOf,
  committee,
  secretariat,
  setRoster,
  startVote,
  submit,
} from './membership-support.ts';
import {
  type CallOptions,
  call,
  db,
  inbox,
  stateDir,
  tableName,
  template,
  tokenFor,
  waitForEmail,
} from './support.ts';

/** The regional office for Asia in the deployment's default configuration (lib/config.ts). */
const CHENGDU = 'chengdu@wego.example';

/**
 * The resilience suite: email is an outbox that never holds up or loses a change, a poison outbox item
 * ends in the DLQ without blocking the others, racing status changes have exactly one winner, and no
 * body whatever makes a route fail (5xx) or write half of a change. What the local stack cannot
 * simulate (SES failing) is in test/integration/resilience.test.ts; the DLQ alarm in
 * test/infra/resilience.test.ts.
 */

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface CpsCity {
  id: string;
  officials: { id: string; email: string }[];
}

/** A member city with one service, `n` officials, and a default rule to the first one. */
async function cpsCity(n: number): Promise<CpsCity> {
  const { id } = await associateCity(applicationForm({ country: 'KE', region: 'africa' }));
  const token = await secretariat();
  const services = { services: [{ code: 'pothole', name: 'Potholes', slaHours: 48 }] };
  expect((await call(`/cities/${id}/services`, { method: 'PUT', token, json: services })).status).toBe(200);
  const officials: CpsCity['officials'] = [];
  for (let i = 0; i < n; i++) {
    const tag = randomUUID().slice(0, 8);
    const res = await call(`/cities/${id}/officials`, {
      method: 'POST',
      token,
      json: { name: `Official ${i} ${tag}`, title: `Title ${i}`, email: `official${i}-${tag}@city.example` },
    });
    expect(res.status).toBe(201);
    officials.push({ id: res.body.id, email: res.body.email });
  }
  const rules = { rules: [{ district: '*', service: '*', officialId: officials[0]?.id }] };
  expect((await call(`/cities/${id}/routing`, { method: 'PUT', token, json: rules })).status).toBe(200);
  return { id, officials };
}

async function fileRequest(cityId: string, contactEmail?: string) {
  const res = await call(`/cities/${cityId}/requests`, {
    method: 'POST',
    json: {
      service: 'pothole',
      district: 'Kibera',
      description: `Pothole ${randomUUID()}`,
      ...(contactEmail ? { contact: { email: contactEmail } } : {}),
    },
  });
  expect(res.status).toBe(201);
  return res.body as { id: string; status: string };
}

/** Outbox items whose subject contains `text`. A Scan is fine in a test; production code never scans. */
async function outboxItems(text: string): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  for (let page = 0; page < 500; page++) {
    const out = await db().send(
      new ScanCommand({
        TableName: tableName(),
        FilterExpression: 'begins_with(pk, :outbox) AND contains(subject, :text)',
        ExpressionAttributeValues: { ':outbox': 'OUTBOX#', ':text': text },
        ExclusiveStartKey: start,
      }),
    );
    found.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
    if (!start) return found;
  }
  throw new Error('the outbox scan did not finish in 500 pages');
}

/** Waits until the inbox has not grown for `quietMs`, so earlier emails are out of the stream (bounded). */
async function drainOutbox(quietMs = 1000, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  let count = (await inbox()).length;
  while (Date.now() < deadline) {
    await sleep(quietMs);
    const now = (await inbox()).length;
    if (now === count) return;
    count = now;
  }
}

// ---------------------------------------------------------------------------------------------
// The outbox: a change is stored and answered without waiting for SES.
// ---------------------------------------------------------------------------------------------

describe('email is an outbox written with the change, never a call the change waits for', () => {
  it('an application, its acceptance and a civic request each leave their emails in the table, in the same write', async () => {
    const form = applicationForm();
    const submitted = await call('/applications', { method: 'POST', json: form });
    expect(submitted.status).toBe(201);
    const acks = await outboxItems(form.city.name);
    // The contact, the Mayor's office and the regional office of the city's region (Asia: Chengdu).
    expect(acks.map((i) => i.to).sort()).toEqual(
      [[form.contact.email], [form.mayor.officeEmail], [CHENGDU]].sort(),
    );

    const accepted = await call(`/applications/${submitted.body.id}/accept`, {
      method: 'POST',
      token: await secretariat(),
    });
    expect(accepted.status).toBe(200);
    const acceptance = (await outboxItems(form.city.name)).filter((i) =>
      String(i.subject).includes('Associate Member'),
    );
    expect(acceptance.map((i) => i.to).sort()).toEqual([[form.mayor.officeEmail], [CHENGDU]].sort());

    const city = await cpsCity(1);
    const citizen = `citizen-${randomUUID().slice(0, 8)}@citizen.example`;
    const request = await fileRequest(city.id, citizen);
    const emails = await outboxItems(request.id);
    expect(emails.map((i) => i.to).sort()).toEqual([[citizen], [city.officials[0]?.email]].sort());
    // Each item is the email as it will be sent (or was: the notifier keeps to and subject, drops the body).
    for (const item of emails) expect(item).toMatchObject({ sk: 'EMAIL', createdAt: expect.any(String) });
  });
});

// ---------------------------------------------------------------------------------------------
// A poison outbox item: retried, then the DLQ; the stream moves on.
// ---------------------------------------------------------------------------------------------

interface DlqLine {
  requestContext: { condition: string; approximateInvokeCount: number };
  DDBStreamBatchInfo: { batchSize: number; startSequenceNumber: string };
}

function dlqFile(): string {
  const mapping = template()
    .streamMappings()
    .find((m) => JSON.stringify(m.filterPatterns).includes('OUTBOX#'));
  if (!mapping) throw new Error('the template has no outbox stream mapping');
  return paths(stateDir()).dlq(mapping.id);
}

const dlqLines = (): DlqLine[] =>
  existsSync(dlqFile())
    ? readFileSync(dlqFile(), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as DlqLine)
    : [];

async function waitForDlq(count: number, timeoutMs = 20_000): Promise<DlqLine[]> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const lines = dlqLines();
    if (lines.length >= count) return lines;
    await sleep(200);
  }
  throw new Error(`the DLQ did not reach ${count} line(s) within ${timeoutMs} ms`);
}

const poisonItem = () => ({
  pk: `OUTBOX#poison-${randomUUID()}`,
  sk: 'EMAIL',
  type: 'email',
  // no `to`: the notifier can never send this one
  subject: 'Poison',
  html: '<p>x</p>',
  text: 'x',
  createdAt: new Date().toISOString(),
});

const validItem = (subject: string) => ({
  pk: `OUTBOX#after-poison-${randomUUID()}`,
  sk: 'EMAIL',
  type: 'email',
  to: ['ops@city.example'],
  subject,
  html: '<p>Still delivered</p>',
  text: 'Still delivered',
  createdAt: new Date().toISOString(),
});

describe('a poison outbox item', () => {
  it('ends in the DLQ after the retries, and the email written after it is still delivered', async () => {
    await drainOutbox();
    const before = dlqLines().length;
    const poison = poisonItem();
    await db().send(new PutCommand({ TableName: tableName(), Item: poison }));
    // Written while the poller retries the poison record (100 ms, doubling, 5 retries: about 3 s).
    await sleep(1000);
    const subject = `After poison ${randomUUID()}`;
    await db().send(new PutCommand({ TableName: tableName(), Item: validItem(subject) }));

    const lines = await waitForDlq(before + 1);
    expect(lines.slice(before)).toEqual([
      expect.objectContaining({
        requestContext: expect.objectContaining({
          condition: 'RetryAttemptsExhausted',
          approximateInvokeCount: 6,
        }),
        DDBStreamBatchInfo: expect.objectContaining({ batchSize: 1 }),
      }),
    ]);
    const email = await waitForEmail((e) => e.subject === subject, 20_000);
    expect(email.destination.to).toEqual(['ops@city.example']);
    // The poison item is still there, unsent, for an operator to fix and replay.
    const kept = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': poison.pk },
        ConsistentRead: true,
      }),
    );
    expect(kept.Items?.[0]?.sentAt).toBeUndefined();
  });

  // The notifier goes on after a failed record and reports each failure alone: a poison email does not
  // take the valid ones of its batch to the DLQ with it.
  it('does not take down a valid email written in the same batch', async () => {
    await drainOutbox();
    const before = dlqLines().length;
    const subject = `Same batch as poison ${randomUUID()}`;
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: tableName(), Item: poisonItem() } },
          { Put: { TableName: tableName(), Item: validItem(subject) } },
        ],
      }),
    );
    await waitForDlq(before + 1);
    await waitForEmail((e) => e.subject === subject, 5000);
  });
});

// ---------------------------------------------------------------------------------------------
// Racing status changes: one winner.
// ---------------------------------------------------------------------------------------------

describe('racing status changes', () => {
  let city: CpsCity;
  beforeAll(async () => {
    city = await cpsCity(6);
  }, 60_000);

  const statuses = (results: { status: number }[]) => results.map((r) => r.status).sort();

  it('ten updates closing one request at once: exactly one 201, nine 409, one entry, one email', async () => {
    const citizen = `racer-${randomUUID().slice(0, 8)}@citizen.example`;
    const request = await fileRequest(city.id, citizen);
    const token = await tokenFor('official', city.officials[0]?.email);
    const notes = Array.from({ length: 10 }, (_, i) => `race note ${i} ${randomUUID()}`);
    const results = await Promise.all(
      notes.map((note) =>
        call(`/requests/${request.id}/updates`, {
          method: 'POST',
          token,
          json: { status: 'closed', note, public: true },
        }),
      ),
    );
    expect(statuses(results)).toEqual([201, ...Array(9).fill(409)]);
    const winner = results.find((r) => r.status === 201)?.body.updates.at(-1).note;
    const seen = await call(`/requests/${request.id}`, { token: await secretariat() });
    expect(seen.body.status).toBe('closed');
    expect(seen.body.updates.filter((u: { status: string }) => u.status === 'closed')).toHaveLength(1);
    expect(seen.body.updates.at(-1).note).toBe(winner);
    await waitForEmail((e) => e.destination.to.includes(citizen) && (e.body.text ?? '').includes(winner));
    await sleep(500);
    const sent = (await inbox()).filter((e) => notes.some((n) => (e.body.text ?? '').includes(n)));
    expect(sent).toHaveLength(1);
  });

  it('ten updates moving a request assigned → in_progress: the move happens exactly once', async () => {
    const request = await fileRequest(city.id);
    const token = await tokenFor('official', city.officials[0]?.email);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        call(`/requests/${request.id}/updates`, {
          method: 'POST',
          token,
          json: { status: 'in_progress', note: `race ${i}` },
        }),
      ),
    );
    // The status rules let an in_progress request take an in_progress note (a note without a move), so
    // a racer that read the request after the winner wrote is a legitimate 201. A 201 whose own read
    // (the updates before its entry) already held in_progress is such a note; the rest made the move.
    const created = results.filter((r) => r.status === 201);
    expect(results.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    const moves = created.filter((r) =>
      r.body.updates.slice(0, -1).every((u: { status: string }) => u.status !== 'in_progress'),
    );
    expect(moves).toHaveLength(1);
    const seen = await call(`/requests/${request.id}`, { token: await secretariat() });
    expect(seen.body.status).toBe('in_progress');
    // Every 201 is one stored entry and every 409 stored nothing.
    expect(seen.body.updates.filter((u: { note: string }) => u.note.startsWith('race '))).toHaveLength(
      created.length,
    );
  });

  it('five hand-overs to five officials: exactly one 200, the request ends with that official, who alone is emailed', async () => {
    const request = await fileRequest(city.id);
    const token = await tokenFor('official', city.officials[0]?.email);
    const targets = city.officials.slice(1, 6);
    const results = await Promise.all(
      targets.map((t) =>
        call(`/requests/${request.id}/assign`, {
          method: 'POST',
          token,
          json: { officialId: t.id, reason: `race to ${t.id}` },
        }),
      ),
    );
    const won = results.filter((r) => r.status === 200);
    expect(won).toHaveLength(1);
    // The others lost the conditional write (409), or read the request after the hand-over, when its
    // first official was no longer in charge (403).
    expect(results.every((r) => [200, 403, 409].includes(r.status))).toBe(true);
    const winner = targets.find((t) => t.email === won[0]?.body.assignedTo.email);
    expect(winner).toBeDefined();
    const seen = await call(`/requests/${request.id}`, { token: await secretariat() });
    expect(seen.body.assignedTo.email).toBe(winner?.email);
    expect(seen.body.updates.filter((u: { note: string }) => u.note.startsWith('Handed over'))).toHaveLength(
      1,
    );
    await waitForEmail(
      (e) => e.destination.to.includes(winner?.email ?? '') && e.subject.includes(request.id),
    );
    await sleep(500);
    const losers = targets.filter((t) => t !== winner).map((t) => t.email);
    expect(
      (await inbox()).filter(
        (e) => e.subject.includes(request.id) && e.destination.to.some((to) => losers.includes(to)),
      ),
    ).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Property-based fuzzing of every JSON route with a body.
// ---------------------------------------------------------------------------------------------

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH']);
const PROBE = '__fuzz_probe__';

const fillDummy = (path: string) =>
  path.replace(/\{(\w+)\+?\}/g, (_, n: string) => `fuzz-${n.toLowerCase()}`);

/** A route takes a JSON body iff an unknown key in it is refused by name, even with ids that do not exist. */
async function takesJsonBody(route: RouteSpec, token: string | undefined): Promise<boolean> {
  const res = await call(fillDummy(route.path), {
    method: route.method,
    ...(token ? { token } : {}),
    json: { [PROBE]: 1 },
  });
  return (
    res.status === 400 && (res.body?.errors ?? []).some((e: { path: string }) => e.path === `body.${PROBE}`)
  );
}

/** Strings that have broken parsers, stores and emails before. */
const nastyString = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\r\n',
    'a\r\nBcc: x@evil.example',
    '\u0000',
    '\u2028',
    '\uD800',
    'a\uDFFFb',
    '\uFEFF',
    '<script>alert(1)</script>',
    "' OR '1'='1",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a log4j-style lookup, meant literally
    '${jndi:ldap://x}',
    '../../etc/passwd',
    '*',
    'null',
    '%00',
    '__proto__',
    'constructor',
  ),
  fc.integer({ min: 1000, max: 60_000 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 1000, max: 15_000 }).map((n) => 'é'.repeat(n)),
);

const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  fc.jsonValue({ maxDepth: 2, stringUnit: 'grapheme' }),
  fc.constantFrom(null, true, false, 0, -1, 1e308, -0, 2 ** 53 + 1, [], {}),
  fc.double(),
  fc.integer(),
  fc.array(nastyString, { maxLength: 5 }),
  fc.dictionary(nastyString, nastyString, { maxKeys: 4 }),
);

type Json = unknown;
type Path = (string | number)[];

function pathsOf(value: Json, at: Path = []): Path[] {
  const out: Path[] = [at];
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) out.push(...pathsOf(v, [...at, i]));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...at, k]));
  }
  return out;
}

interface Mutation {
  at: number;
  kind: 'replace' | 'delete' | 'add';
  key: string;
  value: unknown;
}

/** Applies mutations to a copy of a valid body: wrong types, missing and extra fields, nasty strings. */
function mutate(valid: Json, mutations: Mutation[]): Json {
  let body: Json = structuredClone(valid);
  for (const m of mutations) {
    const all = pathsOf(body);
    const path = all[m.at % all.length] as Path;
    if (path.length === 0) {
      if (m.kind === 'replace') body = m.value;
      else if (m.kind === 'add' && body && typeof body === 'object' && !Array.isArray(body))
        Object.defineProperty(body, m.key, {
          value: m.value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      continue;
    }
    const parent = path.slice(0, -1).reduce<Json>((o, k) => (o as Record<string | number, Json>)[k], body) as
      | Record<string | number, Json>
      | Json[];
    const last = path.at(-1) as string | number;
    if (m.kind === 'replace') (parent as Record<string | number, Json>)[last] = m.value;
    else if (m.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(last as number, 1);
      else delete (parent as Record<string, Json>)[last];
    } else {
      const target = (parent as Record<string | number, Json>)[last];
      if (Array.isArray(target)) target.push(m.value);
      else if (target && typeof target === 'object')
        Object.defineProperty(target, m.key, {
          value: m.value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
    }
  }
  return body;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat({ max: 1000 }),
  kind: fc.constantFrom('replace', 'delete', 'add'),
  key: fc.oneof(nastyString, fc.constantFrom('status', 'assignedTo', 'overdue', 'expectedAt', 'id', 'admin')),
  value: nastyValue,
});

/** Mostly mutations of a valid body (they reach deep validation and, now and then, a write), some pure noise. */
const bodies = (valid: Json): fc.Arbitrary<Json> =>
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }).map((ms) => mutate(valid, ms)),
    },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3, stringUnit: 'grapheme' }) },
    { weight: 1, arbitrary: nastyValue },
  );

/** What one route may change, read straight from the table (consistent reads): its footprint. */
type Footprint = () => Promise<string>;

const partition =
  (pk: string, skPrefix?: string): Footprint =>
  async () => {
    const items: unknown[] = [];
    let start: Record<string, unknown> | undefined;
    for (let page = 0; page < 50; page++) {
      const out = await db().send(
        new QueryCommand({
          TableName: tableName(),
          KeyConditionExpression: skPrefix ? 'pk = :pk AND begins_with(sk, :sk)' : 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk, ...(skPrefix ? { ':sk': skPrefix } : {}) },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
      if (!start) break;
    }
    return JSON.stringify(items);
  };

const indexCount =
  (index: string, key: () => string): Footprint =>
  async () => {
    let count = 0;
    let start: Record<string, unknown> | undefined;
    for (let page = 0; page < 50; page++) {
      const out = await db().send(
        new QueryCommand({
          TableName: tableName(),
          IndexName: index,
          KeyConditionExpression: `${index}pk = :pk`,
          ExpressionAttributeValues: { ':pk': key() },
          Select: 'COUNT',
          ExclusiveStartKey: start,
        }),
      );
      count += out.Count ?? 0;
      start = out.LastEvaluatedKey;
      if (!start) break;
    }
    return String(count);
  };

const both =
  (...fs: Footprint[]): Footprint =>
  async () =>
    (await Promise.all(fs.map((f) => f()))).join('|');

interface FuzzTarget {
  path: string;
  token: string | undefined;
  valid: Json;
  footprint?: Footprint;
}

/**
 * The knowledge platform's objects for the fuzzing: two member cities with their representatives, a
 * draft, a practice in review, a published one, a conversation and a question with an answer. The
 * published practice's own partition changes in the background (machine translations), so routes on
 * it are watched through the items they write.
 */
async function knowledgeObjects() {
  const [a, b] = await Promise.all([associateCity(), associateCity()]);
  const repA = await tokenFor('member', a.form.contact.email);
  const repB = await tokenFor('member', b.form.contact.email);
  const sec = await secretariat();
  const practice = {
    title: 'Fuzz practice',
    summary: 'What it is',
    language: 'en',
    themes: ['mobility'],
    sdgs: [11],
    stage: 'pilot',
    yearStarted: 2024,
    costRange: '10k-100k',
    technologies: ['IoT'],
    partners: ['A vendor'],
    links: [{ url: 'https://city.example/p', title: 'Page' }],
    sections: { problem: 'A problem', solution: 'A solution', results: '**30%** less' },
  };
  const create = async () =>
    (await call('/practices', { method: 'POST', token: repA, json: practice })).body.id as string;
  const [draft, inReview, published] = await Promise.all([create(), create(), create()]);
  for (const id of [inReview, published])
    await call(`/practices/${id}/submit`, { method: 'POST', token: repA });
  await call(`/practices/${published}/publish`, { method: 'POST', token: sec });
  const conversation = (
    await call(`/practices/${published}/contact`, { method: 'POST', token: repB, json: { message: 'Hello' } })
  ).body.id as string;
  const question = (
    await call('/questions', {
      method: 'POST',
      token: repB,
      json: { title: 'Q', body: 'B', themes: ['mobility'] },
    })
  ).body.id as string;
  const answer = (
    await call(`/questions/${question}/answers`, { method: 'POST', token: repA, json: { body: 'A' } })
  ).body.id as string;
  const targets: Record<string, Omit<FuzzTarget, 'token'> & { token?: string }> = {
    'PUT /cities/{cityId}/representatives': {
      path: `/cities/${a.id}/representatives`,
      valid: {
        representatives: [{ name: a.form.contact.name, email: a.form.contact.email, language: 'ko' }],
      },
      footprint: partition(`CITY#${a.id}`),
    },
    'POST /practices': {
      path: '/practices',
      token: repA,
      valid: practice,
      footprint: indexCount('gsi1', () => `PRACTICES#${a.id}`),
    },
    'PATCH /practices/{id}': {
      path: `/practices/${draft}`,
      token: repA,
      valid: { title: 'New title', sections: { lessons: 'Start small', results: null }, sdgs: [3, 11] },
      footprint: partition(`PRACTICE#${draft}`),
    },
    'PUT /practices/{id}/translations/{lang}': {
      path: `/practices/${draft}/translations/fr`,
      token: repA,
      valid: { title: 'Titre', summary: 'Résumé', sections: { problem: 'Problème', solution: 'Solution' } },
      footprint: partition(`PRACTICE#${draft}`),
    },
    'POST /practices/{id}/attachments': {
      path: `/practices/${draft}/attachments`,
      token: repA,
      valid: { fileName: 'Report.pdf', contentType: 'application/pdf', size: 2048 },
      footprint: partition(`PRACTICE#${draft}`),
    },
    'POST /practices/{id}/return': {
      path: `/practices/${inReview}/return`,
      token: sec,
      valid: { reason: 'fuzz' },
      footprint: partition(`PRACTICE#${inReview}`),
    },
    'POST /practices/{id}/contact': {
      path: `/practices/${published}/contact`,
      token: repB,
      valid: { message: 'How?' },
    },
    'POST /conversations/{id}/messages': {
      path: `/conversations/${conversation}/messages`,
      token: repA,
      valid: { message: 'Like this' },
      footprint: partition(`CONVERSATION#${conversation}`, 'MESSAGE#'),
    },
    'POST /practices/{id}/adoptions': {
      path: `/practices/${published}/adoptions`,
      token: repB,
      valid: { note: 'We adopted it' },
      footprint: partition(`PRACTICE#${published}`, 'ADOPTION#'),
    },
    'PUT /me/follows': {
      path: '/me/follows',
      token: repB,
      valid: { themes: ['mobility', 'safe-city'], language: 'es' },
      footprint: partition(`FOLLOWER#${b.form.contact.email}`),
    },
    'POST /questions': {
      path: '/questions',
      token: repA,
      valid: { title: 'How?', body: 'Tell us', themes: ['safe-city'] },
      footprint: indexCount('gsi1', () => 'QUESTIONS'),
    },
    'POST /questions/{id}/answers': {
      path: `/questions/${question}/answers`,
      token: repA,
      valid: { body: 'Like this' },
      footprint: partition(`QUESTION#${question}`),
    },
    'POST /questions/{id}/hide': {
      path: `/questions/${question}/hide`,
      token: sec,
      valid: { reason: 'fuzz' },
      footprint: partition(`QUESTION#${question}`),
    },
    'POST /questions/{id}/answers/{answerId}/hide': {
      path: `/questions/${question}/answers/${answer}/hide`,
      token: sec,
      valid: { reason: 'fuzz' },
      footprint: partition(`QUESTION#${question}`),
    },
  };
  return { targets };
}

describe('fuzzing every JSON route with a body (fast-check)', () => {
  const RUNS = 25;
  let jsonRoutes: RouteSpec[];
  const targets = new Map<string, FuzzTarget>();

  beforeAll(async () => {
    const tokenOf = async (route: RouteSpec) =>
      route.access === 'public' ? undefined : await tokenFor(route.access[0] as Role);
    jsonRoutes = [];
    for (const route of routes.filter((r) => WRITE_METHODS.has(r.method))) {
      if (await takesJsonBody(route, await tokenOf(route))) jsonRoutes.push(route);
    }

    // Real objects behind the path parameters, so valid-looking bodies reach the writes.
    await setRoster();
    const city = await cpsCity(2);
    const fuzzCitizen = `fuzz-${randomUUID().slice(0, 8)}@citizen.example`;
    const request = await fileRequest(city.id, fuzzCitizen);
    // The token of the citizen's confirmation (its "remove my contact details" link).
    const confirmation = await waitForEmail(
      (e) => e.destination.to.includes(fuzzCitizen) && e.subject.includes(request.id),
    );
    const citizenToken = /\?token=([A-Za-z0-9_-]{43})/.exec(confirmation.body.text ?? '')?.[1] ?? '';
    const [toReject, toWithdraw] = await Promise.all([submit(), submit()]);
    const voting = await associateCity();
    const { approvalId } = await startVote(voting.id);
    const ballotId = await ballotOf(committee[1]?.email ?? '', voting.form.city.name);
    const [o1, o2] = city.officials as [CpsCity['officials'][number], CpsCity['officials'][number]];
    const sec = await secretariat();
    const month = () => new Date().toISOString().slice(0, 7);
    const cityPartition = partition(`CITY#${city.id}`);
    const k = await knowledgeObjects();
    const known: Record<string, Omit<FuzzTarget, 'token'> & { token?: string }> = {
      'POST /approvals/{approvalId}/votes': {
        path: `/approvals/${approvalId}/votes`,
        token: await tokenFor('committee', committee[0]?.email),
        valid: { decision: 'approve', comment: 'fuzz' },
        // VOTER# items only: the vote's expiry rewrites META in the background.
        footprint: partition(`APPROVAL#${approvalId}`, 'VOTER#'),
      },
      'POST /ballots/{ballotId}': {
        path: `/ballots/${ballotId}`,
        valid: { decision: 'reject' },
        footprint: partition(`APPROVAL#${approvalId}`, 'VOTER#'),
      },
      'POST /applications': {
        path: '/applications',
        valid: applicationForm(),
        footprint: indexCount('gsi1', () => 'CITY#STATUS#submitted'),
      },
      'POST /applications/{id}/reject': {
        path: `/applications/${toReject.id}/reject`,
        valid: { reason: 'fuzz' },
        footprint: partition(`CITY#${toReject.id}`),
      },
      'POST /members/{id}/withdraw': {
        path: `/members/${toWithdraw.id}/withdraw`,
        valid: { reason: 'fuzz' },
        footprint: partition(`CITY#${toWithdraw.id}`),
      },
      'PUT /committee': {
        path: '/committee',
        valid: { members: committee },
        footprint: partition('COMMITTEE'),
      },
      'PUT /cities/{cityId}/services': {
        path: `/cities/${city.id}/services`,
        valid: {
          services: [
            {
              code: 'pothole',
              name: 'Potholes',
              description: 'd',
              group: 'g',
              slaHours: 48,
              // Optional, so that the requests fuzzed next may leave it out.
              attributes: [
                {
                  code: 'size',
                  datatype: 'singlevaluelist',
                  required: false,
                  description: 'How big?',
                  order: 1,
                  values: [{ key: 'big', name: 'Big' }],
                },
              ],
            },
          ],
        },
        footprint: cityPartition,
      },
      'POST /cities/{cityId}/officials': {
        path: `/cities/${city.id}/officials`,
        valid: {
          name: 'Fuzz Official',
          title: 'T',
          email: `fuzz-${randomUUID().slice(0, 6)}@city.example`,
          phone: '+1 555 0100',
          language: 'fr',
        },
        footprint: cityPartition,
      },
      'PUT /cities/{cityId}/routing': {
        path: `/cities/${city.id}/routing`,
        valid: {
          rules: [
            { district: '*', service: '*', officialId: o1.id },
            { district: 'Kibera', service: 'pothole', officialId: o2.id },
          ],
        },
        footprint: cityPartition,
      },
      'POST /cities/{cityId}/requests': {
        path: `/cities/${city.id}/requests`,
        valid: {
          service: 'pothole',
          district: 'Kibera',
          description: 'fuzz',
          location: { lat: -1.3, lng: 36.8 },
          address: 'Road 1',
          contact: { name: 'N', email: 'fuzz@citizen.example', phone: '+254 700 000000' },
          language: 'ar',
        },
        footprint: both(
          cityPartition,
          indexCount('gsi2', () => `CITY#${city.id}#REQ#${month()}`),
        ),
      },
      // Writes one pending upload under a fresh key when it accepts, nothing before its checks pass.
      'POST /cities/{cityId}/request-photos': {
        path: `/cities/${city.id}/request-photos`,
        valid: { contentType: 'image/jpeg', size: 204_800 },
      },
      'POST /cities/{cityId}/open311-keys': {
        path: `/cities/${city.id}/open311-keys`,
        token: sec,
        valid: { label: 'fuzz' },
        footprint: cityPartition,
      },
      'POST /requests/{id}/updates': {
        path: `/requests/${request.id}/updates`,
        token: await tokenFor('official', o1.email),
        valid: { status: 'in_progress', note: 'fuzz', public: true },
        footprint: partition(`REQUEST#${request.id}`),
      },
      ...k.targets,
      'POST /requests/{id}/assign': {
        path: `/requests/${request.id}/assign`,
        token: await tokenFor('official', o1.email),
        valid: { officialId: o2.id, reason: 'fuzz' },
        footprint: partition(`REQUEST#${request.id}`),
      },
      'POST /requests/{id}/feedback': {
        path: `/requests/${request.id}/feedback`,
        valid: { token: citizenToken, fixed: false, note: 'fuzz' },
        footprint: partition(`REQUEST#${request.id}`),
      },
      'POST /requests/{id}/contact/removal': {
        path: `/requests/${request.id}/contact/removal`,
        valid: { token: citizenToken },
        footprint: partition(`REQUEST#${request.id}`),
      },
    };
    // The vote closes after E2E_VOTING_SECONDS: fuzz the vote routes first, while it is open.
    jsonRoutes.sort(
      (a, b) => Number(!!b.path.match(/votes|ballots/)) - Number(!!a.path.match(/votes|ballots/)),
    );
    for (const route of jsonRoutes) {
      const k = known[routeKey(route)];
      targets.set(routeKey(route), {
        path: k?.path ?? fillDummy(route.path),
        token: k && 'token' in k ? k.token : await tokenOf(route),
        valid: k?.valid ?? {},
        ...(k?.footprint ? { footprint: k.footprint } : {}),
      });
    }
  }, 120_000);

  it('finds the JSON routes in the catalogue (the probe is not vacuous)', () => {
    const keys = jsonRoutes.map(routeKey);
    expect(keys).toEqual(
      expect.arrayContaining(['POST /applications', 'PUT /committee', 'POST /cities/{cityId}/requests']),
    );
    // Routes without a JSON body are not fuzzed with JSON: the Open311 form route, the body-less decisions.
    expect(keys).not.toContain('POST /open311/v2/{cityId}/{document}');
    expect(keys).not.toContain('POST /applications/{id}/accept');
  });

  it('never answers 5xx, answers every refusal as a clean problem, and leaves no partial write behind a 4xx', async () => {
    const report: string[] = [];
    try {
      for (const route of jsonRoutes) {
        const key = routeKey(route);
        const target = targets.get(key) as FuzzTarget;
        let counts = { ok: 0, refused: 0 };
        await fc.assert(
          fc.asyncProperty(bodies(target.valid), async (body) => {
            const before = await target.footprint?.();
            const options: CallOptions = {
              method: route.method,
              ...(target.token ? { token: target.token } : {}),
              json: body,
            };
            const res = await call(target.path, options);
            const what = `${key} ${res.status} ${res.text.slice(0, 200)}`;
            expect(res.status, what).toBeLessThan(500);
            if (res.status < 400) {
              counts = { ...counts, ok: counts.ok + 1 };
              return;
            }
            counts = { ...counts, refused: counts.refused + 1 };
            expect(res.headers.get('content-type'), what).toContain('application/problem+json');
            expect(res.body?.status, what).toBe(res.status);
            expect(res.text, what).not.toMatch(
              /\bat\s+\S+\s+\(|\w+Exception\b|node_modules|\.(ts|js|mjs):\d+/,
            );
            if (target.footprint)
              expect(await target.footprint(), `${what}: a refused call wrote`).toBe(before);
          }),
          { numRuns: RUNS, endOnFailure: true },
        );
        report.push(`${key}: ${counts.ok} accepted, ${counts.refused} refused`);
      }
    } finally {
      // Restore what the committee fuzzing may have replaced, pass or fail.
      await setRoster();
    }
    console.log(`fuzzed ${jsonRoutes.length} routes x ${RUNS} bodies\n${report.join('\n')}`);
    expect(report).toHaveLength(jsonRoutes.length);
  }, 900_000);
});
