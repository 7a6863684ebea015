import { randomUUID } from 'node:crypto';
import { marshall } from '@aws-sdk/util-dynamodb';

/** A minimal API Gateway HTTP API (payload 2.0) event, as the local API builds it. */
export function apiEvent(o: {
  method: string;
  routePath: string;
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: string;
  /** Of the body; JSON by default. */
  contentType?: string;
  claims?: Record<string, string>;
  headers?: Record<string, string>;
}) {
  const rawPath = o.routePath.replace(/\{([^}+]+)\+?\}/g, (_, name: string) =>
    encodeURIComponent(o.params?.[name] ?? name),
  );
  const routeKey = `${o.method} ${o.routePath}`;
  const rawQueryString = new URLSearchParams(o.query ?? {}).toString();
  const now = new Date();
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString,
    headers: {
      host: '127.0.0.1',
      'user-agent': 'wego-bench',
      ...(o.body !== undefined ? { 'content-type': o.contentType ?? 'application/json' } : {}),
      ...o.headers,
    },
    ...(o.query && Object.keys(o.query).length > 0 ? { queryStringParameters: o.query } : {}),
    ...(o.params && Object.keys(o.params).length > 0 ? { pathParameters: o.params } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      ...(o.claims ? { authorizer: { jwt: { claims: o.claims, scopes: null } } } : {}),
      domainName: '127.0.0.1',
      domainPrefix: 'local',
      http: {
        method: o.method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'wego-bench',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(o.body !== undefined ? { body: o.body } : {}),
    isBase64Encoded: false,
  };
}

/** Claims as the HTTP API hands them to Lambda (arrays flattened to "[a b]"). */
export const claimsFor = (email: string, groups: readonly string[]) => ({
  sub: `bench-${email}`,
  email,
  email_verified: 'true',
  'cognito:groups': `[${groups.join(' ')}]`,
  token_use: 'id',
});

/** An EventBridge scheduled event (the CPS sweep's rule). */
export const scheduledEvent = () => ({
  version: '0',
  id: randomUUID(),
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '000000000000',
  time: new Date().toISOString(),
  region: 'us-east-1',
  resources: ['arn:aws:events:us-east-1:000000000000:rule/bench'],
  detail: {},
});

/**
 * A stream batch of one outbox email whose item is not in the table: the notifier reads it, sends it
 * (to the local inbox) and fails to mark it sent, reported as a batch item failure. The path of every
 * email, without touching real outbox items.
 */
export const outboxStreamEvent = () => {
  const item = {
    pk: 'OUTBOX#bench-cold-start',
    sk: 'EMAIL',
    to: ['bench@city.example'],
    subject: 'Benchmark',
    html: '<p>Benchmark</p>',
    text: 'Benchmark',
  };
  return {
    Records: [
      {
        eventID: '1',
        eventName: 'INSERT',
        eventSource: 'aws:dynamodb',
        awsRegion: 'us-east-1',
        eventSourceARN: 'arn:aws:dynamodb:us-east-1:000000000000:table/bench/stream/local',
        dynamodb: {
          Keys: marshall({ pk: item.pk, sk: item.sk }),
          NewImage: marshall(item),
          SequenceNumber: '1',
          StreamViewType: 'NEW_IMAGE',
        },
      },
    ],
  };
};

/**
 * What the knowledge indexer's stream mapping delivers: a practice's publication changed. The practice
 * does not exist, so the indexer reads it, finds nothing and leaves the index as it is.
 */
export const practiceStreamEvent = () => ({
  Records: [
    {
      eventID: '1',
      eventName: 'MODIFY',
      eventSource: 'aws:dynamodb',
      awsRegion: 'us-east-1',
      eventSourceARN: 'arn:aws:dynamodb:us-east-1:000000000000:table/bench/stream/local',
      dynamodb: {
        Keys: marshall({ pk: 'PRACTICE#bench-cold-start', sk: 'PUB' }),
        SequenceNumber: '1',
        StreamViewType: 'KEYS_ONLY',
      },
    },
  ],
});

/** A workflow task that reads the approval it names, which does not exist (one GetItem, then an error). */
export const workflowEvent = () => ({
  action: 'close-vote',
  approvalId: 'bench-missing',
  outcome: 'expired',
});
