import { createServer, type Server } from 'node:http';
import { SESClient } from '@aws-sdk/client-ses';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { freePort } from '../../../support/free-port.ts';
import { insertRecord, outboxItem, streamEvent } from '../../../support/outbox-records.ts';
import { lambdaContext } from '../../support/http-event.ts';

/**
 * One email's bad text must never change what the next email sends. These tests run the notifier's
 * real SES client (query protocol, real serializer) against a local server that records each request
 * body, because the defect lived in the SDK's serializer, which a mocked client never runs.
 */
const bodies: string[] = [];
let server: Server;
const port = await freePort();

/** The SDK reads these when it sends, after the config restores the environment before each test. */
const stubAws = () => {
  vi.stubEnv('AWS_REGION', 'eu-west-1');
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'unit');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'unit');
  vi.stubEnv('AWS_ENDPOINT_URL_SES', `http://127.0.0.1:${port}`);
};
stubAws();
vi.stubEnv('TABLE_NAME', 'wego-unit');
vi.stubEnv('SENDER_EMAIL', 'no-reply@wego.example');
vi.stubEnv('SES_CONFIGURATION_SET', 'wego-unit-emails');
vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
const { handler } = await import('../../../../functions/emails/notifier.ts');

const ddb = mockClient(DynamoDBDocumentClient);

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', () => {
      bodies.push(body);
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(
        '<SendEmailResponse><SendEmailResult><MessageId>m</MessageId></SendEmailResult></SendEmailResponse>',
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  stubAws();
  bodies.length = 0;
  ddb.reset();
  ddb.on(GetCommand).resolves({});
  ddb.on(UpdateCommand).resolves({});
});

const subjectsOf = (body: string) => new URLSearchParams(body).getAll('Message.Subject.Data');

describe('notifier: each email in isolation', () => {
  it('refuses an email with a lone surrogate before SES, and sends the clean ones intact', async () => {
    const records = Array.from({ length: 10 }, (_, i) => {
      const item = outboxItem(i);
      return insertRecord(
        i % 2 === 0 ? { ...item, subject: `Poisoned \ud800 ${i}`, text: 'bad \udc00' } : item,
        String(100 + i),
      );
    });

    const result = await handler(streamEvent(...records), lambdaContext);

    expect(result.batchItemFailures.map((f) => f.itemIdentifier)).toEqual([
      '100',
      '102',
      '104',
      '106',
      '108',
    ]);
    expect(bodies).toHaveLength(5);
    for (const [n, body] of bodies.entries()) {
      // One subject per request: nothing of an earlier email in front of it.
      expect(subjectsOf(body)).toEqual([`Subject ${2 * n + 1}`]);
      expect(new URLSearchParams(body).getAll('Source')).toEqual(['no-reply@wego.example']);
    }
  });

  it('sends the next email through a fresh client after a send failed in the client', async () => {
    const clients: unknown[] = [];
    const real = SESClient.prototype.send;
    let failed = false;
    vi.spyOn(SESClient.prototype, 'send').mockImplementation(function (this: SESClient, ...args) {
      clients.push(this);
      if (!failed) {
        failed = true;
        return Promise.reject(new URIError('URI malformed'));
      }
      return (real as (...a: unknown[]) => Promise<unknown>).apply(this, args);
    } as SESClient['send']);

    const result = await handler(
      streamEvent(insertRecord(outboxItem(1), '1'), insertRecord(outboxItem(2), '2')),
      lambdaContext,
    );

    expect(result.batchItemFailures).toEqual([{ itemIdentifier: '1' }]);
    expect(clients).toHaveLength(2);
    expect(clients[1]).not.toBe(clients[0]);
    expect(bodies.map(subjectsOf)).toEqual([['Subject 2']]);
  });
});
