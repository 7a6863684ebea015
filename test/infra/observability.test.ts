import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { featureApis } from '../../functions/routes.ts';
import { dataExportNames } from '../../lib/data-stack.ts';
import {
  applicationFunctions,
  type CfnResource,
  deploymentContext,
  exportedValue,
  importedTableName,
  logicalIdOf,
  refId,
  resolve,
  resourcesOf,
  type Synthesized,
  synthesize,
} from './support/synth.ts';

interface Dimension {
  Name: string;
  Value: unknown;
}

interface AlarmProps {
  AlarmName: string;
  AlarmDescription: unknown;
  AlarmActions?: unknown[];
  OKActions?: unknown[];
  Namespace?: string;
  MetricName?: string;
  Dimensions?: Dimension[];
  Statistic?: string;
  ExtendedStatistic?: string;
  Period?: number;
  EvaluationPeriods: number;
  DatapointsToAlarm?: number;
  Threshold: number;
  ComparisonOperator: string;
  TreatMissingData?: string;
  Metrics?: {
    Id: string;
    Expression?: string;
    ReturnData?: boolean;
    MetricStat?: {
      Metric: { Namespace: string; MetricName: string; Dimensions: Dimension[] };
      Period: number;
      Stat: string;
    };
  }[];
}

interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Principal?: unknown;
  Resource?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

let synth: Synthesized;
let alarms: AlarmProps[];
let ids: { topic: string; api: string; stateMachine: string; table: string; dlq: string };
/** The stateful stack's exports this stack's alarms and dashboard name the table and SES set by. */
const names = dataExportNames(deploymentContext.stage);
/** The table name as this stack computes it from the imported ARN: its alarms' TableName dimension. */
const tableName = importedTableName(names.tableArn);

beforeAll(() => {
  synth = synthesize();
  alarms = Object.values(resourcesOf(synth.template, 'AWS::CloudWatch::Alarm')).map(
    (a) => a.Properties as unknown as AlarmProps,
  );
  const { stack } = synth;
  ids = {
    topic: logicalIdOf(stack.observability.topic),
    api: logicalIdOf(stack.api.api),
    stateMachine: logicalIdOf(stack.workflow.stateMachine),
    table: logicalIdOf(synth.data.data.table),
    dlq: logicalIdOf(stack.outbox.dlq),
  };
});

afterAll(() => synth?.dispose());

const dimension = (a: Pick<AlarmProps, 'Dimensions'>, name: string) =>
  a.Dimensions?.find((d) => d.Name === name)?.Value;

/** The alarms on one metric of one namespace. */
const alarmsOn = (namespace: string, metricName: string) =>
  alarms.filter((a) => a.Namespace === namespace && a.MetricName === metricName);

/** The alarms whose metric math reads the given Lambda metric of one function. */
const alarmsReading = (metricName: string, functionId: string) =>
  alarms.filter((a) =>
    a.Metrics?.some(
      (m) =>
        m.MetricStat?.Metric.Namespace === 'AWS/Lambda' &&
        m.MetricStat.Metric.MetricName === metricName &&
        refId(dimension(m.MetricStat.Metric, 'FunctionName')) === functionId,
    ),
  );

/** The one failures alarm of a function, which these tests expect to exist. */
function failuresAlarmOf(functionId: string): AlarmProps {
  const found = alarmsReading('Errors', functionId);
  expect(found, `failures alarm of ${functionId}`).toHaveLength(1);
  return found[0] as AlarmProps;
}

/** The Properties of a resource, which these tests expect to be there. */
const propsOf = (resource: CfnResource | undefined): Record<string, unknown> => {
  if (!resource?.Properties) throw new Error('resource without Properties');
  return resource.Properties;
};

/** An alarm description with its tokens (log group names) left as placeholders. */
const descriptionText = (description: unknown): string =>
  typeof description === 'string'
    ? description
    : ((description as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1] ?? [])
        .map((part) => (typeof part === 'string' ? part : '<token>'))
        .join('');

describe('the alarm topic', () => {
  it('is encrypted with a rotated KMS key that CloudWatch may use to publish', () => {
    // Prepare
    const [topic] = Object.values(resourcesOf(synth.template, 'AWS::SNS::Topic'));

    // Assess
    const key = resolve(synth.template, topic?.Properties?.KmsMasterKeyId);
    expect(key.Type).toBe('AWS::KMS::Key');
    expect(key.Properties?.EnableKeyRotation).toBe(true);
    const statements = (propsOf(key).KeyPolicy as { Statement: Statement[] }).Statement;
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      }),
    );
  });

  it('refuses publishing without TLS and lets only this account alarms publish', () => {
    // Prepare
    const policies = Object.values(resourcesOf(synth.template, 'AWS::SNS::TopicPolicy')).filter((p) =>
      (propsOf(p).Topics as unknown[]).some((t) => refId(t) === ids.topic),
    );
    expect(policies).toHaveLength(1);
    const statements = (propsOf(policies[0]).PolicyDocument as { Statement: Statement[] }).Statement;

    // Assess
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Principal: '*',
        Action: 'sns:Publish',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
    const allows = statements.filter((s) => s.Effect === 'Allow');
    expect(allows).toHaveLength(1);
    expect(allows[0]).toMatchObject({
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: 'sns:Publish',
      Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
    });
    expect(JSON.stringify(allows[0]?.Condition?.ArnLike)).toContain(':alarm:*');
  });

  it('emails the Secretariat when no operations address is configured', () => {
    const subscriptions = Object.values(resourcesOf(synth.template, 'AWS::SNS::Subscription'));
    expect(subscriptions.map((s) => s.Properties)).toEqual([
      { Protocol: 'email', Endpoint: deploymentContext.secretariatEmail, TopicArn: { Ref: ids.topic } },
    ]);
  });

  it('emails the opsEmail address when one is configured', () => {
    // Prepare
    const withOps = synthesize({ opsEmail: 'ops@wego.example' });
    try {
      // Act
      const subscriptions = Object.values(resourcesOf(withOps.template, 'AWS::SNS::Subscription'));

      // Assess
      expect(subscriptions.map((s) => s.Properties?.Endpoint)).toEqual(['ops@wego.example']);
    } finally {
      withOps.dispose();
    }
  });
});

describe('Lambda alarms', () => {
  it('watch each Lambda function with one alarm on its errors and throttles together', () => {
    // Prepare: one function per feature, the notifier, the workflow steps, the sweep, the knowledge indexer and digest.
    const functions = Object.keys(applicationFunctions(synth.template));
    expect(functions).toHaveLength(Object.keys(featureApis).length + 5);

    for (const fn of functions) {
      // Act
      const alarm = failuresAlarmOf(fn);
      const stats = (alarm.Metrics ?? []).filter((m) => m.MetricStat);
      const expressions = (alarm.Metrics ?? []).filter((m) => m.Expression);

      // Assess: both series of this function only, summed over 5 minutes, alarming from the first failure.
      expect(alarmsReading('Throttles', fn), fn).toEqual([alarm]);
      expect(
        stats.map((m) => [m.MetricStat?.Metric.MetricName, m.MetricStat?.Stat, m.MetricStat?.Period]).sort(),
        fn,
      ).toEqual([
        ['Errors', 'Sum', 300],
        ['Throttles', 'Sum', 300],
      ]);
      for (const m of stats) {
        expect(m.MetricStat?.Metric.Dimensions, fn).toEqual([{ Name: 'FunctionName', Value: { Ref: fn } }]);
        expect(m.ReturnData, fn).toBe(false);
      }
      // SUM over the array: a + b would drop a timestamp missing from either sparse series.
      expect(
        expressions.map((m) => [m.Expression, m.ReturnData]),
        fn,
      ).toEqual([[`SUM([${stats.map((m) => m.Id).join(', ')}])`, true]]);
      expect(alarm, fn).toMatchObject({
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
      });
      expect(alarm.AlarmName, fn).toMatch(/^wego-prod-lambda-[a-z0-9-]+-failures$/);
    }
    expect(alarms.filter((a) => a.AlarmName.endsWith('-failures'))).toHaveLength(functions.length);
  });

  it('have no separate errors or throttles alarm per function (one alarm each, as features grow)', () => {
    expect(alarmsOn('AWS/Lambda', 'Errors')).toEqual([]);
    expect(alarmsOn('AWS/Lambda', 'Throttles')).toEqual([]);
  });

  it("name the function's log group in the failures alarm, where the operator starts", () => {
    const notifier = logicalIdOf(synth.stack.outbox.notifier.fn);
    const logGroup = logicalIdOf(synth.stack.outbox.notifier.fn.logGroup);
    const alarm = failuresAlarmOf(notifier);
    expect(JSON.stringify(alarm.AlarmDescription)).toContain(JSON.stringify({ Ref: logGroup }));
    expect(descriptionText(alarm.AlarmDescription)).toMatch(/DLQ/);
  });
});

describe('API alarms', () => {
  const stageName = () => {
    const stages = Object.values(resourcesOf(synth.template, 'AWS::ApiGatewayV2::Stage'));
    expect(stages).toHaveLength(1);
    return stages[0]?.Properties?.StageName;
  };

  it('alarm on 5 or more 5xx answers of the API stage in 5 minutes', () => {
    // Act
    const found = alarmsOn('AWS/ApiGateway', '5xx');

    // Assess
    expect(found).toHaveLength(1);
    const alarm = found[0] as AlarmProps;
    expect(refId(dimension(alarm, 'ApiId'))).toBe(ids.api);
    expect(dimension(alarm, 'Stage')).toBe(stageName());
    expect(alarm).toMatchObject({
      Statistic: 'Sum',
      Period: 300,
      EvaluationPeriods: 1,
      Threshold: 5,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
  });

  it('alarm when the p99 latency of the API stage is over 3 s in 3 of 5 minutes', () => {
    // Act
    const found = alarmsOn('AWS/ApiGateway', 'Latency');

    // Assess
    expect(found).toHaveLength(1);
    const alarm = found[0] as AlarmProps;
    expect(refId(dimension(alarm, 'ApiId'))).toBe(ids.api);
    expect(dimension(alarm, 'Stage')).toBe(stageName());
    expect(alarm).toMatchObject({
      ExtendedStatistic: 'p99',
      Period: 60,
      EvaluationPeriods: 5,
      DatapointsToAlarm: 3,
      Threshold: 3000,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
    });
    expect(alarm.Statistic).toBeUndefined();
  });
});

describe('outbox, workflow and table alarms', () => {
  it('alarm as soon as one message is visible on the outbox DLQ, keeping their state when SQS goes quiet', () => {
    // Act
    const found = alarmsOn('AWS/SQS', 'ApproximateNumberOfMessagesVisible');

    // Assess
    expect(found).toHaveLength(1);
    expect(dimension(found[0] as AlarmProps, 'QueueName')).toEqual({ 'Fn::GetAtt': [ids.dlq, 'QueueName'] });
    expect(found[0]).toMatchObject({
      Statistic: 'Maximum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'ignore',
    });
  });

  it.each(['ExecutionsFailed', 'ExecutionsTimedOut'])(
    'alarm on one %s of the Full Membership state machine',
    (metricName) => {
      // Act
      const found = alarmsOn('AWS/States', metricName);

      // Assess
      expect(found).toHaveLength(1);
      expect(refId(dimension(found[0] as AlarmProps, 'StateMachineArn'))).toBe(ids.stateMachine);
      expect(found[0]).toMatchObject({
        Statistic: 'Sum',
        Period: 300,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
      });
    },
  );

  it('alarm on any throttled read or write of the table and of each of its indexes', () => {
    // Prepare
    const table = resolve(synth.dataTemplate, { Ref: ids.table });
    const indexes = (propsOf(table).GlobalSecondaryIndexes as { IndexName: string }[]).map(
      (i) => i.IndexName,
    );
    const found = alarms.filter((a) =>
      a.Metrics?.some((m) => m.MetricStat?.Metric.Namespace === 'AWS/DynamoDB'),
    );

    // Assess
    expect(found).toHaveLength(1);
    const alarm = found[0] as AlarmProps;
    const stats = (alarm.Metrics ?? []).filter((m) => m.MetricStat);
    const watched = stats.map((m) => {
      const metric = m.MetricStat?.Metric as NonNullable<typeof m.MetricStat>['Metric'];
      expect(dimension(metric, 'TableName')).toEqual(tableName);
      expect(m.MetricStat?.Stat).toBe('Sum');
      return `${dimension(metric, 'GlobalSecondaryIndexName') ?? 'table'} ${metric.MetricName}`;
    });
    expect(watched.sort()).toEqual(
      ['table', ...indexes].flatMap((i) => [`${i} ReadThrottleEvents`, `${i} WriteThrottleEvents`]).sort(),
    );
    const expressions = (alarm.Metrics ?? []).filter((m) => m.Expression);
    expect(expressions).toHaveLength(1);
    expect(expressions[0]?.ReturnData).toBe(true);
    // Every series counts: SUM over the array, each id named once.
    expect(expressions[0]?.Expression).toBe(`SUM([${stats.map((m) => m.Id).join(', ')}])`);
    expect(alarm).toMatchObject({ Threshold: 1, TreatMissingData: 'notBreaching' });
  });

  it('alarm on failed outbox emails, with the namespace and service the notifier publishes under', () => {
    // Prepare
    const notifier = resolve(synth.template, { Ref: logicalIdOf(synth.stack.outbox.notifier.fn) });
    const env = (propsOf(notifier).Environment as { Variables: Record<string, string> }).Variables;

    // Act
    const found = alarmsOn(env.POWERTOOLS_METRICS_NAMESPACE as string, 'EmailsFailed');

    // Assess
    expect(found).toHaveLength(1);
    expect(found[0]?.Dimensions).toEqual([{ Name: 'service', Value: env.POWERTOOLS_SERVICE_NAME }]);
    expect(found[0]).toMatchObject({ Statistic: 'Sum', Period: 900, Threshold: 5 });
  });
});

describe('SES reputation alarms', () => {
  it.each([
    // SES reviews an account at a 5% bounce rate and a 0.1% complaint rate: alarm well before.
    ['Reputation.BounceRate', 0.05],
    ['Reputation.ComplaintRate', 0.001],
  ])(
    'alarm on the %s of the configuration set every email goes through, before SES reviews the account',
    (metricName, reviewedAt) => {
      // Act
      const found = alarmsOn('AWS/SES', metricName);

      // Assess
      expect(found).toHaveLength(1);
      const alarm = found[0] as AlarmProps;
      expect(alarm.Dimensions).toEqual([
        { Name: 'ses:configuration-set', Value: { 'Fn::ImportValue': names.configurationSetName } },
      ]);
      expect(alarm.Threshold).toBeGreaterThan(0);
      expect(alarm.Threshold).toBeLessThan(reviewedAt);
      expect(alarm).toMatchObject({
        Statistic: 'Maximum',
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
      });
    },
  );

  it('watch the configuration set the stateful stack exports, which publishes its reputation metrics', () => {
    // Prepare
    const setId = logicalIdOf(synth.data.mail.configurationSet);

    // Assess: without reputation metrics SES publishes no rate, and the alarms could never fire.
    expect(exportedValue(synth.dataTemplate, names.configurationSetName)).toEqual({ Ref: setId });
    expect(resourcesOf(synth.dataTemplate, 'AWS::SES::ConfigurationSet')[setId]?.Properties).toMatchObject({
      ReputationOptions: { ReputationMetricsEnabled: true },
    });
  });
});

describe('every alarm', () => {
  it('notifies the alarm topic on ALARM and on OK, and nothing else', () => {
    expect(alarms.length).toBeGreaterThan(0);
    for (const alarm of alarms) {
      expect(alarm.AlarmActions, alarm.AlarmName).toEqual([{ Ref: ids.topic }]);
      expect(alarm.OKActions, alarm.AlarmName).toEqual([{ Ref: ids.topic }]);
    }
  });

  it('has a unique name of its stage and a description that says what to do', () => {
    const names = alarms.map((a) => a.AlarmName);
    expect(new Set(names).size).toBe(names.length);
    for (const alarm of alarms) {
      expect(alarm.AlarmName).toMatch(/^wego-prod-[a-z0-9-]+$/);
      const text = descriptionText(alarm.AlarmDescription);
      expect(text, alarm.AlarmName).toMatch(/^WeGO prod: .+ What to do: .+/);
      expect(text.length, alarm.AlarmName).toBeLessThanOrEqual(900);
    }
  });
});

describe('the dashboard', () => {
  let dashboard: CfnResource;
  let body: string;

  beforeAll(() => {
    const dashboards = Object.values(resourcesOf(synth.template, 'AWS::CloudWatch::Dashboard'));
    expect(dashboards).toHaveLength(1);
    dashboard = dashboards[0] as CfnResource;
    body = JSON.stringify(dashboard.Properties?.DashboardBody);
  });

  it('is named after the stage', () => {
    expect(dashboard.Properties?.DashboardName).toBe(`wego-${deploymentContext.stage}`);
  });

  it('graphs the API, the state machine, the table and the DLQ of this stack', () => {
    expect(body).toContain(JSON.stringify({ Ref: ids.api }));
    expect(body).toContain(JSON.stringify({ Ref: ids.stateMachine }));
    expect(body).toContain(JSON.stringify(tableName));
    expect(body).toContain(JSON.stringify({ 'Fn::GetAtt': [ids.dlq, 'QueueName'] }));
    for (const metric of ['Count', '5xx', 'Latency', 'ConsumedReadCapacityUnits', 'ExecutionsStarted']) {
      expect(body, metric).toContain(`\\"${metric}\\"`);
    }
  });

  it('ranks every Lambda function for errors, throttles and duration', () => {
    for (const fn of Object.keys(applicationFunctions(synth.template))) {
      expect(body.split(JSON.stringify({ Ref: fn })).length - 1, fn).toBe(3);
    }
    expect(body).toContain('SORT(METRICS(), SUM, DESC, 10)');
    expect(body).toContain('SORT(METRICS(), MAX, DESC, 10)');
  });

  it('graphs the emails the outbox sent and failed to send', () => {
    expect(body).toContain('\\"WeGO\\",\\"EmailsSent\\",\\"service\\",\\"wego-Notifier\\"');
    expect(body).toContain('\\"WeGO\\",\\"EmailsFailed\\",\\"service\\",\\"wego-Notifier\\"');
  });
});
