import {
  DescribeExecutionCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LambdaError } from '../../lib/local/lambda-runtime.ts';
import { LocalStepFunctions } from '../../lib/local/stepfunctions.ts';
import { loadTemplate, TemplateReader } from '../../lib/local/template.ts';
import { functionIdOf, stateMachinesFrom } from '../../lib/local/template-state-machines.ts';
import { waitFor } from '../../lib/local/wait.ts';
import { freePort } from '../support/free-port.ts';

/**
 * One test per path through the Full Membership state machine, run on the definition synthesized from
 * the CDK stack (voting period 2 s), with the step functions replaced by recorded fakes.
 */
const outDir = process.env.INTEGRATION_CDK_OUT ?? '';
const template = loadTemplate(outDir);
const reader = new TemplateReader(template, outDir);
const machine = stateMachinesFrom(template, reader)[0];
const stepId = (name: string) => {
  const hit = Object.entries(template.Resources).find(
    ([, r]) =>
      r.Type === 'AWS::Lambda::Function' &&
      String(r.Metadata?.['aws:cdk:path']).includes(`/Approval/${name}/`),
  );
  if (!hit) throw new Error(`no function ${name}`);
  return hit[0];
};
/** One function serves every step; the task's payload names the step's `action`. */
const STEPS_FN = stepId('StepsFn');
const STEP = {
  open: 'open-vote',
  await: 'await-decision',
  close: 'close-vote',
  fail: 'record-failure',
} as const;

type Call = { step: keyof typeof STEP; event: Record<string, unknown> };
let calls: Call[];
let behaviour: Partial<Record<keyof typeof STEP, (event: Record<string, unknown>) => unknown>>;
let service: LocalStepFunctions;
let sfn: SFNClient;

beforeAll(async () => {
  service = new LocalStepFunctions({
    stateMachines: machine ? [machine] : [],
    functionIdOf,
    log: () => undefined,
    retryIntervalMs: 10,
    invoke: async (functionId, event) => {
      const action = (event as { action?: string }).action;
      const step = (Object.keys(STEP) as (keyof typeof STEP)[]).find((k) => STEP[k] === action);
      if (functionId !== STEPS_FN || !step) throw new Error(`unexpected call of ${functionId}: ${action}`);
      calls.push({ step, event: event as Record<string, unknown> });
      return (behaviour[step] ?? (() => ({})))(event as Record<string, unknown>);
    },
  });
  const port = await freePort();
  await service.listen(port);
  sfn = new SFNClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
  });
});
afterAll(() => service.close());
beforeEach(() => {
  calls = [];
  behaviour = {};
});

async function run(name: string) {
  const { executionArn } = await sfn.send(
    new StartExecutionCommand({
      stateMachineArn: machine?.arn,
      name,
      input: JSON.stringify({ approvalId: name, cityId: 'city-1' }),
    }),
  );
  return executionArn as string;
}

async function finished(executionArn: string) {
  let out = await sfn.send(new DescribeExecutionCommand({ executionArn }));
  await waitFor('the execution to end', 10_000, async () => {
    out = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (out.status === 'RUNNING') throw new Error('still running');
  });
  return out;
}

/** The token the await step was given, once it has been invoked. */
async function tokenOfAwait(): Promise<string> {
  let token = '';
  await waitFor('the await step', 5_000, async () => {
    token = String(calls.find((c) => c.step === 'await')?.event.taskToken ?? '');
    if (!token) throw new Error('not yet');
  });
  return token;
}

describe('the Full Membership state machine', () => {
  it('closes the vote as approved when the decision says approved', async () => {
    const arn = await run('approved-path');
    await sfn.send(
      new SendTaskSuccessCommand({
        taskToken: await tokenOfAwait(),
        output: JSON.stringify({ decision: 'approved' }),
      }),
    );
    const out = await finished(arn);
    expect(out.status).toBe('SUCCEEDED');
    expect(calls.map((c) => c.step)).toEqual(['open', 'await', 'close']);
    expect(calls[2]?.event).toEqual({
      action: 'close-vote',
      approvalId: 'approved-path',
      outcome: 'approved',
    });
  });

  it('closes the vote as rejected when the decision says rejected', async () => {
    const arn = await run('rejected-path');
    await sfn.send(
      new SendTaskSuccessCommand({
        taskToken: await tokenOfAwait(),
        output: JSON.stringify({ decision: 'rejected' }),
      }),
    );
    expect((await finished(arn)).status).toBe('SUCCEEDED');
    expect(calls.at(-1)?.event).toEqual({
      action: 'close-vote',
      approvalId: 'rejected-path',
      outcome: 'rejected',
    });
  });

  it('closes the vote as expired when no decision comes before the voting period ends', async () => {
    const arn = await run('expired-path');
    const token = await tokenOfAwait();
    expect((await finished(arn)).status).toBe('SUCCEEDED');
    expect(calls.at(-1)?.event).toEqual({
      action: 'close-vote',
      approvalId: 'expired-path',
      outcome: 'expired',
    });
    await expect(
      sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"decision":"approved"}' })),
    ).rejects.toMatchObject({
      name: 'TaskTimedOut',
    });
  });

  it('retries a failing step, then records the failure and ends failed', async () => {
    behaviour.open = () => {
      throw new LambdaError(STEPS_FN, 'ProvisionedThroughputExceededException', 'slow down');
    };
    const out = await finished(await run('failure-path'));
    expect(out.status).toBe('FAILED');
    expect(out.error).toBe('ApprovalWorkflowFailed');
    expect(calls.filter((c) => c.step === 'open')).toHaveLength(4); // the first try and 3 retries
    const recorded = calls.find((c) => c.step === 'fail')?.event;
    expect(recorded).toMatchObject({
      approvalId: 'failure-path',
      cityId: 'city-1',
      step: 'OpenVote',
      failure: { Error: 'ProvisionedThroughputExceededException' },
    });
    expect(calls.some((c) => c.step === 'await')).toBe(false);
  });

  it('records a failure of a closing step too', async () => {
    behaviour.close = () => {
      throw new LambdaError(STEPS_FN, 'Error', 'boom');
    };
    const arn = await run('close-failure');
    await sfn.send(
      new SendTaskSuccessCommand({
        taskToken: await tokenOfAwait(),
        output: JSON.stringify({ decision: 'approved' }),
      }),
    );
    expect((await finished(arn)).status).toBe('FAILED');
    expect(calls.find((c) => c.step === 'fail')?.event).toMatchObject({ step: 'CloseApproved' });
  });
});
