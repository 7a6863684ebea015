import type { Context } from 'aws-lambda';
import type { HttpEvent } from '../../../functions/shared/http.ts';

export interface HttpEventInput {
  readonly method?: string;
  /** The route key's path template, e.g. /things/{id}. */
  readonly routePath?: string;
  /** The concrete request path, e.g. /things/abc. */
  readonly path?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly isBase64Encoded?: boolean;
  readonly query?: Record<string, string>;
  readonly pathParameters?: Record<string, string>;
  /** JWT claims as the HTTP API hands them over; omitted means a public route (no authorizer). */
  readonly claims?: Record<string, string | number | boolean | string[]>;
}

/** An API Gateway HTTP API (payload 2.0) event, shaped as the service sends it: header names in lower case. */
export function httpEvent(input: HttpEventInput = {}): HttpEvent {
  const method = input.method ?? 'GET';
  const path = input.path ?? '/';
  return {
    version: '2.0',
    routeKey: `${method} ${input.routePath ?? path}`,
    rawPath: path,
    rawQueryString: new URLSearchParams(input.query ?? {}).toString(),
    headers: { host: 'api.wego.example', 'user-agent': 'vitest', ...input.headers },
    ...(input.query ? { queryStringParameters: input.query } : {}),
    ...(input.pathParameters ? { pathParameters: input.pathParameters } : {}),
    ...(input.body !== undefined ? { body: input.body } : {}),
    isBase64Encoded: input.isBase64Encoded ?? false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'api1234567',
      domainName: 'api.wego.example',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.10', userAgent: 'vitest' },
      requestId: 'request-1',
      routeKey: `${method} ${input.routePath ?? path}`,
      stage: '$default',
      time: '01/Jan/2026:00:00:00 +0000',
      timeEpoch: 1767225600000,
      ...(input.claims
        ? {
            authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: input.claims, scopes: [] } },
          }
        : {}),
    },
  };
}

/** Claims of a Cognito ID token, with the groups claim in the flattened form API Gateway forwards. */
export function claimsOf(email: string, groups: readonly string[]): Record<string, string> {
  return { sub: 'user-sub-1', email, email_verified: 'true', 'cognito:groups': `[${groups.join(' ')}]` };
}

export const lambdaContext: Context = {
  callbackWaitsForEmptyEventLoop: false,
  functionName: 'wego-test',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:wego-test',
  memoryLimitInMB: '512',
  awsRequestId: 'aws-request-1',
  logGroupName: '/aws/lambda/wego-test',
  logStreamName: 'stream',
  getRemainingTimeInMillis: () => 10_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
};
