import { randomUUID } from 'node:crypto';

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

/** An EventBridge scheduled event (the escalation rule). */
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
