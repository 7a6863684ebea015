import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LambdaError } from '../../../lib/local/lambda-runtime.ts';
import { LocalStepFunctions } from '../../../lib/local/stepfunctions.ts';
import { type Template, TemplateReader } from '../../../lib/local/template.ts';
import { functionIdOf, stateMachinesFrom } from '../../../lib/local/template-state-machines.ts';
import { waitFor } from '../../../lib/local/wait.ts';
import { freePort } from '../../support/free-port.ts';

const machineArn = (name: string) => `arn:aws:states:us-east-1:000000000000:stateMachine:${name}`;
const functionArn = (id: string) => `arn:aws:lambda:us-east-1:000000000000:function:${id}`;

/** A member's vote: the ballot function gets the task token, and the member answers with it. */
const vote = (timeoutSeconds: number, member: Record<string, string> = { 'member.$': '$.member' }) =>
  ({
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
    Parameters: {
      FunctionName: functionArn('SendBallot'),
      Payload: { ...member, 'token.$': '$$.Task.Token' },
    },
    TimeoutSeconds: timeoutSeconds,
  }) as const;

const ballot = (timeoutSeconds: number): StateMachineDefinition => ({
  StartAt: 'Vote',
  States: {
    Vote: {
      ...vote(timeoutSeconds),
      ResultPath: '$.vote',
      Catch: [
        { ErrorEquals: ['States.Timeout'], ResultPath: '$.error', Next: 'NoVote' },
        { ErrorEquals: ['Vote.Withdrawn'], ResultPath: '$.error', Next: 'Withdrawn' },
      ],
      End: true,
    },
    NoVote: { Type: 'Pass', Parameters: { outcome: 'no vote', 'error.$': '$.error.Error' }, End: true },
    Withdrawn: {
      Type: 'Pass',
      Parameters: { outcome: 'withdrawn', 'error.$': '$.error.Error', 'cause.$': '$.error.Cause' },
      End: true,
    },
  },
});

const definitions: Record<string, StateMachineDefinition> = {
  Greeting: {
    StartAt: 'Greet',
    States: {
      Greet: { Type: 'Task', Resource: functionArn('Greet'), ResultPath: '$.greeting', Next: 'Echo' },
      Echo: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { FunctionName: functionArn('Echo'), 'Payload.$': '$.greeting' },
        End: true,
      },
    },
  },
  // 30 days: past Node's longest timer, which would fire at once unless the service caps it.
  Ballot: ballot(30 * 24 * 3600),
  QuickBallot: ballot(2),
  // The first Hold never returns (the service stops meanwhile); the next one does.
  HeldGreeting: {
    StartAt: 'Hold',
    States: {
      Hold: { Type: 'Task', Resource: functionArn('Hold'), ResultPath: null, Next: 'Greet' },
      Greet: { Type: 'Task', Resource: functionArn('Greet'), ResultPath: '$.greeting', End: true },
    },
  },
  // The chair's vote keeps the execution running after the member's vote timed out.
  ShortBallot: {
    StartAt: 'Votes',
    States: {
      Votes: {
        Type: 'Parallel',
        Branches: [
          ballot(1),
          {
            StartAt: 'ChairVote',
            States: { ChairVote: { ...vote(30, { member: 'chair' }), End: true } },
          },
        ],
        End: true,
      },
    },
  },
  Committee: {
    StartAt: 'Ballots',
    States: {
      Ballots: {
        Type: 'Map',
        ItemsPath: '$.members',
        ItemSelector: { 'member.$': '$$.Map.Item.Value' },
        ItemProcessor: { StartAt: 'MemberVote', States: { MemberVote: { ...vote(30), End: true } } },
        End: true,
      },
    },
  },
  Flaky: {
    StartAt: 'Call',
    States: {
      Call: {
        Type: 'Task',
        Resource: functionArn('Flaky'),
        // 30 s between attempts on AWS; the service's retryIntervalMs makes it 10 ms here.
        Retry: [{ ErrorEquals: ['Busy'], IntervalSeconds: 30, MaxAttempts: 2 }],
        Catch: [{ ErrorEquals: ['Busy'], ResultPath: '$.error', Next: 'GaveUp' }],
        End: true,
      },
      GaveUp: { Type: 'Pass', End: true },
    },
  },
  Unsupported: {
    StartAt: 'Put',
    States: {
      Put: {
        Type: 'Task',
        Resource: 'arn:aws:states:::dynamodb:putItem',
        Parameters: { TableName: 'T', Item: {} },
        Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }],
        End: true,
      },
      Caught: { Type: 'Pass', End: true },
    },
  },
};

let invocations: { functionId: string; event: unknown }[] = [];
const fakeFunctions: Record<string, (event: unknown) => unknown> = {
  Greet: (event) => ({ text: `hello ${(event as { name: string }).name}` }),
  Echo: (event) => event,
  SendBallot: () => null,
  Hold: () =>
    invocations.filter((i) => i.functionId === 'Hold').length === 1 ? new Promise(() => undefined) : null,
  Flaky: () => {
    throw new LambdaError('Flaky', 'Busy', 'try later');
  },
};

const newService = (journalFile?: string) =>
  new LocalStepFunctions({
    stateMachines: Object.entries(definitions).map(([name, definition]) => ({
      arn: machineArn(name),
      name,
      definition,
    })),
    invoke: async (functionId, event) => {
      invocations.push({ functionId, event });
      const fn = fakeFunctions[functionId];
      if (!fn) throw new Error(`No function ${functionId}`);
      return fn(event);
    },
    functionIdOf,
    log: () => undefined,
    retryIntervalMs: 10,
    ...(journalFile ? { journalFile } : {}),
  });

const clientOf = (port: number) =>
  new SFNClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

const service = newService();
let sfn: SFNClient;

beforeAll(async () => {
  const port = await freePort();
  await service.listen(port);
  sfn = clientOf(port);
});
afterAll(() => service.close());
beforeEach(() => {
  invocations = [];
});

async function start(machine: string, input: unknown): Promise<string> {
  const out = await sfn.send(
    new StartExecutionCommand({ stateMachineArn: machineArn(machine), input: JSON.stringify(input) }),
  );
  return out.executionArn as string;
}

async function finished(executionArn: string): Promise<DescribeExecutionCommandOutput> {
  let last: DescribeExecutionCommandOutput | undefined;
  await waitFor('the execution to end', 5000, async () => {
    last = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (last.status === 'RUNNING') throw new Error('still running');
  });
  return last as DescribeExecutionCommandOutput;
}

/** The token the ballot function was given for that member. */
async function ballotToken(member: string): Promise<string> {
  let token = '';
  await waitFor('the ballot to be sent', 5000, async () => {
    const sent = invocations.find((i) => (i.event as { member?: string }).member === member);
    if (!sent) throw new Error('not yet');
    token = (sent.event as { token: string }).token;
  });
  return token;
}

async function errorOf(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: Error) => error,
  );
}

describe('local Step Functions', () => {
  it('runs Lambda tasks and wraps a lambda:invoke result as AWS does', async () => {
    const arn = await start('Greeting', { name: 'Seoul' });
    const done = await finished(arn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output ?? '')).toEqual({
      ExecutedVersion: '$LATEST',
      Payload: { text: 'hello Seoul' },
      StatusCode: 200,
    });
    expect(done.startDate).toBeInstanceOf(Date);
    expect(done.stopDate?.getTime()).toBeGreaterThanOrEqual(done.startDate?.getTime() ?? Infinity);
    expect(invocations.map((i) => i.functionId)).toEqual(['Greet', 'Echo']);
  });

  it('waits for the task token and continues with the output SendTaskSuccess gives', async () => {
    const arn = await start('Ballot', { member: 'm1' });
    const token = await ballotToken('m1');
    expect(token).toMatch(/^[A-Za-z0-9_-]{64}$/);
    await sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    expect((await sfn.send(new DescribeExecutionCommand({ executionArn: arn }))).status).toBe('RUNNING');

    await sfn.send(
      new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ choice: 'yes' }) }),
    );
    const done = await finished(arn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output ?? '')).toEqual({ member: 'm1', vote: { choice: 'yes' } });
    const again = await errorOf(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })));
    expect(again.name).toBe('TaskTimedOut');
  });

  it('gives each Map iteration its own token', async () => {
    const arn = await start('Committee', { members: ['c1', 'c2'] });
    const [first, second] = [await ballotToken('c1'), await ballotToken('c2')];
    expect(first).not.toBe(second);
    await sfn.send(new SendTaskSuccessCommand({ taskToken: second, output: '"no"' }));
    await sfn.send(new SendTaskSuccessCommand({ taskToken: first, output: '"yes"' }));
    expect(JSON.parse((await finished(arn)).output ?? '')).toEqual(['yes', 'no']);
  });

  it('takes the Catch for the error SendTaskFailure gives', async () => {
    const arn = await start('Ballot', { member: 'm2' });
    const taskToken = await ballotToken('m2');
    await sfn.send(
      new SendTaskFailureCommand({ taskToken, error: 'Vote.Withdrawn', cause: 'conflict of interest' }),
    );
    const done = await finished(arn);
    expect(JSON.parse(done.output ?? '')).toEqual({
      outcome: 'withdrawn',
      error: 'Vote.Withdrawn',
      cause: 'conflict of interest',
    });
  });

  it('times the wait out into the States.Timeout Catch, and answers a late success with TaskTimedOut', async () => {
    const arn = await start('ShortBallot', { member: 'm3' });
    const taskToken = await ballotToken('m3');
    const chairToken = await ballotToken('chair');
    // A heartbeat is harmless while the task waits, and TaskTimedOut once its timeout closed the token.
    await waitFor('the vote to time out', 5000, async () => {
      expect((await errorOf(sfn.send(new SendTaskHeartbeatCommand({ taskToken })))).name).toBe(
        'TaskTimedOut',
      );
    });
    const late = await errorOf(sfn.send(new SendTaskSuccessCommand({ taskToken, output: '{}' })));
    expect(late.name).toBe('TaskTimedOut');
    expect((await sfn.send(new DescribeExecutionCommand({ executionArn: arn }))).status).toBe('RUNNING');

    await sfn.send(new SendTaskSuccessCommand({ taskToken: chairToken, output: '"yes"' }));
    const done = await finished(arn);
    expect(JSON.parse(done.output ?? '')).toEqual([{ outcome: 'no vote', error: 'States.Timeout' }, 'yes']);
  });

  it('retries a Lambda error by its error type, then takes the Catch with the Lambda cause', async () => {
    const done = await finished(await start('Flaky', {}));
    expect(invocations).toHaveLength(3);
    expect(JSON.parse(done.output ?? '')).toEqual({
      error: {
        Error: 'Busy',
        Cause: JSON.stringify({ errorType: 'Busy', errorMessage: 'try later', trace: [] }),
      },
    });
  });

  it('fails an execution that reaches a resource it cannot run, past any Catch', async () => {
    const done = await finished(await start('Unsupported', {}));
    expect(done.status).toBe('FAILED');
    expect(done.error).toBe('States.Runtime');
    expect(done.cause).toContain('arn:aws:states:::dynamodb:putItem is not supported locally');
  });

  it('starts an execution once per name: same input returns it, other input is ExecutionAlreadyExists', async () => {
    const startVote = (member: string) =>
      sfn.send(
        new StartExecutionCommand({
          stateMachineArn: machineArn('Ballot'),
          name: 'vote-4',
          input: JSON.stringify({ member }),
        }),
      );
    const first = await startVote('m4');
    expect(await startVote('m4')).toMatchObject({
      executionArn: first.executionArn,
      startDate: first.startDate,
    });
    expect((await errorOf(startVote('m5'))).name).toBe('ExecutionAlreadyExists');
  });

  it('answers an unknown token with TaskDoesNotExist and a malformed one with InvalidToken', async () => {
    const unknown = await errorOf(
      sfn.send(new SendTaskSuccessCommand({ taskToken: 'A'.repeat(64), output: '{}' })),
    );
    expect(unknown.name).toBe('TaskDoesNotExist');
    const malformed = await errorOf(sfn.send(new SendTaskFailureCommand({ taskToken: 'not-a-token' })));
    expect(malformed.name).toBe('InvalidToken');
  });

  it('answers an unknown execution with ExecutionDoesNotExist and an ARN of another kind with InvalidArn', async () => {
    const unknown = await errorOf(
      sfn.send(
        new DescribeExecutionCommand({
          executionArn: 'arn:aws:states:us-east-1:000000000000:execution:Ballot:nope',
        }),
      ),
    );
    expect(unknown.name).toBe('ExecutionDoesNotExist');
    const invalid = await errorOf(
      sfn.send(new DescribeExecutionCommand({ executionArn: machineArn('Ballot') })),
    );
    expect(invalid.name).toBe('InvalidArn');
  });
});

// Each test restarts the service over a journal on disk: generous on a busy machine, still bounded.
describe('local Step Functions across a restart', { timeout: 20_000 }, () => {
  let dir: string;
  let running: LocalStepFunctions | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wego-sfn-'));
  });
  afterEach(async () => {
    await running?.close();
    running = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  /** A service on the journal in `dir`; `sfn` talks to it. */
  async function restart(): Promise<void> {
    await running?.close();
    running = newService(join(dir, 'executions.json'));
    const port = await freePort();
    await running.listen(port);
    sfn = clientOf(port);
  }

  it('keeps a waiting task token: the answer after the restart continues the execution', async () => {
    await restart();
    const arn = await start('Ballot', { member: 'r1' });
    const taskToken = await ballotToken('r1');
    await restart();
    expect((await sfn.send(new DescribeExecutionCommand({ executionArn: arn }))).status).toBe('RUNNING');

    await sfn.send(new SendTaskSuccessCommand({ taskToken, output: '"yes"' }));
    const done = await finished(arn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output ?? '')).toEqual({ member: 'r1', vote: 'yes' });
    // The ballot function had the token already: it is not invoked again.
    expect(invocations.filter((i) => i.functionId === 'SendBallot')).toHaveLength(1);
  });

  it('times a wait out at once into its Catch when the deadline passed while the service was down', async () => {
    await restart();
    const arn = await start('QuickBallot', { member: 'r2' });
    const taskToken = await ballotToken('r2');
    await running?.close();
    await new Promise((resolve) => setTimeout(resolve, 2100));
    await restart();
    const restarted = Date.now();

    const done = await finished(arn);
    expect(JSON.parse(done.output ?? '')).toEqual({ outcome: 'no vote', error: 'States.Timeout' });
    // Not a fresh 2-second wait.
    expect(Date.now() - restarted).toBeLessThan(1500);
    const late = await errorOf(sfn.send(new SendTaskSuccessCommand({ taskToken, output: '"yes"' })));
    expect(late.name).toBe('TaskTimedOut');
  });

  it('runs a task again that was in flight when the service stopped', async () => {
    await restart();
    const arn = await start('HeldGreeting', { name: 'Busan' });
    await waitFor('the first Hold', 5000, async () =>
      expect(invocations.map((i) => i.functionId)).toEqual(['Hold']),
    );
    await restart();

    const done = await finished(arn);
    expect(JSON.parse(done.output ?? '')).toEqual({ name: 'Busan', greeting: { text: 'hello Busan' } });
    expect(invocations.map((i) => i.functionId)).toEqual(['Hold', 'Hold', 'Greet']);
  });

  it('still describes a finished execution after a restart, and its name stays taken', async () => {
    await restart();
    const first = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: machineArn('Greeting'),
        name: 'greet-1',
        input: '{"name":"a"}',
      }),
    );
    await finished(first.executionArn as string);
    await restart();

    const described = await sfn.send(new DescribeExecutionCommand({ executionArn: first.executionArn }));
    expect(described.status).toBe('SUCCEEDED');
    const again = sfn.send(
      new StartExecutionCommand({
        stateMachineArn: machineArn('Greeting'),
        name: 'greet-1',
        input: '{"name":"b"}',
      }),
    );
    expect((await errorOf(again)).name).toBe('ExecutionAlreadyExists');
  });
});

describe('state machines from the template', () => {
  it('reads a CDK definition (a Fn::Join with function ARNs) and names the machine by its logical id', () => {
    const template: Template = {
      Resources: {
        VoteFn: { Type: 'AWS::Lambda::Function' },
        Approval: {
          Type: 'AWS::StepFunctions::StateMachine',
          Properties: {
            DefinitionString: {
              'Fn::Join': [
                '',
                [
                  '{"StartAt":"Vote","States":{"Vote":{"Type":"Task","Resource":"',
                  { 'Fn::GetAtt': ['VoteFn', 'Arn'] },
                  '","End":true}}}',
                ],
              ],
            },
          },
        },
      },
    };
    const [machine] = stateMachinesFrom(template, new TemplateReader(template, 'cdk.out'));
    expect(machine).toEqual({
      arn: 'arn:aws:states:us-east-1:000000000000:stateMachine:Approval',
      name: 'Approval',
      definition: {
        StartAt: 'Vote',
        States: { Vote: { Type: 'Task', Resource: functionArn('VoteFn'), End: true } },
      },
    });
  });

  it('maps a function ARN, a qualified ARN or a bare name to the function id', () => {
    expect(functionIdOf(functionArn('VoteFn'))).toBe('VoteFn');
    expect(functionIdOf(`${functionArn('VoteFn')}:$LATEST`)).toBe('VoteFn');
    expect(functionIdOf('VoteFn')).toBe('VoteFn');
  });
});
