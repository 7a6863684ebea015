import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Feature, featureApis } from '../../functions/routes.ts';
import type { RouteSpec } from '../../functions/shared/route.ts';
import { dataExportNames } from '../../lib/data-stack.ts';
import {
  type CfnResource,
  exportedValue,
  logicalIdOf,
  refId,
  resolve,
  resourcesOf,
  type Synthesized,
  synthesize,
} from './support/synth.ts';

/** The stage and voting period this file deploys with; 5 days = 432 000 s. */
const STAGE = 'staging';
const VOTING_PERIOD_DAYS = 5;
const VOTING_PERIOD_SECONDS = VOTING_PERIOD_DAYS * 24 * 3600;

interface State {
  Type: string;
  Next?: string;
  End?: boolean;
  Resource?: string;
  Parameters?: Record<string, unknown>;
  Result?: unknown;
  ResultPath?: string | null;
  TimeoutSeconds?: number;
  Retry?: { ErrorEquals: string[]; BackoffRate?: number; MaxAttempts?: number; JitterStrategy?: string }[];
  Catch?: { ErrorEquals: string[]; Next: string; ResultPath?: string }[];
  Choices?: { Variable: string; StringEquals?: string; Next: string }[];
  Default?: string;
  Error?: string;
}

interface Definition {
  StartAt: string;
  States: Record<string, State>;
  TimeoutSeconds?: number;
}

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

let synth: Synthesized;
let machine: CfnResource & { id: string };
let definition: Definition;
/** Logical id of the one function behind every step of the workflow. */
let stepsFn: string;
/** Logical ids of the feature API functions, by feature (e.g. 'approvals'). */
let featureFunctions: Map<string, string>;
let functions: Record<string, CfnResource>;

/** The features with a route that has the given property, from the catalogue. */
const featuresWhere = (test: (route: RouteSpec) => boolean): Feature[] =>
  (Object.keys(featureApis) as Feature[]).filter((f) => featureApis[f].some(test));

/** The logical id of a feature's API function, which must exist. */
function featureFunction(feature: string): string {
  const id = featureFunctions.get(feature);
  if (!id) throw new Error(`no function for the ${feature} feature`);
  return id;
}

/**
 * Flattens a CloudFormation value to a string: string parts of an Fn::Join are joined, and a
 * reference becomes a placeholder, `{{GetAtt:<id>.<attr>}}`, `{{Ref:<id>}}` or `{{Import:<name>}}`.
 */
function flatten(value: unknown): string {
  if (typeof value === 'string') return value;
  const v = value as Record<string, unknown>;
  if (Array.isArray(v['Fn::Join'])) {
    const [separator, parts] = v['Fn::Join'] as [string, unknown[]];
    return parts.map(flatten).join(separator);
  }
  if (Array.isArray(v['Fn::GetAtt'])) {
    const [id, attr] = v['Fn::GetAtt'] as [string, string];
    return `{{GetAtt:${id}.${attr}}}`;
  }
  if (typeof v.Ref === 'string') return `{{Ref:${v.Ref}}}`;
  if (typeof v['Fn::ImportValue'] === 'string') return `{{Import:${v['Fn::ImportValue']}}}`;
  throw new Error(`cannot flatten ${JSON.stringify(value)}`);
}

const arnOf = (functionId: string) => `{{GetAtt:${functionId}.Arn}}`;

/** Every statement of every IAM policy attached to a role (AWS::IAM::Policy and inline policies). */
function statementsOfRole(roleId: string): Statement[] {
  const attached = Object.values(resourcesOf(synth.template, 'AWS::IAM::Policy'))
    .filter((p) => ((p.Properties?.Roles ?? []) as unknown[]).some((r) => refId(r) === roleId))
    .flatMap(
      (p) => (p.Properties?.PolicyDocument as { Statement?: Statement[] } | undefined)?.Statement ?? [],
    );
  const role = resolve(synth.template, { Ref: roleId });
  const inline = (
    (role.Properties?.Policies ?? []) as { PolicyDocument: { Statement: Statement[] } }[]
  ).flatMap((p) => p.PolicyDocument.Statement);
  return [...attached, ...inline];
}

const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const resourcesOfStatement = (s: Statement) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]);
const roleOfFunction = (functionId: string) => refId(functions[functionId]?.Properties?.Role);
const variablesOf = (functionId: string) =>
  ((functions[functionId]?.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)
    ?.Variables ?? {}) as Record<string, unknown>;

/** Logical ids of the functions whose role is allowed `action`. */
function functionsAllowed(action: string): string[] {
  return Object.keys(functions)
    .filter((id) =>
      statementsOfRole(roleOfFunction(id)).some((s) => s.Effect === 'Allow' && actionsOf(s).includes(action)),
    )
    .sort();
}

/** The Lambda Task states: a function ARN or the lambda:invoke integration as Resource. */
function lambdaTasks(): [string, State][] {
  return Object.entries(definition.States).filter(
    ([, s]) =>
      s.Type === 'Task' &&
      (/^\{\{GetAtt:[^}]+\.Arn\}\}$/.test(s.Resource ?? '') ||
        /:states:::lambda:invoke/.test(s.Resource ?? '')),
  );
}

/** The function a Lambda Task invokes. */
function invokedBy(state: State): string {
  return state.Resource?.startsWith('{{GetAtt:')
    ? (state.Resource ?? '')
    : String((state.Parameters as { FunctionName?: string } | undefined)?.FunctionName);
}

/** The payload a Lambda Task sends: its Parameters, or their Payload for the lambda:invoke integration. */
function payloadOf(state: State): Record<string, unknown> | undefined {
  return state.Resource?.startsWith('{{GetAtt:')
    ? state.Parameters
    : (state.Parameters as { Payload?: Record<string, unknown> } | undefined)?.Payload;
}

beforeAll(() => {
  synth = synthesize({ stage: STAGE, votingPeriodDays: VOTING_PERIOD_DAYS });
  const { workflow, api } = synth.stack;
  machine = resolve(synth.template, { Ref: logicalIdOf(workflow.stateMachine) });
  definition = JSON.parse(flatten(machine.Properties?.DefinitionString)) as Definition;
  stepsFn = logicalIdOf(workflow.steps.fn);
  featureFunctions = new Map([...api.functions].map(([feature, fn]) => [feature, logicalIdOf(fn.fn)]));
  functions = resourcesOf(synth.template, 'AWS::Lambda::Function');
});

afterAll(() => synth?.dispose());

describe('the Full Membership state machine', () => {
  it('is a Standard state machine named with the stage', () => {
    // Assess
    expect(machine.Type).toBe('AWS::StepFunctions::StateMachine');
    expect(machine.Properties?.StateMachineType).toBe('STANDARD');
    expect(machine.Properties?.StateMachineName).toBe(`wego-${STAGE}-full-membership`);
  });

  it('opens the vote, awaits the decision, then chooses between approved and rejected', () => {
    // Prepare
    const { StartAt, States } = definition;

    // Assess
    expect(StartAt).toBe('OpenVote');
    expect(States.OpenVote?.Next).toBe('AwaitDecision');
    expect(States.AwaitDecision?.Next).toBe('Decision');
    expect(States.Decision?.Type).toBe('Choice');
    expect(States.Decision?.Choices).toEqual([
      { Variable: '$.vote.decision', StringEquals: 'approved', Next: 'CloseApproved' },
      { Variable: '$.vote.decision', StringEquals: 'rejected', Next: 'CloseRejected' },
    ]);
  });

  it('sends an unknown decision to the failure path, never to a close step', () => {
    // Prepare
    let name = definition.States.Decision?.Default ?? '';
    const visited: string[] = [];

    // Act: follow the default branch until a task or a terminal state
    while (definition.States[name]?.Type === 'Pass') {
      visited.push(name);
      name = definition.States[name]?.Next ?? '';
    }

    // Assess
    expect(visited.length).toBeGreaterThan(0);
    expect(name).toBe('RecordFailure');
  });

  it.each([
    ['CloseApproved', 'approved'],
    ['CloseRejected', 'rejected'],
    ['CloseExpired', 'expired'],
  ])(
    '%s closes the vote as %s through the close-vote action of the steps function, then succeeds',
    (name, outcome) => {
      // Prepare
      const state = definition.States[name];

      // Assess
      expect(state?.Type).toBe('Task');
      expect(invokedBy(state as State)).toBe(arnOf(stepsFn));
      expect(state?.Parameters).toEqual({ action: 'close-vote', 'approvalId.$': '$.approvalId', outcome });
      expect(definition.States[state?.Next ?? '']?.Type).toBe('Succeed');
    },
  );

  it('opens the vote through the open-vote action of the steps function, with the approval and city ids', () => {
    // Prepare
    const state = definition.States.OpenVote;

    // Assess
    expect(invokedBy(state as State)).toBe(arnOf(stepsFn));
    expect(state?.Parameters).toEqual({
      action: 'open-vote',
      'approvalId.$': '$.approvalId',
      'cityId.$': '$.cityId',
    });
  });

  it('has no dangling transitions and no unreachable states', () => {
    // Prepare
    const { States } = definition;
    const targets = (s: State) => [
      ...(s.Next ? [s.Next] : []),
      ...(s.Catch ?? []).map((c) => c.Next),
      ...(s.Choices ?? []).map((c) => c.Next),
      ...(s.Default ? [s.Default] : []),
    ];
    const reached = new Set<string>();
    const queue = [definition.StartAt];

    // Act
    while (queue.length > 0) {
      const name = queue.pop() as string;
      if (reached.has(name)) continue;
      reached.add(name);
      const state = States[name];
      expect(state, `transition to ${name}`).toBeDefined();
      queue.push(...targets(state as State));
    }

    // Assess
    expect([...reached].sort()).toEqual(Object.keys(States).sort());
  });

  describe('AwaitDecision', () => {
    it('invokes the await-decision action of the steps function with a task token and waits for it', () => {
      // Prepare
      const state = definition.States.AwaitDecision;

      // Assess
      expect(state?.Type).toBe('Task');
      expect(state?.Resource).toBe('arn:{{Ref:AWS::Partition}}:states:::lambda:invoke.waitForTaskToken');
      expect(state?.Parameters).toEqual({
        FunctionName: arnOf(stepsFn),
        Payload: { action: 'await-decision', 'taskToken.$': '$$.Task.Token', 'approvalId.$': '$.approvalId' },
      });
      expect(state?.ResultPath).toBe('$.vote');
    });

    it('times out after the configured voting period, in seconds', () => {
      // Assess
      expect(definition.States.AwaitDecision?.TimeoutSeconds).toBe(VOTING_PERIOD_SECONDS);
    });

    it('gives the whole execution more time than the voting period', () => {
      // Assess
      expect(definition.TimeoutSeconds).toBeGreaterThan(VOTING_PERIOD_SECONDS);
    });

    it('catches the timeout into CloseExpired before its catch-all', () => {
      // Prepare
      const catches = definition.States.AwaitDecision?.Catch ?? [];

      // Act
      const timeout = catches.findIndex((c) => c.ErrorEquals.includes('States.Timeout'));
      const all = catches.findIndex((c) => c.ErrorEquals.includes('States.ALL'));

      // Assess
      expect(timeout).toBeGreaterThanOrEqual(0);
      expect(all).toBeGreaterThan(timeout);
      expect(catches[timeout]?.ErrorEquals).toEqual(['States.Timeout']);
      expect(catches[timeout]?.Next).toBe('CloseExpired');
    });

    it('never retries a timeout or a failed function, which would restart the voting period', () => {
      // Prepare
      const retried = (definition.States.AwaitDecision?.Retry ?? []).flatMap((r) => r.ErrorEquals);

      // Assess
      expect(retried.length).toBeGreaterThan(0);
      for (const error of ['States.Timeout', 'States.ALL', 'States.TaskFailed']) {
        expect(retried).not.toContain(error);
      }
    });
  });

  describe('every Lambda task', () => {
    it('are exactly the six expected tasks, on the one steps function, each naming its action', () => {
      // Act
      const tasks = Object.fromEntries(
        lambdaTasks().map(([name, s]) => [name, `${invokedBy(s)} ${String(payloadOf(s)?.action)}`]),
      );

      // Assess
      const on = (action: string) => `${arnOf(stepsFn)} ${action}`;
      expect(tasks).toEqual({
        OpenVote: on('open-vote'),
        AwaitDecision: on('await-decision'),
        CloseApproved: on('close-vote'),
        CloseRejected: on('close-vote'),
        CloseExpired: on('close-vote'),
        RecordFailure: on('record-failure'),
      });
    });

    it('retries with backoff, a bounded number of attempts and full jitter', () => {
      for (const [name, state] of lambdaTasks()) {
        // Assess
        expect(state.Retry?.length, name).toBeGreaterThan(0);
        for (const retry of state.Retry ?? []) {
          expect(retry.BackoffRate, name).toBeGreaterThan(1);
          expect(retry.MaxAttempts, name).toBeGreaterThan(0);
          expect(retry.MaxAttempts, name).toBeLessThanOrEqual(10);
          expect(retry.JitterStrategy, name).toBe('FULL');
        }
      }
    });

    it('has a time limit of its own', () => {
      for (const [name, state] of lambdaTasks()) {
        expect(state.TimeoutSeconds, name).toEqual(expect.any(Number));
      }
    });

    it('catches every error into a Pass that names the step, then RecordFailure', () => {
      for (const [name, state] of lambdaTasks().filter(([n]) => n !== 'RecordFailure')) {
        // Act
        const all = (state.Catch ?? []).find((c) => c.ErrorEquals.includes('States.ALL'));
        const pass = definition.States[all?.Next ?? ''];

        // Assess
        expect(all, name).toBeDefined();
        expect(all?.ResultPath, name).toBe('$.failure');
        expect(pass?.Type, name).toBe('Pass');
        expect(pass?.Result, name).toBe(name);
        expect(pass?.ResultPath, name).toBe('$.failedStep');
        expect(pass?.Next, name).toBe('RecordFailure');
      }
    });
  });

  it('ends in a Fail state after RecordFailure, whether it succeeds or fails itself', () => {
    // Prepare
    const record = definition.States.RecordFailure as State;
    const all = (record.Catch ?? []).find((c) => c.ErrorEquals.includes('States.ALL'));

    // Assess
    expect(invokedBy(record)).toBe(arnOf(stepsFn));
    expect(record.Parameters).toMatchObject({
      action: 'record-failure',
      'approvalId.$': '$.approvalId',
      'cityId.$': '$.cityId',
      'step.$': '$.failedStep',
      'failure.$': '$.failure',
    });
    expect(definition.States[record.Next ?? '']?.Type).toBe('Fail');
    expect(definition.States[all?.Next ?? '']?.Type).toBe('Fail');
  });

  it('logs every event to its own log group without execution data (the task token stays out)', () => {
    // Prepare
    const logging = machine.Properties?.LoggingConfiguration as {
      Level: string;
      IncludeExecutionData: boolean;
      Destinations: { CloudWatchLogsLogGroup: { LogGroupArn: unknown } }[];
    };

    // Act
    const group = resolve(synth.template, logging.Destinations[0]?.CloudWatchLogsLogGroup.LogGroupArn);

    // Assess
    expect(logging.Level).toBe('ALL');
    expect(logging.IncludeExecutionData).toBe(false);
    expect(logging.Destinations).toHaveLength(1);
    expect(group.Type).toBe('AWS::Logs::LogGroup');
    expect(group.Properties?.RetentionInDays).toEqual(expect.any(Number));
  });

  it('traces executions with X-Ray', () => {
    // Assess
    expect(machine.Properties?.TracingConfiguration).toEqual({ Enabled: true });
  });
});

describe('permissions around the workflow', () => {
  it('let the state machine invoke exactly the steps function (and its versions)', () => {
    // Prepare
    const statements = statementsOfRole(refId(machine.Properties?.RoleArn));

    // Act
    const lambda = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('lambda:')));
    const actions = new Set(lambda.flatMap(actionsOf));
    const resources = lambda.flatMap(resourcesOfStatement).map(flatten).sort();

    // Assess
    expect([...actions]).toEqual(['lambda:InvokeFunction']);
    expect(resources).toEqual([arnOf(stepsFn), `${arnOf(stepsFn)}:*`].sort());
  });

  it('give the state machine no other service than Lambda, logs delivery and X-Ray', () => {
    // Prepare
    const statements = statementsOfRole(refId(machine.Properties?.RoleArn));

    // Act
    const services = new Set(statements.flatMap(actionsOf).map((a) => a.split(':')[0]));

    // Assess
    expect([...services].sort()).toEqual(['lambda', 'logs', 'xray']);
  });

  it('let only the approvals feature, whose route starts the vote, start executions, and only of this state machine', () => {
    // Prepare: the catalogue says which feature starts the workflow.
    expect(featuresWhere((r) => r.workflow === 'start')).toEqual(['approvals']);
    const starter = featureFunction('approvals');

    // Act
    const allowed = functionsAllowed('states:StartExecution');
    const statement = statementsOfRole(roleOfFunction(starter)).find((s) =>
      actionsOf(s).includes('states:StartExecution'),
    );

    // Assess
    expect(allowed).toEqual([starter]);
    expect(resourcesOfStatement(statement as Statement).map(flatten)).toEqual([`{{Ref:${machine.id}}}`]);
  });

  it('give only the approvals feature the state machine ARN and the voting period', () => {
    // Prepare
    const starter = featureFunction('approvals');

    // Act
    const withArn = Object.keys(functions).filter((id) => 'STATE_MACHINE_ARN' in variablesOf(id));
    const withPeriod = Object.keys(functions).filter((id) => 'VOTING_PERIOD_SECONDS' in variablesOf(id));

    // Assess
    expect(withArn).toEqual([starter]);
    expect(withPeriod).toEqual([starter]);
    expect(variablesOf(starter).STATE_MACHINE_ARN).toEqual({ Ref: machine.id });
    expect(variablesOf(starter).VOTING_PERIOD_SECONDS).toBe(String(VOTING_PERIOD_SECONDS));
  });

  it('let only the approvals feature (vote and ballot-cast routes) and the steps function answer the task token', () => {
    // Prepare: the catalogue says which feature answers the workflow.
    expect(featuresWhere((r) => r.workflow === 'answer')).toEqual(['approvals']);
    const expected = [featureFunction('approvals'), stepsFn].sort();

    // Act
    const allowed = functionsAllowed('states:SendTaskSuccess');

    // Assess
    expect(allowed).toEqual(expected);
  });

  it('scope SendTaskSuccess to this state machine', () => {
    for (const id of functionsAllowed('states:SendTaskSuccess')) {
      // Act
      const resources = statementsOfRole(roleOfFunction(id))
        .filter((s) => actionsOf(s).includes('states:SendTaskSuccess'))
        .flatMap(resourcesOfStatement)
        .map(flatten);

      // Assess
      expect(resources.length, id).toBeGreaterThan(0);
      for (const resource of resources) {
        expect(
          resource === `{{Ref:${machine.id}}}` ||
            resource.endsWith(`:stateMachine:wego-${STAGE}-full-membership`),
          `${id}: ${resource}`,
        ).toBe(true);
      }
    }
  });

  it('give no function dynamodb:Scan', () => {
    // Assess
    expect(Object.keys(functions).length).toBeGreaterThan(0);
    expect(functionsAllowed('dynamodb:Scan')).toEqual([]);
    expect(functionsAllowed('dynamodb:*')).toEqual([]);
  });

  it.each(featuresWhere((r) => r.paginated === true))(
    "give the %s feature, which has list routes, its cursor key as a reference to the stateful stack's secret, never a literal",
    (feature) => {
      // Prepare
      const id = featureFunction(feature);
      const exportName = dataExportNames(STAGE).cursorKeyArn;

      // Act
      const value = variablesOf(id).CURSOR_SECRET;
      const flat = flatten(value);

      // Assess: a dynamic reference CloudFormation resolves at deploy time, to the exported secret.
      expect(typeof value).not.toBe('string');
      expect(flat).toBe(`{{resolve:secretsmanager:{{Import:${exportName}}}:SecretString:::}}`);
      const secret = resolve(synth.dataTemplate, exportedValue(synth.dataTemplate, exportName));
      expect(secret.Type).toBe('AWS::SecretsManager::Secret');
    },
  );

  it('leave no function with a literal cursor key in its environment', () => {
    for (const id of Object.keys(functions)) {
      const value = variablesOf(id).CURSOR_SECRET;
      if (value !== undefined) expect(flatten(value), id).toMatch(/^\{\{resolve:secretsmanager:/);
    }
  });
});
