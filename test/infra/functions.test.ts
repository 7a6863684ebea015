import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { featureApis } from '../../functions/routes.ts';
import { type RouteSpec, routeKey } from '../../functions/shared/route.ts';
import {
  applicationFunctions,
  type CfnResource,
  logicalIdOf,
  refId,
  resolve,
  resourcesOf,
  type Synthesized,
  synthesize,
} from './support/synth.ts';

let synth: Synthesized;
let functions: [string, CfnResource][];

beforeAll(() => {
  synth = synthesize();
  functions = Object.entries(applicationFunctions(synth.template));
});

afterAll(() => synth?.dispose());

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

/** The statements of every AWS::IAM::Policy attached to a role. */
function statementsOfRole(roleId: string): Statement[] {
  return Object.values(resourcesOf(synth.template, 'AWS::IAM::Policy'))
    .filter((p) => ((p.Properties?.Roles ?? []) as unknown[]).some((r) => refId(r) === roleId))
    .flatMap(
      (p) => (p.Properties?.PolicyDocument as { Statement: Statement[] } | undefined)?.Statement ?? [],
    );
}

const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);

describe('Lambda functions', () => {
  it('include one function per feature of the catalogue, the notifier, the workflow steps, the sweep, the knowledge indexer and digest', () => {
    // Prepare
    const byId = Object.fromEntries(functions);
    const { api, outbox, workflow, escalation, knowledge } = synth.stack;

    // Assess: each feature's function names the feature and its routes (cut at Lambda's 256 characters).
    for (const [feature, featureRoutes] of Object.entries(featureApis)) {
      const fn = api.functions.get(feature);
      if (!fn) throw new Error(`no function for the ${feature} feature`);
      const description = String(byId[logicalIdOf(fn.fn)]?.Properties?.Description);
      expect(description, feature).toMatch(new RegExp(`^The ${feature} API: `));
      expect(description, feature).toContain(routeKey(featureRoutes[0] as RouteSpec));
    }
    const others = [outbox.notifier, workflow.steps, escalation.fn, knowledge.indexer, knowledge.digest].map(
      (fn) => logicalIdOf(fn.fn),
    );
    for (const id of others) expect(byId[id], id).toBeDefined();
    expect(functions).toHaveLength(Object.keys(featureApis).length + others.length);
  });

  it('all run Node.js 24 on arm64 with active tracing', () => {
    for (const [id, fn] of functions) {
      expect(fn.Properties, id).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
      });
    }
  });

  it('all set their memory and timeout explicitly', () => {
    for (const [id, fn] of functions) {
      expect(fn.Properties?.MemorySize, id).toEqual(expect.any(Number));
      expect(fn.Properties?.Timeout, id).toEqual(expect.any(Number));
    }
  });

  it('answer HTTP routes within the 30 s limit of an HTTP API integration', () => {
    // Prepare
    const apiFunctions = [...synth.stack.api.functions.values()].map((fn) => logicalIdOf(fn.fn));
    const byId = Object.fromEntries(functions);

    // Assess
    expect(apiFunctions).toHaveLength(Object.keys(featureApis).length);
    for (const id of apiFunctions)
      expect(byId[id]?.Properties?.Timeout as number, id).toBeLessThanOrEqual(29);
  });

  it('all log as JSON to their own log group, which has a retention', () => {
    // Prepare
    const groups = new Set<string>();

    for (const [id, fn] of functions) {
      // Act
      const logging = fn.Properties?.LoggingConfig as { LogFormat?: string; LogGroup?: unknown } | undefined;
      const group = resolve(synth.template, logging?.LogGroup);

      // Assess
      expect(logging?.LogFormat, id).toBe('JSON');
      expect(group.Type, id).toBe('AWS::Logs::LogGroup');
      expect(group.Properties?.RetentionInDays, id).toEqual(expect.any(Number));
      groups.add(group.id);
    }
    expect(groups.size).toBe(functions.length);
  });

  it('have roles without managed policies, assumable by Lambda only', () => {
    for (const [id, fn] of functions) {
      // Act
      const role = resolve(synth.template, fn.Properties?.Role);

      // Assess
      expect(role.Type, id).toBe('AWS::IAM::Role');
      expect(role.Properties?.ManagedPolicyArns, id).toBeUndefined();
      expect(role.Properties?.AssumeRolePolicyDocument, id).toEqual({
        Version: '2012-10-17',
        Statement: [
          { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } },
        ],
      });
    }
  });

  it('may write logs only to their own log group', () => {
    for (const [id, fn] of functions) {
      // Prepare
      const ownGroup = refId((fn.Properties?.LoggingConfig as { LogGroup?: unknown } | undefined)?.LogGroup);

      // Act
      const logStatements = statementsOfRole(refId(fn.Properties?.Role)).filter((s) =>
        actionsOf(s).some((a) => a.startsWith('logs:')),
      );

      // Assess
      expect(logStatements.length, id).toBeGreaterThan(0);
      for (const s of logStatements) {
        expect(s.Resource, id).toEqual({ 'Fn::GetAtt': [ownGroup, 'Arn'] });
      }
    }
  });

  it('get no wildcard action in any policy', () => {
    for (const [id, fn] of functions) {
      const actions = statementsOfRole(refId(fn.Properties?.Role)).flatMap(actionsOf);
      expect(
        actions.filter((a) => a === '*' || a.endsWith(':*')),
        id,
      ).toEqual([]);
    }
  });

  it('do not set reserved variables and name their Powertools service', () => {
    for (const [id, fn] of functions) {
      const variables =
        (fn.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
      expect(variables.POWERTOOLS_SERVICE_NAME, id).toMatch(/^wego-/);
      expect(
        Object.keys(variables).filter((k) => k.startsWith('AWS_') || k === 'NODE_OPTIONS'),
        id,
      ).toEqual([]);
    }
  });
});
