import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Feature, featureApis, routes } from '../../functions/routes.ts';
import { type RouteSpec, routeKey } from '../../functions/shared/route.ts';
import { stackNames } from '../../lib/config.ts';
import { dataExportNames } from '../../lib/data-stack.ts';
import {
  applicationFunctions,
  type CfnResource,
  exportedValue,
  importedNames,
  isDeploymentHandler,
  logicalIdOf,
  refId,
  resolve,
  resourcesOf,
  type Synthesized,
  synthesize,
} from './support/synth.ts';

/**
 * The split into a stateful and a stateless stack, and what each feature's function may do. The
 * stateful stack must survive any release of the code; the stateless one is replaced freely, so it
 * must hold nothing that cannot be rebuilt.
 */

/**
 * CloudFormation refuses a stack over 500 resources: keep well under it, with room to grow. The app was
 * held to 200 when the feature modules landed (about 40 routes); the web app, uploads and knowledge
 * sharing brought the API to 92 routes, one resource each, which is most of the growth (241 in all).
 * A new route costs one resource; when the stateless stack nears its budget, the routes of the
 * largest features move into a nested stack each (docs/architecture.md).
 */
const STACK_BUDGET = 250;
const APP_BUDGET = 260;

/** Resource types whose loss loses data or identity: only the stateful stack may hold them. */
const STATEFUL_TYPES = [
  'AWS::DynamoDB::Table',
  'AWS::DynamoDB::GlobalTable',
  'AWS::Cognito::UserPool',
  'AWS::Cognito::UserPoolClient',
  'AWS::Cognito::UserPoolGroup',
  'AWS::SecretsManager::Secret',
  'AWS::SES::EmailIdentity',
  'AWS::SES::ConfigurationSet',
];

/** What every function's role gets whatever its routes: its own log stream and X-Ray. */
const BASELINE_ACTIONS = [
  'logs:CreateLogStream',
  'logs:PutLogEvents',
  'xray:PutTelemetryRecords',
  'xray:PutTraceSegments',
];

/** Item-level table access (lib/constructs/grants.ts): no Scan, no table administration. */
const TABLE_ACTIONS = [
  'dynamodb:BatchGetItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DeleteItem',
  'dynamodb:DescribeTable',
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:Query',
  'dynamodb:UpdateItem',
];

/** What a function with `uploads: true` routes may do on the uploads bucket (lib/constructs/uploads.ts). */
const UPLOAD_ACTIONS = ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'];

const OPTIONAL_AUTH_VARIABLES = ['JWT_ISSUER', 'JWT_AUDIENCE', 'JWKS_URI'];
const START_VARIABLES = ['STATE_MACHINE_ARN', 'VOTING_PERIOD_SECONDS'];

const FEATURES = Object.keys(featureApis) as Feature[];

/** The features with a route that has the given property, from the catalogue. */
const featuresWhere = (test: (route: RouteSpec) => boolean): Feature[] =>
  FEATURES.filter((f) => featureApis[f].some(test));

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource?: unknown;
}

const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const resourceList = (s: Statement) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]);
const countOf = (synth: Synthesized, which: 'template' | 'dataTemplate') =>
  Object.keys(synth[which].toJSON().Resources ?? {}).length;

let prod: Synthesized;
let dev: Synthesized;
let testStage: Synthesized;

beforeAll(() => {
  prod = synthesize({ stage: 'prod' });
  dev = synthesize({ stage: 'dev' });
  testStage = synthesize({ stage: 'test-e2e' });
});

afterAll(() => {
  prod?.dispose();
  dev?.dispose();
  testStage?.dispose();
});

describe('the resource budget', () => {
  it(`keeps each stack within ${STACK_BUDGET} resources`, async ({ annotate }) => {
    const counts = {
      [prod.data.stackName]: countOf(prod, 'dataTemplate'),
      [prod.stack.stackName]: countOf(prod, 'template'),
    };
    for (const [stack, count] of Object.entries(counts)) {
      // Reported even when within budget, so growth shows before it fails.
      await annotate(`${stack}: ${count} resources (budget ${STACK_BUDGET})`);
      expect(count, `${stack} has ${count} resources (budget ${STACK_BUDGET})`).toBeLessThanOrEqual(
        STACK_BUDGET,
      );
    }
  });

  it(`keeps the whole app within ${APP_BUDGET} resources`, async ({ annotate }) => {
    const data = countOf(prod, 'dataTemplate');
    const app = countOf(prod, 'template');
    const message = `the app has ${data + app} resources (stateful ${data}, stateless ${app}; budget ${APP_BUDGET})`;
    await annotate(message);
    expect(data + app, message).toBeLessThanOrEqual(APP_BUDGET);
  });
});

describe('the stateful stack', () => {
  /** The one resource of a type in a stateful template. */
  const only = (synth: Synthesized, type: string): CfnResource => {
    const found = Object.values(resourcesOf(synth.dataTemplate, type));
    expect(found, type).toHaveLength(1);
    return found[0] as CfnResource;
  };
  const statefulResources = [
    'AWS::DynamoDB::Table',
    'AWS::Cognito::UserPool',
    'AWS::SecretsManager::Secret',
    // A verified sending identity and its reputation must survive a template change too.
    'AWS::SES::EmailIdentity',
    'AWS::SES::ConfigurationSet',
  ];

  it('is named after the stage, and the stateless stack deploys after it', () => {
    expect(prod.data.stackName).toBe(stackNames('prod').data);
    expect(prod.stack.stackName).toBe(stackNames('prod').app);
    expect(prod.stack.dependencies).toContain(prod.data);
  });

  it('has termination protection on a prod stage, and retains the table, user pool and secret', () => {
    // Act
    const artifact = prod.app.synth().getStackByName(prod.data.stackName);

    // Assess
    expect(prod.data.terminationProtection).toBe(true);
    expect(artifact.terminationProtection).toBe(true);
    for (const type of statefulResources) {
      expect(only(prod, type), type).toMatchObject({
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
    }
    expect(only(prod, 'AWS::DynamoDB::Table').Properties?.DeletionProtectionEnabled).toBe(true);
    expect(only(prod, 'AWS::Cognito::UserPool').Properties?.DeletionProtection).toBe('ACTIVE');
  });

  it.each([
    ['dev', () => dev],
    ['test-e2e', () => testStage],
  ])(
    'may be destroyed with its data on the %s stage: no termination protection, nothing retained',
    (_, of) => {
      // Prepare
      const synth = of();

      // Act
      const artifact = synth.app.synth().getStackByName(synth.data.stackName);

      // Assess
      expect(synth.data.terminationProtection).toBe(false);
      expect(artifact.terminationProtection).not.toBe(true);
      for (const type of statefulResources) {
        expect(only(synth, type), type).toMatchObject({
          DeletionPolicy: 'Delete',
          UpdateReplacePolicy: 'Delete',
        });
      }
      expect(only(synth, 'AWS::DynamoDB::Table').Properties?.DeletionProtectionEnabled).not.toBe(true);
      expect(only(synth, 'AWS::Cognito::UserPool').Properties?.DeletionProtection).not.toBe('ACTIVE');
    },
  );

  it('exports exactly the values dataExportNames names, and imports nothing', () => {
    // Act
    const outputs = Object.values(
      (prod.dataTemplate.toJSON().Outputs ?? {}) as Record<string, { Export?: { Name?: string } }>,
    );
    const exported = outputs.flatMap((o) => (o.Export?.Name ? [o.Export.Name] : []));

    // Assess
    expect(exported.sort()).toEqual(Object.values(dataExportNames('prod')).sort());
    expect(importedNames(prod.dataTemplate)).toEqual([]);
  });
});

describe('the stateless stack', () => {
  it.each([
    ['prod', () => prod],
    ['dev', () => dev],
  ])('holds no stateful resource on the %s stage', (_, of) => {
    const synth = of();
    for (const type of STATEFUL_TYPES) {
      expect(Object.keys(resourcesOf(synth.template, type)), type).toEqual([]);
    }
  });

  it.each([
    ['prod', () => prod],
    ['dev', () => dev],
  ])('imports the stateful stack of the %s stage by the names dataExportNames gives', (stage, of) => {
    // Prepare
    const synth = of();
    const names = Object.values(dataExportNames(stage)).sort();

    // Act
    const imported = importedNames(synth.template);

    // Assess: every export it imports is exported by the stateful stack (exportedValue throws otherwise).
    expect(imported).toEqual(names);
    for (const name of imported) expect(exportedValue(synth.dataTemplate, name), name).toBeDefined();
  });

  it('names the stateful resources by their exports: the table, stream, pool, client, key, SES set and uploads bucket', () => {
    // Prepare
    const names = dataExportNames('prod');
    const { data, auth, mail, cursorKey } = prod.data;
    const exported = (name: string) => exportedValue(prod.dataTemplate, name);

    // Assess: each export is the resource it says, so an import can only mean that resource.
    expect(exported(names.tableArn)).toEqual({ 'Fn::GetAtt': [logicalIdOf(data.table), 'Arn'] });
    expect(exported(names.tableStreamArn)).toEqual({ 'Fn::GetAtt': [logicalIdOf(data.table), 'StreamArn'] });
    expect(exported(names.userPoolId)).toEqual({ Ref: logicalIdOf(auth.userPool) });
    expect(exported(names.userPoolClientId)).toEqual({ Ref: logicalIdOf(auth.client) });
    expect(exported(names.cursorKeyArn)).toEqual({ Ref: logicalIdOf(cursorKey) });
    expect(exported(names.configurationSetName)).toEqual({ Ref: logicalIdOf(mail.configurationSet) });
    expect(exported(names.senderIdentityName)).toEqual({ Ref: logicalIdOf(mail.identity) });
    expect(exported(names.uploadsBucketName)).toEqual({ Ref: logicalIdOf(prod.data.uploads.bucket) });
  });
});

describe('functions and routes', () => {
  /** Logical id of each feature's API function. */
  let featureFunction: Record<Feature, string>;

  beforeAll(() => {
    featureFunction = Object.fromEntries(
      FEATURES.map((feature) => {
        const fn = prod.stack.api.functions.get(feature);
        if (!fn) throw new Error(`no function for the ${feature} feature`);
        return [feature, logicalIdOf(fn.fn)];
      }),
    ) as Record<Feature, string>;
  });

  it('are one function per feature API, the notifier, the workflow steps function, the sweep, the knowledge indexer and digest (13 in all)', () => {
    // Prepare
    const { outbox, workflow, escalation, knowledge } = prod.stack;
    const expected = [
      ...Object.values(featureFunction),
      logicalIdOf(outbox.notifier.fn),
      logicalIdOf(workflow.steps.fn),
      logicalIdOf(escalation.fn.fn),
      logicalIdOf(knowledge.indexer.fn),
      logicalIdOf(knowledge.digest.fn),
    ];

    // Assess
    expect(FEATURES).toHaveLength(8);
    expect(new Set(expected).size).toBe(13);
    expect(Object.keys(applicationFunctions(prod.template)).sort()).toEqual(expected.sort());
    // The only other function is CDK's deploy-time copy of the site's assets.
    expect(
      Object.keys(resourcesOf(prod.template, 'AWS::Lambda::Function')).filter(isDeploymentHandler),
    ).toHaveLength(1);
  });

  it('integrate every route of the catalogue with the function of its feature', () => {
    // Prepare
    const byKey = new Map(
      Object.values(resourcesOf(prod.template, 'AWS::ApiGatewayV2::Route')).map((r) => [
        String(r.Properties?.RouteKey),
        r,
      ]),
    );
    expect(byKey.size).toBe(routes.length);

    for (const [feature, featureRoutes] of Object.entries(featureApis) as [Feature, readonly RouteSpec[]][]) {
      for (const route of featureRoutes) {
        // Act: route key → integration → function.
        const key = routeKey(route);
        const target = byKey.get(key)?.Properties?.Target as { 'Fn::Join': [string, unknown[]] } | undefined;
        const [prefix, integrationRef] = target?.['Fn::Join'][1] ?? [];
        const integration = resolve(prod.template, integrationRef);

        // Assess
        expect(prefix, key).toBe('integrations/');
        expect(integration.Type, key).toBe('AWS::ApiGatewayV2::Integration');
        expect(integration.Properties, key).toMatchObject({
          IntegrationType: 'AWS_PROXY',
          PayloadFormatVersion: '2.0',
        });
        expect(integration.Properties?.IntegrationUri, key).toEqual({
          'Fn::GetAtt': [featureFunction[feature], 'Arn'],
        });
      }
    }
  });

  it('have one integration and one API-scoped invoke permission per feature, not one per route', () => {
    // Prepare
    const apiId = logicalIdOf(prod.stack.api.api);
    const integrations = Object.values(resourcesOf(prod.template, 'AWS::ApiGatewayV2::Integration'));
    const fromApi = Object.values(resourcesOf(prod.template, 'AWS::Lambda::Permission')).filter(
      (p) => p.Properties?.Principal === 'apigateway.amazonaws.com',
    );

    // Assess
    expect(integrations).toHaveLength(FEATURES.length);
    expect(fromApi).toHaveLength(FEATURES.length);
    for (const feature of FEATURES) {
      const own = fromApi.filter((p) => refId(p.Properties?.FunctionName) === featureFunction[feature]);
      expect(own, feature).toHaveLength(1);
      // Any stage, method and path of this API, and of no other.
      const sourceArn = JSON.stringify(own[0]?.Properties?.SourceArn);
      expect(sourceArn, feature).toContain(JSON.stringify({ Ref: apiId }));
      expect(sourceArn, feature).toMatch(/"\/\*\/\*\/\*"\]\]\}$/);
    }
  });

  it('put the JWT authorizer on every route that is not public, and on no public one', () => {
    // Prepare
    const authorizers = Object.keys(resourcesOf(prod.template, 'AWS::ApiGatewayV2::Authorizer'));
    const byKey = new Map(
      Object.values(resourcesOf(prod.template, 'AWS::ApiGatewayV2::Route')).map((r) => [
        String(r.Properties?.RouteKey),
        r.Properties ?? {},
      ]),
    );

    // Assess
    expect(authorizers).toHaveLength(1);
    for (const route of routes) {
      const props = byKey.get(routeKey(route));
      if (route.access === 'public') {
        expect(props?.AuthorizationType, routeKey(route)).toBe('NONE');
        expect(props?.AuthorizerId, routeKey(route)).toBeUndefined();
      } else {
        expect(props, routeKey(route)).toMatchObject({
          AuthorizationType: 'JWT',
          AuthorizerId: { Ref: authorizers[0] },
        });
      }
    }
  });
});

describe('least privilege per feature', () => {
  let resources: Record<string, CfnResource>;
  let machineId: string;

  beforeAll(() => {
    resources = prod.template.toJSON().Resources as Record<string, CfnResource>;
    machineId = logicalIdOf(prod.stack.workflow.stateMachine);
  });

  const functionOf = (feature: Feature): CfnResource => {
    const fn = prod.stack.api.functions.get(feature);
    if (!fn) throw new Error(`no function for the ${feature} feature`);
    return resources[logicalIdOf(fn.fn)] as CfnResource;
  };

  /** Every statement the feature function's role gets: inline, attached and managed policies. */
  const statementsOf = (feature: Feature): Statement[] => {
    const roleId = refId(functionOf(feature).Properties?.Role);
    const inline = (
      (resources[roleId]?.Properties?.Policies ?? []) as { PolicyDocument: { Statement: Statement[] } }[]
    ).flatMap((p) => p.PolicyDocument.Statement);
    const attached = Object.values(resources)
      .filter((r) => r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy')
      .filter((p) => ((p.Properties?.Roles ?? []) as unknown[]).some((r) => refId(r) === roleId))
      .flatMap(
        (p) => (p.Properties?.PolicyDocument as { Statement?: Statement[] } | undefined)?.Statement ?? [],
      );
    return [...inline, ...attached];
  };

  /** The environment variables of a feature's function. */
  const variablesOf = (feature: Feature): Record<string, unknown> =>
    (functionOf(feature).Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)
      ?.Variables ?? {};

  const usesTable = featuresWhere((r) => r.usesTable !== false);
  const starts = featuresWhere((r) => r.workflow === 'start');
  const answers = featuresWhere((r) => r.workflow === 'answer');
  const paginated = featuresWhere((r) => r.paginated === true);
  const optionalAuth = featuresWhere((r) => r.optionalAuth === true);
  const uploads = featuresWhere((r) => r.uploads === true);
  const searchIndex = featuresWhere((r) => r.searchIndex === true);

  it('reads a catalogue where the features differ in what they need', () => {
    // The expectations below are derived from the catalogue; these pin it so they cannot all be vacuous.
    expect(FEATURES.filter((f) => !usesTable.includes(f))).toEqual(['docs', 'web']);
    expect(starts).toEqual(['approvals']);
    expect(answers).toEqual(['approvals']);
    expect(uploads).toEqual(['membership', 'cps', 'open311', 'uploads', 'knowledge']);
    expect(searchIndex).toEqual(['knowledge']);
    expect(paginated.length).toBeGreaterThan(0);
    expect(optionalAuth.length).toBeGreaterThan(0);
  });

  it.each(FEATURES)('gives the %s feature function exactly the actions its routes use', (feature) => {
    // Prepare
    const expected = [
      ...BASELINE_ACTIONS,
      ...(usesTable.includes(feature) ? TABLE_ACTIONS : []),
      ...(starts.includes(feature) ? ['states:StartExecution'] : []),
      ...(answers.includes(feature) ? ['states:SendTaskSuccess'] : []),
      ...(uploads.includes(feature) ? UPLOAD_ACTIONS : []),
      ...(searchIndex.includes(feature) ? ['s3:GetObject'] : []),
    ];
    const unique = [...new Set(expected)].sort();

    // Act
    const statements = statementsOf(feature);
    const actions = [...new Set(statements.flatMap(actionsOf))].sort();

    // Assess
    expect(statements.every((s) => s.Effect === 'Allow')).toBe(true);
    expect(actions).toEqual(unique);
  });

  it.each(FEATURES)(
    'scopes the %s feature function to the imported table and this state machine',
    (feature) => {
      // Prepare
      const tableArn = { 'Fn::ImportValue': dataExportNames('prod').tableArn };
      const statements = statementsOf(feature);
      const resourcesFor = (prefix: string) =>
        statements.filter((s) => actionsOf(s).some((a) => a.startsWith(prefix))).flatMap(resourceList);

      // Assess: the table and its indexes only; the state machine only.
      const table = resourcesFor('dynamodb:');
      if (usesTable.includes(feature)) {
        expect(table).toEqual([tableArn, { 'Fn::Join': ['', [tableArn, '/index/*']] }]);
      } else {
        expect(table).toEqual([]);
      }
      for (const resource of resourcesFor('states:')) expect(resource, feature).toEqual({ Ref: machineId });
    },
  );

  it.each(FEATURES)(
    'scopes the %s feature function to the prefixes of the uploads bucket it uses',
    (feature) => {
      // Prepare: the imported bucket's objects under a prefix, as the grant names them.
      const bucket = { 'Fn::ImportValue': dataExportNames('prod').uploadsBucketName };
      const objects = (prefix: string) => ({
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::', bucket, `/${prefix}/*`]],
      });
      const statements = statementsOf(feature);
      const resourcesOf = (action: string) =>
        statements.filter((s) => actionsOf(s).includes(action)).flatMap(resourceList);

      // Assess: writes where files arrive and where checked files go; reads of arrivals and private
      // files (never media: the CDN serves those); deletes of arrivals only; nothing on the bucket itself.
      // The search reads the index's objects, nothing else of them.
      const index = searchIndex.includes(feature) ? [objects('search-index')] : [];
      if (!uploads.includes(feature)) {
        expect(statements.flatMap(actionsOf).filter((a) => a.startsWith('s3:'))).toEqual(
          index.length > 0 ? ['s3:GetObject'] : [],
        );
        expect(resourcesOf('s3:GetObject')).toEqual(index);
        return;
      }
      expect(resourcesOf('s3:PutObject')).toEqual([
        objects('incoming'),
        objects('media'),
        objects('private'),
      ]);
      expect(resourcesOf('s3:GetObject')).toEqual([objects('incoming'), objects('private'), ...index]);
      expect(resourcesOf('s3:DeleteObject')).toEqual([objects('incoming')]);
    },
  );

  it.each(FEATURES)('gives the %s feature function only the variables its routes need', (feature) => {
    // Act
    const variables = Object.keys(variablesOf(feature));
    const has = (names: string[]) => names.every((n) => variables.includes(n));
    const hasAny = (names: string[]) => names.some((n) => variables.includes(n));

    // Assess: the table only where a route uses it, the cursor key only where a route pages, token
    // verification only where sign-in is optional.
    expect(variables.includes('CURSOR_SECRET'), 'CURSOR_SECRET').toBe(paginated.includes(feature));
    expect(variables.includes('TABLE_NAME'), 'TABLE_NAME').toBe(usesTable.includes(feature));
    expect(hasAny(OPTIONAL_AUTH_VARIABLES), 'JWT variables').toBe(optionalAuth.includes(feature));
    if (optionalAuth.includes(feature)) expect(has(OPTIONAL_AUTH_VARIABLES)).toBe(true);
    expect(hasAny(START_VARIABLES), 'workflow variables').toBe(starts.includes(feature));
    expect(variables.includes('UPLOADS_BUCKET'), 'UPLOADS_BUCKET').toBe(uploads.includes(feature));
    expect(variables.includes('SEARCH_INDEX_BUCKET'), 'SEARCH_INDEX_BUCKET').toBe(
      searchIndex.includes(feature),
    );
    if (starts.includes(feature)) expect(has(START_VARIABLES)).toBe(true);
  });

  it('lets the features with optional sign-in verify a token as the authorizer does', () => {
    // Prepare
    const [authorizer] = Object.values(resourcesOf(prod.template, 'AWS::ApiGatewayV2::Authorizer'));
    const jwt = authorizer?.Properties?.JwtConfiguration as {
      Issuer: { 'Fn::Join': [string, unknown[]] };
      Audience: unknown[];
    };
    const [separator, issuerParts] = jwt.Issuer['Fn::Join'];

    for (const feature of optionalAuth) {
      // Act
      const variables = variablesOf(feature);

      // Assess
      expect(variables.JWT_ISSUER, feature).toEqual(jwt.Issuer);
      expect([variables.JWT_AUDIENCE], feature).toEqual(jwt.Audience);
      expect(variables.JWKS_URI, feature).toEqual({
        'Fn::Join': [separator, [...issuerParts, '/.well-known/jwks.json']],
      });
    }
  });
});
