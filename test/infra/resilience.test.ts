import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CfnResource,
  logicalIdOf,
  refId,
  resourcesOf,
  type Synthesized,
  synthesize,
} from './support/synth.ts';

/**
 * The resilience suite's template half: what the local stack cannot show. The request half is
 * test/e2e/resilience.test.ts; SES failing is test/integration/resilience.test.ts.
 */

let synth: Synthesized;

beforeAll(() => {
  synth = synthesize();
});

afterAll(() => synth?.dispose());

interface Statement {
  Effect: string;
  Action: string | string[];
}

const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);

describe('the outbox DLQ is watched', () => {
  it('has a CloudWatch alarm on the DLQ depth (ApproximateNumberOfMessagesVisible) that notifies someone', () => {
    const dlq = logicalIdOf(synth.stack.outbox.dlq);
    const onDlq = Object.entries(resourcesOf(synth.template, 'AWS::CloudWatch::Alarm')).filter(
      ([, alarm]) => {
        const p = alarm.Properties ?? {};
        return (
          p.Namespace === 'AWS/SQS' &&
          p.MetricName === 'ApproximateNumberOfMessagesVisible' &&
          JSON.stringify(p.Dimensions ?? []).includes(`"${dlq}"`)
        );
      },
    );
    expect(
      onDlq.map(([id]) => id),
      'no alarm watches the outbox DLQ',
    ).toHaveLength(1);
    const p = (onDlq[0] as [string, CfnResource])[1].Properties ?? {};
    expect(p.Dimensions).toEqual([{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlq, 'QueueName'] } }]);
    // It fires on the first message: one email given up on is one too many.
    const fires = (n: number) =>
      p.ComparisonOperator === 'GreaterThanOrEqualToThreshold'
        ? n >= Number(p.Threshold)
        : n > Number(p.Threshold);
    expect([fires(0), fires(1)]).toEqual([false, true]);
    expect((p.AlarmActions as unknown[] | undefined)?.length ?? 0).toBeGreaterThan(0);
  });
});

describe('a change never waits for SES', () => {
  it('gives SES send permissions to the notifier only (no route or workflow function can call SES)', () => {
    const notifierRole = refId(
      resourcesOf(synth.template, 'AWS::Lambda::Function')[logicalIdOf(synth.stack.outbox.notifier.fn)]
        ?.Properties?.Role,
    );
    const senders = Object.values(resourcesOf(synth.template, 'AWS::IAM::Policy')).filter((policy) =>
      ((policy.Properties?.PolicyDocument as { Statement?: Statement[] } | undefined)?.Statement ?? []).some(
        (s) => s.Effect === 'Allow' && actionsOf(s).some((a) => /^ses:(\*|Send)/i.test(a)),
      ),
    );
    expect(senders.length).toBeGreaterThan(0);
    for (const policy of senders) {
      expect(((policy.Properties?.Roles ?? []) as unknown[]).map(refId)).toEqual([notifierRole]);
    }
  });
});
