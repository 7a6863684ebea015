import { randomUUID } from 'node:crypto';
import { GetCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationForm, Region } from '../../functions/membership/application.ts';
import { conflictOnce } from '../support/transaction-conflict.ts';

// Read at import by the modules under test (cursor.ts, logger.ts); the table and endpoint come from
// the global setup.
process.env.CURSOR_SECRET = 'integration-cursor-secret';
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
const { ddb, tableName } = await import('../../functions/shared/ddb.ts');
const { HttpError } = await import('../../functions/shared/problem.ts');
const { decodeCursor } = await import('../../functions/shared/cursor.ts');
const { applicationReceivedEmail, acceptedEmail } = await import('../../functions/membership/emails.ts');
const { cityKey, cityNameKey } = await import('../../functions/membership/keys.ts');
const { changeStatus, getApplication, releaseName, submitApplication } = await import(
  '../../functions/membership/store.ts'
);
const { directory, history, listByStatus } = await import('../../functions/membership/lists.ts');

type Application = Awaited<ReturnType<typeof getApplication>>;

/** A unique tag per call, so each test works on its own cities and mailboxes. */
const unique = () => randomUUID().slice(0, 8);

/** A valid form for a city no other test uses, with its own mailboxes. */
function form(overrides: { name?: string; country?: string; region?: Region } = {}): ApplicationForm {
  const tag = unique();
  return {
    city: {
      name: overrides.name ?? `Testville ${tag}`,
      country: overrides.country ?? 'KR',
      region: overrides.region ?? 'asia',
      population: 100000,
      website: 'https://testville.example',
    },
    mayor: { name: 'Kim Mayor', officeEmail: `mayor-${tag}@city.example` },
    signatory: { name: 'Kim Mayor', title: 'Mayor', isMayor: true, signedOn: '2026-01-15' },
    contact: { name: 'Lee Contact', email: `contact-${tag}@city.example`, phone: '+82 2 000 0000' },
    motivation: 'We would like to join.',
  };
}

const received = (app: Application) => [applicationReceivedEmail(app)];

/** The items of a city's partition, by sort key. */
async function partition(id: string): Promise<Record<string, unknown>[]> {
  const out = await ddb.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': cityKey(id).pk },
      ConsistentRead: true,
    }),
  );
  return out.Items ?? [];
}

/** Outbox emails addressed to one mailbox (a Scan: test code only, the table is small). */
async function outboxTo(address: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await ddb.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: 'begins_with(pk, :outbox) AND contains(#to, :address)',
        ExpressionAttributeNames: { '#to': 'to' },
        ExpressionAttributeValues: { ':outbox': 'OUTBOX#', ':address': address },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

async function nameClaim(country: string, name: string) {
  const out = await ddb.send(
    new GetCommand({ TableName: tableName, Key: cityNameKey(country, name), ConsistentRead: true }),
  );
  return out.Item;
}

/** Moves a city through the given actions, one second apart after `start`. */
async function walk(id: string, actions: Parameters<typeof changeStatus>[1]['action'][], start = new Date()) {
  let app = await getApplication(id);
  for (const [i, action] of actions.entries()) {
    const at = new Date(start.getTime() + (i + 1) * 1000);
    app = await changeStatus(
      id,
      {
        action,
        actor: 'secretariat@wego.example',
        ...(action === 'accept' ? { set: { memberSince: at.toISOString() } } : {}),
      },
      at,
    );
  }
  return app;
}

/** The error a promise rejects with (fails the test when it resolves). */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('submitApplication', () => {
  it('writes the profile, the name claim, the audit event and the outbox emails together', async () => {
    // Prepare
    const body = form();
    const now = new Date('2026-03-01T09:00:00Z');

    // Act
    const app = await submitApplication(body, received, now);

    // Assess
    const items = await partition(app.id);
    const profile = items.find((i) => i.sk === 'PROFILE');
    const events = items.filter((i) => String(i.sk).startsWith('EVENT#'));
    expect(profile).toMatchObject({
      id: app.id,
      status: 'submitted',
      city: body.city,
      contact: body.contact,
    });
    expect(profile).toMatchObject({ gsi1pk: 'CITY#STATUS#submitted' });
    expect(profile?.gsi2pk).toBeUndefined();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actor: 'applicant',
      from: null,
      to: 'submitted',
      at: now.toISOString(),
    });
    expect(await nameClaim(body.city.country, body.city.name)).toMatchObject({ cityId: app.id });
    const toContact = await outboxTo(body.contact.email);
    const toMayor = await outboxTo(body.mayor.officeEmail);
    expect(toContact).toHaveLength(1);
    expect(toMayor).toHaveLength(1);
    expect(toContact[0]?.subject).toContain(body.city.name);
  });

  it('refuses a second live application of the same city, spelled differently, with a 409 and writes nothing', async () => {
    // Prepare
    const tag = unique();
    const first = await submitApplication(form({ name: `São Tomé ${tag}`, country: 'BR' }), received);
    const second = form({ name: `SAO-tome  ${tag.toUpperCase()}`, country: 'br'.toUpperCase() });
    let secondId: string | undefined;

    // Act
    const error = await rejectionOf(
      submitApplication(second, (app) => {
        secondId = app.id;
        return received(app);
      }),
    );

    // Assess
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 409 });
    expect(secondId).toBeDefined();
    expect(await partition(secondId ?? '')).toEqual([]);
    expect(await outboxTo(second.contact.email)).toEqual([]);
    expect(await outboxTo(second.mayor.officeEmail)).toEqual([]);
    expect(await nameClaim('BR', first.city.name)).toMatchObject({ cityId: first.id });
  });

  it('lets the same city name apply in another country', async () => {
    // Prepare
    const name = `Springfield ${unique()}`;
    await submitApplication(form({ name, country: 'US' }), received);

    // Act
    const other = await submitApplication(form({ name, country: 'CA' }), received);

    // Assess
    expect(other.status).toBe('submitted');
  });
});

describe('changeStatus', () => {
  it('moves the city, re-indexes it and records the audit event and emails in one write', async () => {
    // Prepare
    const app = await submitApplication(form({ region: 'africa' }), received);
    const at = new Date('2026-04-01T10:00:00Z');

    // Act
    const updated = await changeStatus(
      app.id,
      {
        action: 'accept',
        actor: 'secretariat@wego.example',
        set: { memberSince: at.toISOString() },
        emails: (a) => [acceptedEmail(a)],
      },
      at,
    );

    // Assess
    expect(updated.status).toBe('associate');
    const profile = (await partition(app.id)).find((i) => i.sk === 'PROFILE');
    expect(profile).toMatchObject({
      status: 'associate',
      memberSince: at.toISOString(),
      gsi1pk: 'CITY#STATUS#associate',
      gsi2pk: 'DIRECTORY',
    });
    const mails = await outboxTo(app.mayor.officeEmail);
    expect(mails.map((m) => m.subject)).toContain(`${app.city.name} is now an Associate Member of WeGO`);
  });

  it('lets exactly one of two concurrent accepts win; the other is a 409', async () => {
    // Prepare
    const app = await submitApplication(form(), received);
    const accept = () =>
      changeStatus(app.id, {
        action: 'accept',
        actor: 'secretariat@wego.example',
        emails: (a) => [acceptedEmail(a)],
      });

    // Act
    const results = await Promise.allSettled([accept(), accept()]);

    // Assess
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]?.reason).toBeInstanceOf(HttpError);
    expect(lost[0]?.reason).toMatchObject({ status: 409 });
    const events = (await partition(app.id)).filter((i) => String(i.sk).startsWith('EVENT#'));
    expect(events.map((e) => e.to).sort()).toEqual(['associate', 'submitted']);
    expect(
      (await outboxTo(app.mayor.officeEmail)).filter((m) => String(m.subject).includes('Associate Member')),
    ).toHaveLength(1);
  });

  it('refuses a move the status rules forbid with a 409 and changes nothing', async () => {
    // Prepare
    const app = await submitApplication(form(), received);

    // Act
    const error = await rejectionOf(
      changeStatus(app.id, { action: 'approveFullMembership', actor: 'secretariat@wego.example' }),
    );

    // Assess
    expect(error).toMatchObject({ status: 409 });
    expect((await getApplication(app.id)).status).toBe('submitted');
    expect((await partition(app.id)).filter((i) => String(i.sk).startsWith('EVENT#'))).toHaveLength(1);
  });

  it('answers 404 for an unknown city', async () => {
    // Act
    const error = await rejectionOf(
      changeStatus(`missing-${unique()}`, { action: 'accept', actor: 'secretariat@wego.example' }),
    );

    // Assess
    expect(error).toMatchObject({ status: 404 });
  });

  // On AWS, racing transactions on one item cancel one with TransactionConflict (DynamoDB Local never
  // does): transact() retries it, so the caller sees a retry or a 409, never a 500.
  it('turns a transaction conflict of a racing accept into a retry or a 409, never a 500', async () => {
    // Prepare: the first transaction is cancelled as DynamoDB cancels one of two racing ones
    const app = await submitApplication(form(), received);
    const conflicted = conflictOnce(ddb, ['TransactionConflict', 'None']);

    // Act
    const outcome = await changeStatus(app.id, { action: 'accept', actor: 'secretariat@wego.example' }).then(
      (a) => ({ status: a.status }),
      (e: { status?: number }) => ({ error: e.status }),
    );

    // Assess
    expect(conflicted()).toBe(true);
    expect([{ status: 'associate' }, { error: 409 }]).toContainEqual(outcome);
  });
});

describe('the audit trail', () => {
  it('lists every change with from, to and actor, oldest first', async () => {
    // Prepare
    const start = new Date('2026-05-01T08:00:00Z');
    const app = await submitApplication(form(), received, start);
    await changeStatus(
      app.id,
      { action: 'accept', actor: 'alice@wego.example', note: 'welcome' },
      new Date('2026-05-02T08:00:00Z'),
    );
    await changeStatus(
      app.id,
      { action: 'requestFullMembership', actor: 'bob@wego.example' },
      new Date('2026-05-03T08:00:00Z'),
    );
    await changeStatus(
      app.id,
      { action: 'returnToAssociate', actor: 'executive-committee' },
      new Date('2026-05-04T08:00:00Z'),
    );

    // Act
    const { items, nextCursor } = await history(app.id, 25);

    // Assess
    expect(nextCursor).toBeUndefined();
    expect(items.map(({ at, actor, from, to }) => ({ at, actor, from, to }))).toEqual([
      { at: '2026-05-01T08:00:00.000Z', actor: 'applicant', from: null, to: 'submitted' },
      { at: '2026-05-02T08:00:00.000Z', actor: 'alice@wego.example', from: 'submitted', to: 'associate' },
      { at: '2026-05-03T08:00:00.000Z', actor: 'bob@wego.example', from: 'associate', to: 'full_pending' },
      { at: '2026-05-04T08:00:00.000Z', actor: 'executive-committee', from: 'full_pending', to: 'associate' },
    ]);
    expect(items[1]?.note).toBe('welcome');
  });

  it('pages through the trail with a cursor, in the same order', async () => {
    // Prepare
    const app = await submitApplication(form(), received, new Date('2026-06-01T08:00:00Z'));
    await walk(
      app.id,
      ['accept', 'requestFullMembership', 'approveFullMembership'],
      new Date('2026-06-01T08:00:00Z'),
    );
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;

    // Act
    do {
      const page = await history(app.id, 1, cursor);
      expect(page.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.items.map((e) => e.to));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);

    // Assess
    expect(seen).toEqual(['submitted', 'associate', 'full_pending', 'full']);
  });
});

describe('releaseName', () => {
  it('lets the same city apply again once its application is rejected with it', async () => {
    // Prepare
    const body = form({ name: `Rejectville ${unique()}` });
    const app = await submitApplication(body, received);
    await changeStatus(app.id, {
      action: 'reject',
      actor: 'secretariat@wego.example',
      set: { rejectionReason: 'incomplete' },
      with: (a) => [releaseName(a)],
    });

    // Act
    const again = await submitApplication(
      { ...body, city: { ...body.city, name: body.city.name.toUpperCase() } },
      received,
    );

    // Assess
    expect(again.id).not.toBe(app.id);
    expect(again.status).toBe('submitted');
    expect((await getApplication(app.id)).status).toBe('rejected');
    expect(await nameClaim(body.city.country, body.city.name)).toMatchObject({ cityId: again.id });
  });

  it('is what frees the name: a rejection without it keeps the city from applying again', async () => {
    // Prepare
    const body = form();
    const app = await submitApplication(body, received);
    await changeStatus(app.id, { action: 'reject', actor: 'secretariat@wego.example' });

    // Act
    const error = await rejectionOf(submitApplication(body, received));

    // Assess
    expect(error).toMatchObject({ status: 409 });
  });
});

describe('the public directory', () => {
  const region: Region = 'oceania';
  const cities: Record<string, Application> = {};

  /** All entries of a listing, page by page. */
  async function all(filter: Parameters<typeof directory>[0], limit: number) {
    const entries: Awaited<ReturnType<typeof directory>>['items'][number][] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await directory(filter, limit, cursor);
      expect(page.items.length).toBeLessThanOrEqual(limit);
      entries.push(...page.items);
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 1000);
    return { entries, pages };
  }

  const ids = (entries: { id: string }[]) => entries.map((e) => e.id);
  const mine = (entries: { id: string }[]) => {
    const known = new Map(Object.entries(cities).map(([label, app]) => [app.id, label]));
    return entries.flatMap((e) => (known.has(e.id) ? [known.get(e.id)] : [])).sort();
  };

  beforeAll(async () => {
    const make = async (label: string, r: Region, actions: Parameters<typeof walk>[1]) => {
      const app = await submitApplication(form({ region: r, name: `Dir ${label} ${unique()}` }), received);
      cities[label] = await walk(app.id, actions);
    };
    await Promise.all([
      make('submitted', region, []),
      make('associate', region, ['accept']),
      make('associate2', region, ['accept']),
      make('full', region, ['accept', 'requestFullMembership', 'approveFullMembership']),
      make('rejected', region, ['reject']),
      make('withdrawn', region, ['accept', 'withdraw']),
      make('associateElsewhere', 'americas', ['accept']),
      make('fullElsewhere', 'americas', ['accept', 'requestFullMembership', 'approveFullMembership']),
    ]);
  });

  it('lists associate and full members only', async () => {
    // Act
    const { entries } = await all({}, 100);

    // Assess
    expect(mine(entries)).toEqual(['associate', 'associate2', 'associateElsewhere', 'full', 'fullElsewhere']);
    for (const entry of entries) expect(['associate', 'full']).toContain(entry.status);
  });

  it('shows no personal data: only id, city name, country, region, status and memberSince', async () => {
    // Act
    const { entries } = await all({ region }, 100);

    // Assess
    const full = entries.find((e) => e.id === cities.full?.id);
    expect(full).toEqual({
      id: cities.full?.id,
      city: { name: cities.full?.city.name, country: 'KR', region },
      status: 'full',
      memberSince: cities.full?.memberSince,
    });
    for (const entry of entries) {
      expect(Object.keys(entry).sort()).toEqual(
        'memberSince' in entry ? ['city', 'id', 'memberSince', 'status'] : ['city', 'id', 'status'],
      );
      expect(Object.keys(entry.city).sort()).toEqual(['country', 'name', 'region']);
      expect(JSON.stringify(entry)).not.toMatch(/@|mayor|contact|motivation|signatory|population/i);
    }
  });

  it('filters by region', async () => {
    // Act
    const { entries } = await all({ region }, 100);

    // Assess
    expect(mine(entries)).toEqual(['associate', 'associate2', 'full']);
    for (const entry of entries) expect(entry.city.region).toBe(region);
  });

  it('filters by region and status', async () => {
    // Act
    const { entries } = await all({ region, status: 'associate' }, 100);

    // Assess
    expect(mine(entries)).toEqual(['associate', 'associate2']);
    for (const entry of entries) expect(entry).toMatchObject({ status: 'associate', city: { region } });
  });

  it('filters by status alone', async () => {
    // Act
    const { entries } = await all({ status: 'full' }, 100);

    // Assess
    expect(mine(entries)).toEqual(['full', 'fullElsewhere']);
    for (const entry of entries) expect(entry.status).toBe('full');
  });

  it('pages with a cursor through the same entries, each once', async () => {
    // Prepare
    const { entries: expected } = await all({ region }, 100);

    // Act
    const { entries, pages } = await all({ region }, 1);

    // Assess
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(new Set(ids(entries)).size).toBe(entries.length);
    expect(ids(entries).sort()).toEqual(ids(expected).sort());
  });

  it('refuses a cursor issued by another listing with a 400', async () => {
    // Prepare
    const { nextCursor } = await directory({ region }, 1);
    expect(nextCursor).toBeDefined();
    const cursor = nextCursor ?? '';

    // Act
    const errors = await Promise.all([
      rejectionOf(directory({ region: 'americas' }, 1, cursor)),
      rejectionOf(directory({ region, status: 'associate' }, 1, cursor)),
      rejectionOf(listByStatus('associate', 1, cursor)),
      rejectionOf(history(cities.full?.id ?? '', 1, cursor)),
    ]);

    // Assess
    for (const error of errors) {
      expect(error).toBeInstanceOf(HttpError);
      expect(error).toMatchObject({ status: 400 });
    }
    expect(() => decodeCursor(cursor, 'members::asia')).toThrow(HttpError);
    expect(decodeCursor(cursor, `members::${region}`)).toEqual(expect.any(Object));
  });

  it('refuses an edited cursor with a 400', async () => {
    // Prepare
    const { nextCursor } = await directory({ region }, 1);
    const [payload, mac] = (nextCursor ?? '').split('.');
    const key = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<
      string,
      string
    >;
    const edited = Buffer.from(JSON.stringify({ ...key, gsi2sk: 'z' })).toString('base64url');

    // Act
    const error = await rejectionOf(directory({ region }, 1, `${edited}.${mac}`));

    // Assess
    expect(error).toMatchObject({ status: 400 });
  });
});
