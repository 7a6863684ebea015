import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type LocalScheduleRule,
  LocalSchedules,
  parseScheduleExpression,
  schedulesFrom,
} from '../../../lib/local/schedules.ts';
import { type Template, TemplateReader } from '../../../lib/local/template.ts';

const fn = { Type: 'AWS::Lambda::Function', Properties: { Handler: 'index.handler' } };
const arnOf = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });

const template: Template = {
  Resources: {
    EscalateFn: fn,
    ReportFn: fn,
    Queue: { Type: 'AWS::SQS::Queue' },
    Escalation: {
      Type: 'AWS::Events::Rule',
      Properties: {
        ScheduleExpression: 'rate(5 minutes)',
        State: 'ENABLED',
        Targets: [{ Arn: arnOf('EscalateFn'), Id: 'Target0' }],
      },
    },
    NamedWithInput: {
      Type: 'AWS::Events::Rule',
      Properties: {
        Name: 'nightly-report',
        ScheduleExpression: 'rate(1 day)',
        Targets: [
          {
            Arn: arnOf('ReportFn'),
            Id: 'Target0',
            Input: { 'Fn::Join': ['', ['{"region":"', { Ref: 'AWS::Region' }, '","full":true}']] },
          },
          { Arn: arnOf('EscalateFn'), Id: 'Target1', InputPath: '$.detail-type' },
          { Arn: arnOf('Queue'), Id: 'Target2' },
          { Arn: arnOf('EscalateFn'), Id: 'Target3', InputTransformer: { InputTemplate: '"<x>"' } },
        ],
      },
    },
    Disabled: {
      Type: 'AWS::Events::Rule',
      Properties: {
        ScheduleExpression: 'rate(1 minute)',
        State: 'DISABLED',
        Targets: [{ Arn: arnOf('EscalateFn'), Id: 'Target0' }],
      },
    },
    Cron: {
      Type: 'AWS::Events::Rule',
      Properties: {
        ScheduleExpression: 'cron(0 8 * * ? *)',
        State: 'ENABLED',
        Targets: [{ Arn: arnOf('ReportFn'), Id: 'Target0' }],
      },
    },
    Pattern: {
      Type: 'AWS::Events::Rule',
      Properties: {
        EventPattern: { source: ['aws.s3'] },
        Targets: [{ Arn: arnOf('EscalateFn'), Id: 'Target0' }],
      },
    },
  },
};

const rules = () => schedulesFrom(template, new TemplateReader(template, '/nowhere'));
const rule = (id: string) => {
  const hit = rules().find((r) => r.id === id);
  if (!hit) throw new Error(`no rule ${id}`);
  return hit;
};

describe('parseScheduleExpression', () => {
  it.each([
    ['rate(1 minute)', 60_000],
    ['rate(5 minutes)', 300_000],
    ['rate(1 hour)', 3_600_000],
    ['rate(12 hours)', 43_200_000],
    ['rate(1 day)', 86_400_000],
    ['rate(3 days)', 259_200_000],
  ])('reads %s as %i ms', (expression, ms) => {
    expect(parseScheduleExpression(expression)).toBe(ms);
  });

  it('has no period for a cron expression', () => {
    expect(parseScheduleExpression('cron(0/5 * * * ? *)')).toBeUndefined();
  });

  it.each(['rate(0 minutes)', 'rate(5 weeks)', 'rate(minutes)', 'rate(1.5 hours)', 'every 5 minutes', ''])(
    'refuses %j',
    (expression) => {
      expect(() => parseScheduleExpression(expression)).toThrow(/Unsupported schedule expression/);
    },
  );
});

describe('schedulesFrom', () => {
  it('reads the enabled schedule rules only (not disabled ones, not event-pattern rules)', () => {
    expect(
      rules()
        .map((r) => r.id)
        .sort(),
    ).toEqual(['Cron', 'Escalation', 'NamedWithInput']);
  });

  it('resolves a GetAtt target to the function and names the rule by its logical id', () => {
    expect(rule('Escalation')).toEqual({
      id: 'Escalation',
      name: 'Escalation',
      arn: 'arn:aws:events:us-east-1:000000000000:rule/Escalation',
      expression: 'rate(5 minutes)',
      rateMs: 300_000,
      targets: [{ id: 'Target0', functionId: 'EscalateFn', input: { kind: 'event' } }],
      skippedTargets: [],
    });
  });

  it('uses the Name property for the rule ARN and parses the constant Input', () => {
    const r = rule('NamedWithInput');
    expect(r.arn).toBe('arn:aws:events:us-east-1:000000000000:rule/nightly-report');
    expect(r.targets[0]).toEqual({
      id: 'Target0',
      functionId: 'ReportFn',
      input: { kind: 'constant', value: { region: 'us-east-1', full: true } },
    });
    expect(r.targets[1]).toEqual({
      id: 'Target1',
      functionId: 'EscalateFn',
      input: { kind: 'path', path: ['detail-type'] },
    });
  });

  it('skips targets it cannot deliver to, with the reason', () => {
    const r = rule('NamedWithInput');
    expect(r.targets.map((t) => t.id)).toEqual(['Target0', 'Target1']);
    expect(r.skippedTargets).toEqual([
      expect.stringMatching(/^target Target2 .* is not a Lambda function/),
      expect.stringMatching(/^target Target3: InputTransformer is not supported/),
    ]);
  });

  it('keeps a cron rule, without a period', () => {
    expect(rule('Cron').rateMs).toBeUndefined();
  });
});

/** A promise that the test settles. */
function deferred() {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('LocalSchedules', () => {
  let lines: string[];
  let calls: { functionId: string; event: unknown }[];
  let running: LocalSchedules | undefined;
  const log = (line: string) => lines.push(line);

  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-03-01T10:00:00.250Z') });
    lines = [];
    calls = [];
    running = undefined;
  });

  afterEach(async () => {
    await running?.stop();
    vi.useRealTimers();
  });

  const schedules = (
    rs: readonly LocalScheduleRule[],
    invoke: (functionId: string, event: unknown) => Promise<unknown> = async (functionId, event) => {
      calls.push({ functionId, event });
    },
    intervalOverrideMs?: number,
  ) => {
    running = new LocalSchedules({
      rules: rs,
      invoke,
      log,
      ...(intervalOverrideMs !== undefined ? { intervalOverrideMs } : {}),
    });
    return running;
  };

  it("runs a rule at its own rate and sends EventBridge's scheduled event", async () => {
    schedules([rule('Escalation')]).start();
    await vi.advanceTimersByTimeAsync(300_000 - 1);
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toEqual([
      {
        functionId: 'EscalateFn',
        event: {
          version: '0',
          id: expect.stringMatching(/^[0-9a-f-]{36}$/),
          'detail-type': 'Scheduled Event',
          source: 'aws.events',
          account: '000000000000',
          time: '2026-03-01T10:05:00Z',
          region: 'us-east-1',
          resources: ['arn:aws:events:us-east-1:000000000000:rule/Escalation'],
          detail: {},
        },
      },
    ]);
  });

  it('runs every rule at the override interval when one is given', async () => {
    schedules([rule('Escalation')], undefined, 1000).start();
    await vi.advanceTimersByTimeAsync(3000);
    expect(calls).toHaveLength(3);
    expect(new Set(calls.map((c) => (c.event as { id: string }).id)).size).toBe(3);
  });

  it("gives each target its input: the constant Input instead of the event, or the InputPath's part", async () => {
    schedules([rule('NamedWithInput')], undefined, 1000).start();
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toEqual([
      { functionId: 'ReportFn', event: { region: 'us-east-1', full: true } },
      { functionId: 'EscalateFn', event: 'Scheduled Event' },
    ]);
    expect(lines.filter((l) => l.includes('skipped'))).toHaveLength(2);
  });

  it('never runs the same rule twice at once: ticks during a run are skipped', async () => {
    const gates: ReturnType<typeof deferred>[] = [];
    let active = 0;
    let maxActive = 0;
    schedules(
      [rule('Escalation')],
      async (functionId, event) => {
        calls.push({ functionId, event });
        active++;
        maxActive = Math.max(maxActive, active);
        const gate = deferred();
        gates.push(gate);
        await gate.promise;
        active--;
      },
      1000,
    ).start();
    await vi.advanceTimersByTimeAsync(3500);
    expect(calls).toHaveLength(1);
    expect(lines.filter((l) => l.includes('still going'))).toHaveLength(2);
    gates[0]?.resolve();
    await vi.advanceTimersByTimeAsync(500);
    expect(calls).toHaveLength(2);
    expect(maxActive).toBe(1);
    gates[1]?.resolve();
  });

  it('fireAll waits for a run in progress, then runs the rule again, never alongside it', async () => {
    const gate = deferred();
    let active = 0;
    let maxActive = 0;
    const s = schedules(
      [rule('Escalation')],
      async (functionId, event) => {
        calls.push({ functionId, event });
        active++;
        maxActive = Math.max(maxActive, active);
        if (calls.length === 1) await gate.promise;
        active--;
      },
      1000,
    );
    s.start();
    await vi.advanceTimersByTimeAsync(1000);
    const fired = s.fireAll();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(1);
    gate.resolve();
    await fired;
    expect(calls).toHaveLength(2);
    expect(maxActive).toBe(1);
  });

  it('logs a failing target and keeps the schedule going', async () => {
    schedules(
      [rule('Escalation')],
      async (functionId, event) => {
        calls.push({ functionId, event });
        throw new Error('EscalateFn: Error: boom');
      },
      1000,
    ).start();
    await vi.advanceTimersByTimeAsync(2000);
    expect(calls).toHaveLength(2);
    expect(lines.filter((l) => l.includes('Escalation → EscalateFn: EscalateFn: Error: boom'))).toHaveLength(
      2,
    );
  });

  it('does not run cron rules on a clock, says so, and runs them on fireAll', async () => {
    const s = schedules([rule('Cron')], undefined, 1000);
    s.start();
    expect(lines).toContainEqual(expect.stringMatching(/Cron: cron\(0 8 \* \* \? \*\) is skipped locally/));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toHaveLength(0);
    await s.fireAll();
    expect(calls.map((c) => c.functionId)).toEqual(['ReportFn']);
  });

  it('stop() ends the timers and waits for the run in progress', async () => {
    const gate = deferred();
    let finished = false;
    const s = schedules(
      [rule('Escalation')],
      async (functionId, event) => {
        calls.push({ functionId, event });
        await gate.promise;
        finished = true;
      },
      1000,
    );
    s.start();
    await vi.advanceTimersByTimeAsync(1000);
    let stopped = false;
    const stopping = s.stop().then(() => {
      stopped = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    gate.resolve();
    await stopping;
    expect(finished).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toHaveLength(1);
  });

  it('refuses an interval override that is not positive', () => {
    expect(() => schedules([], undefined, 0)).toThrow(/positive/);
  });
});
