import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';

const { ddb, tableName } = await import('../../functions/shared/ddb.ts');
const { httpHandler, json } = await import('../../functions/shared/http.ts');
const { idempotencyMiddleware } = await import('../../functions/shared/idempotency.ts');

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
const handler = httpHandler(
  route,
  async ({ body }) => {
    const id = randomUUID();
    await ddb.send(
      new PutCommand({ TableName: tableName, Item: { pk: `THING#${body.group}`, sk: id, name: body.name } }),
    );
    return json(201, { id });
  },
  { idempotency: idempotencyMiddleware(route.name) },
);

const context = {
  functionName: 'test',
  awsRequestId: 'r',
  getRemainingTimeInMillis: () => 10_000,
} as unknown as Context;

const post = (body: object, key?: string) =>
  handler(
    {
      version: '2.0',
      routeKey: 'POST /things',
      rawPath: '/things',
      rawQueryString: '',
      headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
      body: JSON.stringify(body),
      isBase64Encoded: false,
      requestContext: { http: { method: 'POST', path: '/things' } },
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
    expect(retry).toEqual(first);
    expect(await things(group)).toHaveLength(1);
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
