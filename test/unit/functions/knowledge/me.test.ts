import { BatchGetCommand, DynamoDBDocumentClient, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { HttpResponse } from '../../../../functions/shared/http.ts';
import { routeKey } from '../../../../functions/shared/route.ts';
import { claimsOf, httpEvent, lambdaContext } from '../../support/http-event.ts';
import { stubUploadsEnv } from '../../support/uploads-env.ts';

// The knowledge function reads its configuration and creates its clients at module scope.
stubUploadsEnv();
vi.stubEnv('CURSOR_SECRET', 'unit-test-cursor-secret');
vi.stubEnv('SECRETARIAT_EMAIL', 'secretariat@wego.example');
vi.stubEnv('SEARCH_INDEX_BUCKET', 'wego-unit-uploads');
vi.stubEnv('JWT_ISSUER', 'https://issuer.example');
vi.stubEnv('JWT_AUDIENCE', 'audience');
vi.stubEnv('JWKS_URI', 'https://issuer.example/jwks.json');
vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
const { handler } = await import('../../../../functions/knowledge/api.ts');
const { meRoute, myQuestionsRoute } = await import('../../../../functions/knowledge/routes.ts');

const ddb = mockClient(DynamoDBDocumentClient);

const repItem = (cityId: string, cityName: string) => ({
  pk: 'REP#ana@lima.example',
  sk: `CITY#${cityId}`,
  cityId,
  cityName,
  country: 'PE',
  region: 'americas',
  name: 'Ana',
  email: 'ana@lima.example',
});
const cityItem = (id: string, name: string, status: string) => ({
  pk: `CITY#${id}`,
  sk: 'PROFILE',
  id,
  status,
  city: { name, country: 'PE', region: 'americas' },
});

async function me(
  email: string,
  groups: string[],
  route: typeof meRoute | typeof myQuestionsRoute = meRoute,
) {
  const key = routeKey(route);
  const event = httpEvent({
    method: 'GET',
    path: route.path,
    routePath: route.path,
    claims: claimsOf(email, groups),
  });
  const res = (await handler(
    { ...event, routeKey: key, requestContext: { ...event.requestContext, routeKey: key } },
    lambdaContext,
  )) as HttpResponse;
  return { status: res.statusCode, body: JSON.parse(String(res.body)), headers: res.headers ?? {} };
}

beforeEach(() => ddb.reset());

describe('GET /me', () => {
  it('names a representative’s cities from one Query and one BatchGetItem, and says which are members', async () => {
    ddb.on(QueryCommand).resolves({ Items: [repItem('lima', 'Lima'), repItem('cusco', 'Cusco (old name)')] });
    ddb.on(BatchGetCommand).resolves({
      Responses: {
        'wego-unit': [cityItem('lima', 'Lima', 'associate'), cityItem('cusco', 'Cusco', 'withdrawn')],
      },
    });
    const res = await me('Ana@Lima.example', ['member']);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      email: 'ana@lima.example',
      roles: ['member'],
      cities: [
        { id: 'cusco', name: 'Cusco', country: 'PE', region: 'americas', member: false },
        { id: 'lima', name: 'Lima', country: 'PE', region: 'americas', member: true },
      ],
    });
    expect(res.headers['cache-control']).toBe('private, no-store');
    // The lookup is on the verified email, lower-cased; two round trips, no Scan.
    expect(ddb.commandCalls(QueryCommand)[0]?.args[0].input.ExpressionAttributeValues).toEqual({
      ':pk': 'REP#ana@lima.example',
    });
    expect(ddb.commandCalls(QueryCommand)).toHaveLength(1);
    expect(ddb.commandCalls(BatchGetCommand)).toHaveLength(1);
    expect(ddb.commandCalls(ScanCommand)).toHaveLength(0);
  });

  it('keeps the name the representative was added with when the city is gone', async () => {
    ddb.on(QueryCommand).resolves({ Items: [repItem('gone', 'Goneville')] });
    ddb.on(BatchGetCommand).resolves({ Responses: { 'wego-unit': [] } });
    const res = await me('ana@lima.example', ['member']);
    expect(res.body.cities).toEqual([
      { id: 'gone', name: 'Goneville', country: 'PE', region: 'americas', member: false },
    ]);
  });

  it('gives a member who represents no city an empty list (one Query, no batch)', async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    const res = await me('nobody@x.example', ['member']);
    expect(res.body).toEqual({ email: 'nobody@x.example', roles: ['member'], cities: [] });
    expect(ddb.commandCalls(BatchGetCommand)).toHaveLength(0);
  });

  it('reads nothing for the other roles', async () => {
    const res = await me('sec@wego.example', ['secretariat', 'committee']);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ email: 'sec@wego.example', roles: ['secretariat', 'committee'], cities: [] });
    expect(ddb.calls()).toHaveLength(0);
  });

  it('refuses a token without any role of the platform (403)', async () => {
    const res = await me('stranger@x.example', ['unknown-group']);
    expect(res.status).toBe(403);
    expect(ddb.calls()).toHaveLength(0);
  });
});

describe('GET /me/questions', () => {
  it('lists the questions the caller asked from their own index, hidden ones with the reason, no address', async () => {
    const question = (id: string, extra: Record<string, unknown> = {}) => ({
      pk: `QUESTION#${id}`,
      sk: 'QUESTION',
      id,
      title: `Question ${id}`,
      body: 'Body',
      themes: ['mobility'],
      cityId: 'lima',
      cityName: 'Lima',
      country: 'PE',
      askerEmail: 'ana@lima.example',
      askerName: 'Ana',
      createdAt: '2026-11-01T00:00:00.000Z',
      answerCount: 2,
      ...extra,
    });
    ddb.on(QueryCommand).resolves({
      Items: [
        question('q2', { hiddenAt: '2026-11-02T00:00:00.000Z', hiddenReason: 'Off topic' }),
        question('q1'),
      ],
    });
    const res = await me('Ana@Lima.example', ['member'], myQuestionsRoute);
    expect(res.status).toBe(200);
    const input = ddb.commandCalls(QueryCommand)[0]?.args[0].input;
    expect(input?.IndexName).toBe('gsi2');
    expect(input?.ExpressionAttributeValues).toEqual({ ':pk': 'ASKER#ana@lima.example' });
    expect(input?.ScanIndexForward).toBe(false);
    expect(res.body.items.map((q: { id: string }) => q.id)).toEqual(['q2', 'q1']);
    expect(res.body.items[0].hidden).toEqual({ at: '2026-11-02T00:00:00.000Z', reason: 'Off topic' });
    expect(res.body.items[1]).not.toHaveProperty('hidden');
    expect(JSON.stringify(res.body)).not.toContain('ana@lima.example');
  });

  it('is for representatives only (403 for another role)', async () => {
    expect((await me('sec@wego.example', ['secretariat'], myQuestionsRoute)).status).toBe(403);
  });
});
