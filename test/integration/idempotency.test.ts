import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';

const { ddb, tableName } = await import('../../functions/shared/ddb.ts');
const { httpHandler, json } = await import('../../functions/shared/http.ts');
const { idempotent } = await import('../../functions/shared/idempotency.ts');

// A creating route like POST /applications: each call that runs stores one item.
const route = {
  name: 'test/create',
  method: 'POST',
  path: '/things',
  access: 'public',
  summary: 'test',
  idempotent: true,
  request: { body: z.strictObject({ group: z.string(), name: z.string() }) },
  responses: { 201: { description: 'Created' } },
} as const;
/** How long each creation takes: long enough for concurrent retries to arrive while it runs. */
let workMs = 0;
/** Set to make the next creation fail after it took the key. */
let failNext = false;
const handler = httpHandler(
  route,
  async ({ body }) => {
    if (workMs > 0) await new Promise((r) => setTimeout(r, workMs));
    if (failNext) {
      failNext = false;
      throw new Error('the store is down');
    }
    const id = randomUUID();
    await ddb.send(
      new PutCommand({ TableName: tableName, Item: { pk: `THING#${body.group}`, sk: id, name: body.name } }),
    );
    return json(201, { id });
  },
  { idempotency: idempotent },
);

const context = {
  functionName: 'test',
  awsRequestId: 'r',
  getRemainingTimeInMillis: () => 10_000,
} as unknown as Context;

const post = (body: object, key?: string, claims?: Record<string, string>) =>
  handler(
    {
      version: '2.0',
      routeKey: 'POST /things',
      rawPath: '/things',
      rawQueryString: '',
      headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
      body: JSON.stringify(body),
      isBase64Encoded: false,
      requestContext: {
        http: { method: 'POST', path: '/things' },
        ...(claims ? { authorizer: { jwt: { claims } } } : {}),
      },
    } as never,
    context,
  );

const things = async (group: string) =>
  (
    await ddb.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `THING#${group}` },
      }),
    )
  ).Items ?? [];

describe('Idempotency-Key on creating POSTs', () => {
  it('returns the first answer to a retry with the same key and creates nothing new', async () => {
    const group = randomUUID();
    const key = randomUUID();
    const first = await post({ group, name: 'a' }, key);
    const retry = await post({ group, name: 'a' }, key);
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(retry.body).toBe(first.body);
    expect(retry.headers?.['idempotent-replayed']).toBe('true');
    expect(await things(group)).toHaveLength(1);
  });

  it('still replays the first answer after the key was refused for another body (no second record)', async () => {
    const group = randomUUID();
    const key = randomUUID();
    const first = await post({ group, name: 'a' }, key);
    const replayed = await post({ group, name: 'a' }, key);
    const refused = await post({ group, name: 'b' }, key);
    const again = await post({ group, name: 'a' }, key);
    expect([first.statusCode, replayed.statusCode, refused.statusCode, again.statusCode]).toEqual([
      201, 201, 409, 201,
    ]);
    expect(JSON.parse(again.body ?? '{}').id).toBe(JSON.parse(first.body ?? '{}').id);
    expect(await things(group)).toHaveLength(1);
  });

  it('creates exactly one record from 12 concurrent requests with one key; the others replay it or are told it is in progress', async () => {
    workMs = 150;
    try {
      for (let round = 0; round < 3; round++) {
        const group = randomUUID();
        const key = randomUUID();
        const answers = await Promise.all(
          Array.from(
            { length: 12 },
            (_, i) =>
              new Promise<Awaited<ReturnType<typeof post>>>((resolve) =>
                setTimeout(() => resolve(post({ group, name: 'a' }, key)), i * 15),
              ),
          ),
        );
        const created = await things(group);
        expect(created).toHaveLength(1);
        for (const answer of answers) {
          expect([201, 409]).toContain(answer.statusCode);
          if (answer.statusCode === 201) expect(JSON.parse(answer.body ?? '{}').id).toBe(created[0]?.sk);
          else expect(JSON.parse(answer.body ?? '{}').detail).toMatch(/in progress/);
        }
        // The in-progress refusals did not free the key: a later retry replays the one record.
        const later = await post({ group, name: 'a' }, key);
        expect(JSON.parse(later.body ?? '{}').id).toBe(created[0]?.sk);
      }
    } finally {
      workMs = 0;
    }
  });

  it('frees the key when the work fails, so the retry runs and creates the record once', async () => {
    const group = randomUUID();
    const key = randomUUID();
    failNext = true;
    const failed = await post({ group, name: 'a' }, key);
    expect(failed.statusCode).toBe(500);
    const retry = await post({ group, name: 'a' }, key);
    expect(retry.statusCode).toBe(201);
    expect(await things(group)).toHaveLength(1);
  });

  it('takes over a key whose first request ran out of time', async () => {
    const group = randomUUID();
    const key = randomUUID();
    // What an invocation that timed out leaves behind: a record in progress past its deadline.
    const stuck = idempotent(
      { route: route.name, key, caller: '', payload: ['/things', { group, name: 'a' }], remainingMs: 1 },
      () => new Promise(() => undefined),
    );
    void stuck;
    await new Promise((r) => setTimeout(r, 50));
    const retry = await post({ group, name: 'a' }, key);
    expect(retry.statusCode).toBe(201);
    expect(await things(group)).toHaveLength(1);
  });

  it('never replays one caller’s answer to another caller who uses the same key', async () => {
    const group = randomUUID();
    const key = randomUUID();
    const alice = { email: 'alice@wego.example', email_verified: 'true', sub: 'a' };
    const bob = { email: 'bob@wego.example', email_verified: 'true', sub: 'b' };
    const first = await post({ group, name: 'a' }, key, alice);
    const other = await post({ group, name: 'a' }, key, bob);
    expect(other.statusCode).toBe(201);
    expect(JSON.parse(other.body ?? '{}').id).not.toBe(JSON.parse(first.body ?? '{}').id);
  });

  it('refuses a key that is not printable ASCII', async () => {
    const res = await post({ group: randomUUID(), name: 'a' }, 'k\u00e9y');
    expect(res.statusCode).toBe(400);
  });

  it('answers 409 when the key is reused with a different body, and creates nothing', async () => {
    const group = randomUUID();
    const key = randomUUID();
    await post({ group, name: 'a' }, key);
    const reuse = await post({ group, name: 'b' }, key);
    expect(reuse.statusCode).toBe(409);
    expect(JSON.parse(reuse.body ?? '{}').detail).toMatch(/Idempotency-Key/);
    expect(await things(group)).toHaveLength(1);
  });

  it('creates again without a key', async () => {
    const group = randomUUID();
    await post({ group, name: 'a' });
    await post({ group, name: 'a' });
    expect(await things(group)).toHaveLength(2);
  });

  it('does not remember an invalid request: the same key then works with a valid body', async () => {
    const group = randomUUID();
    const key = randomUUID();
    const bad = await post({ group, name: 'a', extra: true }, key);
    expect(bad.statusCode).toBe(400);
    const good = await post({ group, name: 'a' }, key);
    expect(good.statusCode).toBe(201);
  });
});
