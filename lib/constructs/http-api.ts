import { Duration, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { type RouteSpec, routeKey } from '../../functions/shared/route.ts';
import { grantItemAccess } from './grants.ts';
import { grantSearchIndex, grantUploads } from './uploads.ts';
import { WegoFunction } from './wego-function.ts';

export interface HttpApiProps {
  readonly stage: string;
  /** The route catalogue by feature: one function per feature serves its routes. */
  readonly features: Readonly<Record<string, readonly RouteSpec[]>>;
  readonly userPool: cognito.IUserPool;
  readonly userPoolClient: cognito.IUserPoolClient;
  readonly table: dynamodb.ITable;
  readonly corsOrigins: readonly string[];
  /** Environment of every feature function whose routes use the table (table name, public URL...). */
  readonly environment: Record<string, string>;
  /** Environment of the routes that page with signed cursors (the signing key). */
  readonly paginatedEnvironment: Record<string, string>;
  /** Environment of the web app's pages (the site's URL, the assets' version, sign-in); API_URL is added. */
  /** What the web app's pages need (sign-in, the API's own URL is added here). */
  readonly pagesEnvironment: Record<string, string>;
  /** Where the site's assets are: SITE_URL and ASSET_VERSION, for pages and the docs page. */
  readonly siteAssetsEnvironment: Record<string, string>;
  /** The approval workflow, for routes that start it or answer its task token. */
  readonly workflow: {
    readonly stateMachine: sfn.IStateMachine;
    readonly startEnvironment: Record<string, string>;
  };
  /** The uploads bucket, for routes with `uploads: true`. */
  readonly uploads: { readonly bucket: s3.IBucket; readonly environment: Record<string, string> };
  /** Where the knowledge search index is kept, for routes with `searchIndex: true` (read only). */
  readonly searchIndex: { readonly bucket: s3.IBucket; readonly environment: Record<string, string> };
  readonly logRemovalPolicy: RemovalPolicy;
}

/** Stage-wide throttling; public writes get a tighter per-route limit from their RouteSpec. */
export const DEFAULT_THROTTLE = { rate: 100, burst: 200 } as const;

/** 'open311' → 'Open311Api': the construct id (and function name) of a feature's API function. */
export const featureFunctionId = (feature: string) => `${feature[0]?.toUpperCase()}${feature.slice(1)}Api`;

/**
 * The HTTP API, built from the route catalogue: one function per feature that routes inside (its role
 * holds only what its routes use), the Cognito JWT authorizer on every route that is not public
 * (public routes with `optionalAuth` get the issuer, audience and JWKS URI to verify a token
 * themselves), JSON access logs, stage and per-route throttling, and CORS limited to the configured
 * origins.
 */
export class HttpApi extends Construct {
  readonly api: apigw.HttpApi;
  /** The API function of each feature. */
  readonly functions = new Map<string, WegoFunction>();
  /** Every route it serves. */
  readonly routes: readonly RouteSpec[];
  private readonly features: Readonly<Record<string, readonly RouteSpec[]>>;

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);
    this.routes = Object.values(props.features).flat();
    this.features = props.features;
    this.api = new apigw.HttpApi(this, 'Api', {
      description: `WeGO API (${props.stage})`,
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: [...props.corsOrigins],
        allowMethods: [apigw.CorsHttpMethod.ANY],
        allowHeaders: ['authorization', 'content-type', 'idempotency-key', 'draft-token'],
        maxAge: Duration.hours(1),
      },
    });

    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: props.logRemovalPolicy,
    });
    const stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: DEFAULT_THROTTLE.rate, burstLimit: DEFAULT_THROTTLE.burst },
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        // No query strings or bodies: they can carry personal data.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            requestTime: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            latency: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
          }),
        ),
      },
    });
    const routeSettings = Object.fromEntries(
      Object.values(props.features)
        .flat()
        .filter((r) => r.throttle)
        .map((r) => [
          routeKey(r),
          { ThrottlingRateLimit: r.throttle?.rate, ThrottlingBurstLimit: r.throttle?.burst },
        ]),
    );
    if (Object.keys(routeSettings).length > 0) {
      (stage.node.defaultChild as apigw.CfnStage).routeSettings = routeSettings;
    }

    const authorizer = new HttpUserPoolAuthorizer('Cognito', props.userPool, {
      userPoolClients: [props.userPoolClient],
    });
    // What a public route with optional sign-in needs to verify a token as the authorizer does: the
    // issuer built as HttpUserPoolAuthorizer builds it (not userPoolProviderUrl, a GetAtt the local
    // cloud cannot resolve), the app client as audience, and the pool's JWKS.
    const issuer = `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${props.userPool.userPoolId}`;
    const optionalAuthEnvironment = {
      JWT_ISSUER: issuer,
      JWT_AUDIENCE: props.userPoolClient.userPoolClientId,
      JWKS_URI: `${issuer}/.well-known/jwks.json`,
    };
    for (const [feature, routes] of Object.entries(props.features)) {
      for (const route of routes) {
        if (route.optionalAuth && route.access !== 'public') {
          throw new Error(
            `${routeKey(route)}: optionalAuth is for public routes; the authorizer guards the others`,
          );
        }
      }
      const any = (test: (r: RouteSpec) => boolean) => routes.some(test);
      const fn = new WegoFunction(this, featureFunctionId(feature), {
        entry: `functions/${feature}/api.ts`,
        description: `The ${feature} API: ${routes.map(routeKey).join(', ')}`.slice(0, 256),
        environment: {
          // Only what its routes use: the docs feature gets no table name, as it gets no table access.
          ...(any((r) => r.usesTable !== false) ? props.environment : {}),
          ...(any((r) => r.workflow === 'start') ? props.workflow.startEnvironment : {}),
          ...(any((r) => r.paginated === true) ? props.paginatedEnvironment : {}),
          ...(any((r) => r.optionalAuth === true) ? optionalAuthEnvironment : {}),
          ...(any((r) => r.uploads === true) ? props.uploads.environment : {}),
          ...(any((r) => r.searchIndex === true) ? props.searchIndex.environment : {}),
          // Pages read and write through the JSON API itself, as any client does.
          ...(any((r) => r.page === true)
            ? { ...props.pagesEnvironment, API_URL: this.api.apiEndpoint }
            : {}),
          ...(any((r) => r.page === true || r.siteAssets === true) ? props.siteAssetsEnvironment : {}),
        },
        logRemovalPolicy: props.logRemovalPolicy,
      });
      // Least privilege per feature: only what its routes use.
      if (any((r) => r.usesTable !== false)) grantItemAccess(props.table, fn.fn);
      if (any((r) => r.workflow === 'start')) props.workflow.stateMachine.grantStartExecution(fn.fn);
      if (any((r) => r.uploads === true)) grantUploads(props.uploads.bucket, fn.fn);
      if (any((r) => r.searchIndex === true)) grantSearchIndex(props.searchIndex.bucket, fn.fn, 'read');
      // Answering is SendTaskSuccess only: nothing here fails or heartbeats a task.
      if (any((r) => r.workflow === 'answer')) {
        props.workflow.stateMachine.grant(fn.fn, 'states:SendTaskSuccess');
      }
      this.functions.set(feature, fn);
      // One integration and one API-wide invoke permission per feature, not one per route.
      const integration = new HttpLambdaIntegration(`${feature}-integration`, fn.fn, {
        scopePermissionToRoute: false,
      });
      for (const route of routes) {
        this.api.addRoutes({
          path: route.path,
          methods: [route.method as apigw.HttpMethod],
          integration,
          authorizer: route.access === 'public' ? new apigw.HttpNoneAuthorizer() : authorizer,
        });
      }
    }
  }

  /** The feature whose function serves a route. */
  featureOf(route: RouteSpec): string | undefined {
    return Object.entries(this.features).find(([, routes]) => routes.includes(route))?.[0];
  }

  get url(): string {
    return this.api.apiEndpoint;
  }
}
