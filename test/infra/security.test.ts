import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../functions/routes.ts';
import { routeKey } from '../../functions/shared/route.ts';
import { parseConfig } from '../../lib/config.ts';
import { DEFAULT_THROTTLE } from '../../lib/constructs/http-api.ts';
import {
  applicationFunctions,
  type CfnResource,
  deploymentContext,
  logicalIdOf,
  refId,
  resolve,
  resourcesOf,
  type Synthesized,
  synthesize,
} from './support/synth.ts';

/**
 * The security suite's template half, mapped to the OWASP API Security Top 10 (2023); the request half
 * is test/e2e/security.test.ts and docs/security.md maps both. Reads the templates of a prod deployment:
 * the stateless stack's (functions, API, queues, topics) and, for the user pool and table, the stateful one's.
 */

let synth: Synthesized;
let resources: Record<string, CfnResource>;

beforeAll(() => {
  synth = synthesize();
  resources = synth.template.toJSON().Resources as Record<string, CfnResource>;
});

afterAll(() => synth?.dispose());

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource?: unknown;
  Principal?: unknown;
  Condition?: unknown;
}

const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const roleIds = (value: unknown) => ((value ?? []) as unknown[]).map((r) => refId(r));

/** Every statement a role gets: inline policies, AWS::IAM::Policy and customer managed policies attached to it. */
function statementsOfRole(roleId: string): Statement[] {
  const role = resources[roleId];
  const inline = (
    (role?.Properties?.Policies ?? []) as { PolicyDocument: { Statement: Statement[] } }[]
  ).flatMap((p) => p.PolicyDocument.Statement);
  const attached = [
    ...Object.values(resourcesOf(synth.template, 'AWS::IAM::Policy')),
    ...Object.values(resourcesOf(synth.template, 'AWS::IAM::ManagedPolicy')),
  ]
    .filter((p) => roleIds(p.Properties?.Roles).includes(roleId))
    .flatMap(
      (p) => (p.Properties?.PolicyDocument as { Statement?: Statement[] } | undefined)?.Statement ?? [],
    );
  return [...inline, ...attached];
}

const functions = () => Object.entries(applicationFunctions(synth.template));
const stage = () => Object.values(resourcesOf(synth.template, 'AWS::ApiGatewayV2::Stage'))[0];

describe('API2 / API5: every protected route is behind the JWT authorizer, and only reachable through the API', () => {
  it('has the JWT authorizer on each route whose catalogue entry is not public', () => {
    const byKey = new Map(
      Object.values(resourcesOf(synth.template, 'AWS::ApiGatewayV2::Route')).map((r) => [
        String(r.Properties?.RouteKey),
        r,
      ]),
    );
    for (const route of routes.filter((r) => r.access !== 'public')) {
      expect(byKey.get(routeKey(route))?.Properties?.AuthorizationType, routeKey(route)).toBe('JWT');
    }
  });

  it('exposes no function through a function URL, and lets only this API (or AWS services) invoke functions', () => {
    expect(Object.keys(resourcesOf(synth.template, 'AWS::Lambda::Url'))).toEqual([]);
    const apiId = logicalIdOf(synth.stack.api.api);
    for (const [id, permission] of Object.entries(resourcesOf(synth.template, 'AWS::Lambda::Permission'))) {
      const p = permission.Properties ?? {};
      expect(p.Principal, id).not.toBe('*');
      if (p.Principal === 'apigateway.amazonaws.com') {
        expect(JSON.stringify(p.SourceArn), id).toContain(apiId);
      }
    }
  });
});

describe('API2: identity is a verified email that its owner cannot change alone', () => {
  it('keeps the original email until a new one is verified', () => {
    const [pool] = Object.values(resourcesOf(synth.dataTemplate, 'AWS::Cognito::UserPool'));
    expect(pool?.Properties?.UserAttributeUpdateSettings).toEqual({
      AttributesRequireVerificationBeforeUpdate: ['email'],
    });
  });

  it('lets no app client write the email (or the verified flag) of its own user', () => {
    const clients = Object.values(resourcesOf(synth.dataTemplate, 'AWS::Cognito::UserPoolClient'));
    expect(clients.length).toBeGreaterThan(0);
    for (const client of clients) {
      const writable = client.Properties?.WriteAttributes as string[] | undefined;
      // Absent means every writable attribute: it must be listed.
      expect(writable).toBeDefined();
      expect(writable).not.toContain('email');
      expect(writable).not.toContain('email_verified');
    }
  });
});

describe('API4 unrestricted resource consumption: throttling', () => {
  it('throttles every route of the stage by default', () => {
    expect(stage()?.Properties?.DefaultRouteSettings).toMatchObject({
      ThrottlingRateLimit: DEFAULT_THROTTLE.rate,
      ThrottlingBurstLimit: DEFAULT_THROTTLE.burst,
    });
    expect(Number.isFinite(DEFAULT_THROTTLE.rate) && DEFAULT_THROTTLE.rate > 0).toBe(true);
  });

  it('gives every public write route of the catalogue its own tighter limit', () => {
    const publicWrites = routes.filter((r) => r.access === 'public' && r.method !== 'GET');
    expect(publicWrites.length).toBeGreaterThan(0);
    const settings = (stage()?.Properties?.RouteSettings ?? {}) as Record<
      string,
      { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }
    >;
    for (const route of publicWrites) {
      const own = settings[routeKey(route)];
      expect(own, `${routeKey(route)} has no throttle of its own`).toBeDefined();
      expect(own?.ThrottlingRateLimit, routeKey(route)).toBeLessThan(DEFAULT_THROTTLE.rate);
      expect(own?.ThrottlingBurstLimit, routeKey(route)).toBeLessThan(DEFAULT_THROTTLE.burst);
    }
  });

  it('bounds every function in time and memory, and every feature API function within the API timeout', () => {
    const apiFunctions = new Set([...synth.stack.api.functions.values()].map((fn) => logicalIdOf(fn.fn)));
    expect(apiFunctions.size).toBeGreaterThan(0);
    for (const [id, fn] of functions()) {
      expect(fn.Properties?.MemorySize, id).toBeLessThanOrEqual(1024);
      expect(fn.Properties?.Timeout, id).toBeLessThanOrEqual(60);
      if (apiFunctions.has(id)) expect(fn.Properties?.Timeout, id).toBeLessThanOrEqual(29);
    }
  });
});

describe('API8 security misconfiguration: CORS', () => {
  it('allows the configured origins only: never *, never a path, no credentials', () => {
    const [api] = Object.values(resourcesOf(synth.template, 'AWS::ApiGatewayV2::Api'));
    const cors = api?.Properties?.CorsConfiguration as { AllowOrigins: string[]; AllowCredentials?: boolean };
    expect(cors.AllowOrigins.length).toBeGreaterThan(0);
    for (const origin of cors.AllowOrigins) {
      expect(origin).not.toContain('*');
      expect(new URL(origin).origin).toBe(origin);
      expect(new URL(origin).protocol).toBe('https:');
    }
    expect(cors.AllowCredentials).not.toBe(true);
  });

  const refuses = (corsOrigins: string) => {
    const context: Record<string, unknown> = { ...deploymentContext, corsOrigins };
    expect(() => parseConfig((key) => context[key]), corsOrigins).toThrow(/corsOrigins|CORS/);
  };

  it.each(['*', 'https://wego.example/app', 'wego.example'])('refuses corsOrigins=%s at synth', refuses);

  // API Gateway reads `https://*` as any https origin: config refuses any origin with a `*`.
  it('refuses an origin with a wildcard in it (https://*, http://*, https://*.host) at synth', () => {
    for (const origin of ['https://*', 'http://*', 'https://*.wego.example']) refuses(origin);
  });
});

describe('API8 security misconfiguration: least privilege and encryption', () => {
  it('gives no function a managed policy', () => {
    for (const [id, fn] of functions()) {
      const role = resolve(synth.template, fn.Properties?.Role);
      expect(role.Properties?.ManagedPolicyArns, id).toBeUndefined();
      const managed = Object.values(resourcesOf(synth.template, 'AWS::IAM::ManagedPolicy')).filter((p) =>
        roleIds(p.Properties?.Roles).includes(role.id),
      );
      expect(managed, id).toEqual([]);
    }
  });

  it('lets no function Scan the table, nor use a wildcard that would include it', () => {
    for (const [id, fn] of functions()) {
      const actions = statementsOfRole(refId(fn.Properties?.Role))
        .filter((s) => s.Effect === 'Allow')
        .flatMap(actionsOf);
      expect(
        actions.filter((a) => /^(\*|dynamodb:\*|dynamodb:Scan|dynamodb:S\*|dynamodb:\*Scan)$/i.test(a)),
        id,
      ).toEqual([]);
    }
  });

  it('encrypts the table at rest', () => {
    const tableId = logicalIdOf(synth.data.data.table);
    expect(
      resourcesOf(synth.dataTemplate, 'AWS::DynamoDB::Table')[tableId]?.Properties?.SSESpecification,
    ).toMatchObject({
      SSEEnabled: true,
    });
  });

  it('encrypts every SQS queue (the email DLQ among them) and refuses any request without TLS', () => {
    const queues = resourcesOf(synth.template, 'AWS::SQS::Queue');
    expect(Object.keys(queues)).toContain(logicalIdOf(synth.stack.outbox.dlq));
    const policies = Object.values(resourcesOf(synth.template, 'AWS::SQS::QueuePolicy'));
    for (const [id, queue] of Object.entries(queues)) {
      const p = queue.Properties ?? {};
      expect(p.SqsManagedSseEnabled === true || p.KmsMasterKeyId !== undefined, `${id} encrypted`).toBe(true);
      const denies = policies
        .filter((qp) => roleIds(qp.Properties?.Queues).includes(id))
        .flatMap(
          (qp) => (qp.Properties?.PolicyDocument as { Statement?: Statement[] } | undefined)?.Statement ?? [],
        )
        .filter(
          (s) =>
            s.Effect === 'Deny' &&
            JSON.stringify(s.Condition) === JSON.stringify({ Bool: { 'aws:SecureTransport': 'false' } }),
        );
      expect(denies.length, `${id} is TLS-only`).toBeGreaterThan(0);
    }
  });

  it('encrypts every SNS topic', () => {
    for (const [id, topic] of Object.entries(resourcesOf(synth.template, 'AWS::SNS::Topic'))) {
      expect(topic.Properties?.KmsMasterKeyId, id).toBeDefined();
    }
  });
});
