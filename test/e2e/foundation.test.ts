import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { call, db, issuer, stateDir, tableName, tokenFor, waitForEmail } from './support.ts';

const roster = { members: [{ name: 'Ana Lima', email: 'ana@city.example' }] };

describe('the local stack', () => {
  it('answers GET /health with 200 and status ok', async () => {
    const res = await call('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('answers 404 for a route that does not exist', async () => {
    expect((await call('/no-such-route')).status).toBe(404);
    expect((await call('/health', { method: 'DELETE' })).status).toBe(404);
  });
});

describe('authentication and roles', () => {
  it('answers 401 when a protected route is called without a token', async () => {
    const res = await call('/committee');
    expect(res.status).toBe(401);
  });

  it('answers 403 problem+json when the token has the wrong role', async () => {
    const res = await call('/committee', { token: await tokenFor('committee') });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 403, title: 'Forbidden' });
  });

  it('answers 401 for an unsigned token', async () => {
    const { issuer: iss, audience } = issuer();
    const unsigned = new UnsecuredJWT({ email: 's@wego.example', 'cognito:groups': ['secretariat'] })
      .setIssuer(iss)
      .setAudience(audience)
      .setExpirationTime('1h')
      .encode();
    expect((await call('/committee', { token: unsigned })).status).toBe(401);
  });

  it('answers 401 for a token signed by another key', async () => {
    const { issuer: iss, audience } = issuer();
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ email: 's@wego.example', 'cognito:groups': ['secretariat'] })
      .setProtectedHeader({ alg: 'RS256', kid: 'wego-local' })
      .setIssuer(iss)
      .setAudience(audience)
      .setExpirationTime('1h')
      .sign(privateKey);
    expect((await call('/committee', { token: forged })).status).toBe(401);
  });

  it('answers 401 for an expired token and for one meant for another audience', async () => {
    const expired = await tokenFor('secretariat', 's@wego.example', '-1m');
    expect((await call('/committee', { token: expired })).status).toBe(401);
    const { signLocalToken } = await import('../../lib/local/auth.ts');
    const { paths } = await import('../../lib/local/cloud.ts');
    const otherAudience = await signLocalToken(
      paths(stateDir()).keyFile,
      { ...issuer(), audience: 'some-other-client' },
      { email: 's@wego.example', groups: ['secretariat'] },
    );
    expect((await call('/committee', { token: otherAudience })).status).toBe(401);
  });

  it('accepts the token printed by `npm run token`', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'bin/token.ts', '--role', 'secretariat', '--email', 'cli@wego.example'],
      { cwd: resolve(import.meta.dirname, '../..'), env: { ...process.env, WEGO_STATE_DIR: stateDir() } },
    );
    const res = await call('/committee', { token: stdout.trim() });
    expect(res.status).toBe(200);
  });
});

describe('request validation', () => {
  it('answers 400 problem+json for a malformed JSON body and stores nothing', async () => {
    const token = await tokenFor('secretariat');
    const before = await call('/committee', { token });
    const res = await call('/committee', {
      method: 'PUT',
      token,
      body: '{"members": [',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 400, detail: 'The body is not valid JSON' });
    expect(res.text).not.toMatch(/at .*\.(js|ts|mjs):\d+/);
    expect((await call('/committee', { token })).body).toEqual(before.body);
  });

  it('answers 400 naming the field for an unknown field', async () => {
    const res = await call('/committee', {
      method: 'PUT',
      token: await tokenFor('secretariat'),
      json: { members: [{ name: 'Ana', email: 'ana@city.example', role: 'chair' }] },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'body.members.0.role', message: 'unknown field "role"' }]);
  });

  it('answers 415 when the body is not JSON', async () => {
    const res = await call('/committee', {
      method: 'PUT',
      token: await tokenFor('secretariat'),
      body: 'members=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(415);
  });

  it('answers 413 for a body over the limit', async () => {
    const res = await call('/committee', {
      method: 'PUT',
      token: await tokenFor('secretariat'),
      json: { members: [{ name: 'x'.repeat(70_000), email: 'a@city.example' }] },
    });
    expect(res.status).toBe(413);
  });
});

describe('the committee roster', () => {
  it('stores the roster the Secretariat puts and returns it', async () => {
    const token = await tokenFor('secretariat');
    const put = await call('/committee', { method: 'PUT', token, json: roster });
    expect(put.status).toBe(200);
    const got = await call('/committee', { token });
    expect(got.body.members).toEqual(roster.members);
  });
});

describe('the email outbox', () => {
  it('delivers an email written to the outbox to the SES inbox', async () => {
    const subject = `Outbox check ${Date.now()}`;
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          pk: `OUTBOX#e2e-${Date.now()}`,
          sk: 'EMAIL',
          to: ['mayor@city.example'],
          subject,
          html: '<p>Hello</p>',
          text: 'Hello',
        },
      }),
    );
    const email = await waitForEmail((e) => e.subject === subject);
    expect(email.destination.to).toEqual(['mayor@city.example']);
    expect(email.from).toBe('no-reply@wego.example');
    expect(email.body.text).toBe('Hello');
  });
});
