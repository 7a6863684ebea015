import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../functions/routes.ts';
import { routeKey } from '../../functions/shared/route.ts';
import { DEFAULT_THROTTLE } from '../../lib/constructs/http-api.ts';
import { dataExportNames } from '../../lib/data-stack.ts';
import {
  type CfnResource,
  CONFIGURED_ORIGINS,
  deploymentContext,
  exportedValue,
  logicalIdOf,
  resolve,
  resourcesOf,
  type Synthesized,
  synthesize,
} from './support/synth.ts';

let synth: Synthesized;
let templateRoutes: CfnResource[];

beforeAll(() => {
  synth = synthesize();
  templateRoutes = Object.values(resourcesOf(synth.template, 'AWS::ApiGatewayV2::Route'));
});

afterAll(() => synth?.dispose());

const publicKeys = new Set(routes.filter((r) => r.access === 'public').map(routeKey));
const protectedRoutes = routes.filter((r) => r.access !== 'public');

describe('HTTP API routes', () => {
  it('are exactly the routes of the catalogue in functions/routes.ts', () => {
    // Act
    const keys = templateRoutes.map((r) => r.Properties?.RouteKey);

    // Assess
    expect([...keys].sort()).toEqual(routes.map(routeKey).sort());
  });

  it('require the JWT authorizer on every route that is not public', () => {
    // Prepare
    const notPublic = templateRoutes.filter((r) => !publicKeys.has(String(r.Properties?.RouteKey)));

    // Assess
    expect(notPublic.length).toBe(protectedRoutes.length);
    for (const route of notPublic) {
      expect(route.Properties, String(route.Properties?.RouteKey)).toMatchObject({
        AuthorizationType: 'JWT',
        AuthorizerId: { Ref: expect.any(String) },
      });
    }
  });

  it('leave the public routes of the catalogue open, without an authorizer', () => {
    // Prepare
    const open = templateRoutes.filter((r) => publicKeys.has(String(r.Properties?.RouteKey)));

    // Assess
    expect(open.length).toBe(publicKeys.size);
    for (const route of open) {
      expect(route.Properties?.AuthorizationType, String(route.Properties?.RouteKey)).toBe('NONE');
      expect(route.Properties?.AuthorizerId, String(route.Properties?.RouteKey)).toBeUndefined();
    }
  });

  it('share one JWT authorizer that trusts the staff user pool and its API client only', () => {
    // Prepare: the contract has authorized routes; the catalogue must hold some for this check to mean anything.
    expect(protectedRoutes.length).toBeGreaterThan(0);
    const authorizerIds = new Set(
      templateRoutes
        .filter((r) => r.Properties?.AuthorizationType === 'JWT')
        .map((r) => resolve(synth.template, r.Properties?.AuthorizerId).id),
    );
    // The pool and its client are the stateful stack's, imported by their exports.
    const names = dataExportNames(deploymentContext.stage);
    expect(exportedValue(synth.dataTemplate, names.userPoolId)).toEqual({
      Ref: logicalIdOf(synth.data.auth.userPool),
    });
    expect(exportedValue(synth.dataTemplate, names.userPoolClientId)).toEqual({
      Ref: logicalIdOf(synth.data.auth.client),
    });

    // Act
    const [authorizerId] = [...authorizerIds];
    const authorizer = resolve(synth.template, { Ref: authorizerId });

    // Assess
    expect(authorizerIds.size).toBe(1);
    expect(authorizer.Type).toBe('AWS::ApiGatewayV2::Authorizer');
    expect(authorizer.Properties).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ 'Fn::ImportValue': names.userPoolClientId }],
        Issuer: {
          'Fn::Join': [
            '',
            [
              'https://cognito-idp.',
              { Ref: 'AWS::Region' },
              '.amazonaws.com/',
              { 'Fn::ImportValue': names.userPoolId },
            ],
          ],
        },
      },
    });
  });
});

describe('HTTP API stage', () => {
  it('writes JSON access logs to a log group with a retention', () => {
    // Prepare
    const [stage] = Object.values(resourcesOf(synth.template, 'AWS::ApiGatewayV2::Stage'));
    const settings = stage?.Properties?.AccessLogSettings as { DestinationArn: unknown; Format: string };

    // Act
    const group = resolve(synth.template, settings.DestinationArn);
    const format = JSON.parse(settings.Format) as Record<string, string>;

    // Assess
    expect(group.Type).toBe('AWS::Logs::LogGroup');
    expect(group.Properties?.RetentionInDays).toEqual(expect.any(Number));
    expect(format).toMatchObject({
      requestId: '$context.requestId',
      routeKey: '$context.routeKey',
      status: '$context.status',
    });
  });

  it('logs no request body, query string or authorization header (personal data)', () => {
    const [stage] = Object.values(resourcesOf(synth.template, 'AWS::ApiGatewayV2::Stage'));
    const format = (stage?.Properties?.AccessLogSettings as { Format?: string } | undefined)?.Format;
    expect(format).not.toMatch(/requestBody|querystring|\$input|authorization|rawQueryString/i);
  });

  it('throttles every route by default, and auto-deploys the one $default stage', () => {
    synth.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: {
        ThrottlingRateLimit: DEFAULT_THROTTLE.rate,
        ThrottlingBurstLimit: DEFAULT_THROTTLE.burst,
      },
    });
    expect(DEFAULT_THROTTLE.rate).toBeGreaterThan(0);
    expect(DEFAULT_THROTTLE.burst).toBeGreaterThanOrEqual(DEFAULT_THROTTLE.rate);
  });

  it('gives each route that declares a throttle its own tighter limit', () => {
    // Prepare
    const throttled = routes.filter((r) => r.throttle);
    const expected = Object.fromEntries(
      throttled.map((r) => [
        routeKey(r),
        { ThrottlingRateLimit: r.throttle?.rate, ThrottlingBurstLimit: r.throttle?.burst },
      ]),
    );

    // Assess
    synth.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      RouteSettings: throttled.length > 0 ? expected : Match.absent(),
    });
    for (const r of throttled) expect(r.throttle?.rate, routeKey(r)).toBeLessThan(DEFAULT_THROTTLE.rate);
  });
});

describe('HTTP API CORS', () => {
  it('allows exactly the configured origins, never *', () => {
    // Act
    const [api] = Object.values(resourcesOf(synth.template, 'AWS::ApiGatewayV2::Api'));
    const cors = api?.Properties?.CorsConfiguration as { AllowOrigins: string[]; AllowHeaders: string[] };

    // Assess
    expect(cors.AllowOrigins).toEqual(CONFIGURED_ORIGINS);
    expect(cors.AllowOrigins).not.toContain('*');
    expect(cors.AllowHeaders).toEqual(
      expect.arrayContaining(['authorization', 'content-type', 'idempotency-key']),
    );
  });
});
