import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { GSIS } from './data-table.ts';
import type { HttpApi } from './http-api.ts';
import type { WegoFunction } from './wego-function.ts';

/** Where WegoFunction's Powertools Metrics publish (its POWERTOOLS_METRICS_NAMESPACE). */
export const METRICS_NAMESPACE = 'WeGO';

/** The Powertools service name (the `service` dimension of custom metrics) WegoFunction gives a function. */
export const serviceNameOf = (fn: WegoFunction): string => `wego-${fn.node.id}`;

export interface ObservabilityProps {
  readonly stage: string;
  readonly table: dynamodb.ITable;
  /** The HTTP API: its stage's 5xx and latency, and one function per feature. */
  readonly http: HttpApi;
  /** The email outbox consumer (DynamoDB stream). */
  readonly notifier: WegoFunction;
  /** The function behind the steps of the Full Membership workflow. */
  readonly workflowSteps: WegoFunction;
  /** The scheduled CPS sweep (escalation, retention). */
  readonly escalation: WegoFunction;
  /** Other event functions (the knowledge indexer on the stream, its weekly digest), by how they are invoked. */
  readonly eventFunctions?: readonly {
    readonly fn: WegoFunction;
    readonly invocation: 'stream' | 'schedule';
  }[];
  /** The SES configuration set every email goes through: its bounce and complaint rates. */
  readonly configurationSetName: string;
  /** The outbox DLQ: stream batches the notifier could not send. */
  readonly dlq: sqs.IQueue;
  readonly stateMachine: sfn.IStateMachine;
  /** The Secretariat's operations address: the alarm topic emails it. */
  readonly opsEmail: string;
}

/** How a function is invoked decides what its failure means and what the operator does about it. */
type Invocation = 'route' | 'stream' | 'workflow' | 'schedule';

interface WatchedFunction {
  /** Short, stable name: the construct id (e.g. `CpsApi` for the CPS feature's function). */
  readonly name: string;
  readonly fn: lambda.IFunction;
  readonly purpose: string;
  readonly logGroupName: string;
  readonly invocation: Invocation;
}

/** What a failed or refused invocation means, by how the function is invoked. */
const FAILURE_IMPACT: Record<Invocation, string> = {
  route:
    'Callers of its routes got an error response. Errors the handler catches are HTTP 500s (the API 5xx alarm); this alarm counts crashes, timeouts, failed cold starts and invocations Lambda refused (throttles).',
  stream:
    'Outbox stream batches are retried with bisection; records still failing after 5 retries or 24 hours go to the outbox DLQ (its own alarm). Emails are delayed, not lost.',
  workflow:
    'Step Functions retries the step 3 times, then records the failure, returns the city to associate and emails the Secretariat (the Step Functions failed alarm).',
  schedule:
    'The next scheduled run (every 5 minutes) redoes the work, so overdue requests are escalated late, not skipped; it alarms again while runs keep failing.',
};

/** CloudWatch refuses an alarm description longer than this. */
const MAX_DESCRIPTION = 1024;

/**
 * Operations monitoring of one stage: an encrypted, TLS-only SNS topic that emails the Secretariat's
 * operations address, alarms (ALARM and OK both notify) on every Lambda function's errors and
 * throttles (one alarm each), SES bounce and complaint rates, the API's 5xx and p99 latency, the outbox DLQ, failed and timed-out approval workflows,
 * DynamoDB throttling and failed outbox emails, and the `wego-<stage>` dashboard. Each alarm's
 * description says what it means and what to do.
 */
export class Observability extends Construct {
  readonly topic: sns.Topic;
  readonly topicKey: kms.Key;
  readonly opsSubscription: sns.Subscription;
  readonly dashboard: cloudwatch.Dashboard;
  readonly alarms: cloudwatch.Alarm[] = [];
  private readonly stage: string;
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    this.stage = props.stage;
    const stack = Stack.of(this);

    // CloudWatch cannot publish to a topic under the AWS-managed SNS key (its policy cannot name
    // CloudWatch), so the topic has its own key that lets CloudWatch encrypt what it publishes.
    this.topicKey = new kms.Key(this, 'AlarmTopicKey', {
      description: `Encrypts the WeGO ${props.stage} operations alarm topic`,
      enableKeyRotation: true,
      // The key protects messages in flight only: nothing is left to decrypt once the topic is gone.
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    this.topicKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsPublishToTheTopic',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    this.topic = new sns.Topic(this, 'AlarmTopic', {
      displayName: `WeGO ${props.stage} operations alarms`,
      masterKey: this.topicKey,
      enforceSSL: true,
    });
    // The topic policy replaces SNS's default one: name the alarms of this account as publishers.
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsOfThisAccount',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'cloudwatch', resource: 'alarm:*' }) },
        },
      }),
    );
    this.opsSubscription = new sns.Subscription(this, 'OpsEmail', {
      topic: this.topic,
      protocol: sns.SubscriptionProtocol.EMAIL,
      endpoint: props.opsEmail,
    });
    this.action = new SnsAction(this.topic);

    const functions = watchedFunctions(props);
    for (const f of functions) this.functionAlarms(f);

    const apiStage = httpStageOf(props.http);
    this.apiAlarms(apiStage);
    this.dlqAlarm(props.dlq);
    this.workflowAlarms(props.stateMachine);
    this.tableAlarm(props.table);
    this.emailAlarm(props.notifier);
    this.reputationAlarms(props.configurationSetName);

    this.dashboard = this.buildDashboard(props, functions, apiStage);
  }

  private alarm(
    id: string,
    props: {
      name: string;
      metric: cloudwatch.IMetric;
      threshold: number;
      comparison?: cloudwatch.ComparisonOperator;
      evaluationPeriods?: number;
      datapointsToAlarm?: number;
      treatMissingData?: cloudwatch.TreatMissingData;
      description: string;
    },
  ): cloudwatch.Alarm {
    const description = `WeGO ${this.stage}: ${props.description}`;
    // Unresolved names (tokens) are shorter than what they resolve to: keep a margin.
    if (description.length > MAX_DESCRIPTION - 120) {
      throw new Error(`${id}: the alarm description is too long (${description.length} characters)`);
    }
    const alarm = new cloudwatch.Alarm(this, id, {
      alarmName: `wego-${this.stage}-${kebab(props.name)}`,
      alarmDescription: description,
      metric: props.metric,
      threshold: props.threshold,
      comparisonOperator:
        props.comparison ?? cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: props.evaluationPeriods ?? 1,
      datapointsToAlarm: props.datapointsToAlarm,
      treatMissingData: props.treatMissingData ?? cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    this.alarms.push(alarm);
    return alarm;
  }

  /** One alarm per function, on its errors and throttles together: alarms scale with features, not routes. */
  private functionAlarms(f: WatchedFunction): void {
    const fiveMinutes = { period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM };
    this.alarm(`Failures-${f.name}`, {
      name: `lambda-${f.name}-failures`,
      // SUM of the array, not a + b: the series are sparse, and + drops a timestamp missing from either.
      metric: new cloudwatch.MathExpression({
        expression: 'SUM([errors, throttles])',
        usingMetrics: {
          errors: f.fn.metricErrors(fiveMinutes),
          throttles: f.fn.metricThrottles(fiveMinutes),
        },
        label: `${f.name} errors and throttles`,
        period: Duration.minutes(5),
      }),
      threshold: 1,
      description: `the Lambda function ${f.name} (${f.purpose.slice(0, 120)}) failed or was throttled at least once in 5 minutes. ${FAILURE_IMPACT[f.invocation]} What to do: on the dashboard, see whether it is Errors or Throttles. Errors: in Logs Insights on ${f.logGroupName}, filter level = 'ERROR' or 'Task timed out', follow the X-Ray trace, roll back the last release if they began with it. Throttles: compare ConcurrentExecutions with the account quota.`,
    });
  }

  private apiAlarms(stage: apigw.IHttpStage): void {
    this.alarm('Api5xx', {
      name: 'api-5xx',
      metric: stage.metricServerError({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
      threshold: 5,
      description:
        "the HTTP API answered 5 or more requests with a 5xx in 5 minutes: member cities, officials and citizens are seeing failures. What to do: find the route in the access logs (status >= 500, routeKey, integrationError), then that function's logs ('Unhandled error' with errorName); check DynamoDB, SES and Step Functions health and the last release.",
    });
    this.alarm('ApiLatency', {
      name: 'api-latency-p99',
      metric: stage.metricLatency({ period: Duration.minutes(1), statistic: cloudwatch.Stats.p(99) }),
      threshold: 3000,
      comparison: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
      description:
        'the slowest 1% of API requests took over 3 seconds in 3 of the last 5 minutes. What to do: on the dashboard, find the function whose p99 duration rose; look for DynamoDB throttling, slow SES or Step Functions calls in its X-Ray traces, cold starts after a release, and a surge of traffic in the access logs.',
    });
  }

  private dlqAlarm(dlq: sqs.IQueue): void {
    this.alarm('EmailDlqDepth', {
      name: 'email-dlq-not-empty',
      metric: dlq.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      threshold: 1,
      // SQS stops publishing for a queue idle for 6 hours, messages or not: keep the last state
      // rather than report a queue that still holds messages as OK.
      treatMissingData: cloudwatch.TreatMissingData.IGNORE,
      description:
        'the outbox DLQ holds at least one message: the notifier gave up on a batch of emails after its retries, so ballots, decisions or notices were not sent. What to do: read the messages (they name the stream records), fix the cause in the notifier logs (SES identity, sandbox, quota, or a malformed OUTBOX# item), resend those OUTBOX# items, then purge the queue. Messages expire after 14 days.',
    });
  }

  private workflowAlarms(stateMachine: sfn.IStateMachine): void {
    const fiveMinutes = { period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM };
    this.alarm('WorkflowFailed', {
      name: 'approval-workflow-failed',
      metric: stateMachine.metricFailed(fiveMinutes),
      threshold: 1,
      description:
        "a Full Membership approval execution failed: a step failed after its retries, the failure was recorded, the city returned to associate and the Secretariat was emailed. What to do: open the failed execution in the Step Functions console, read the RecordFailure input ('failedStep', 'failure'), fix the cause, and start the approval again for that city.",
    });
    this.alarm('WorkflowTimedOut', {
      name: 'approval-workflow-timed-out',
      metric: stateMachine.metricTimedOut(fiveMinutes),
      threshold: 1,
      description:
        'a Full Membership approval execution ran past its overall timeout (the voting period plus a day) without closing the vote: the city may be left in full_pending. What to do: open the execution history to see the last step, check the city and the APPROVAL# item, close the vote by hand if needed, and start a new approval.',
    });
  }

  private tableAlarm(table: dynamodb.ITable): void {
    const usingMetrics: Record<string, cloudwatch.IMetric> = {};
    const throttleEvents = (metricName: string, index?: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/DynamoDB',
        metricName,
        dimensionsMap: {
          TableName: table.tableName,
          ...(index ? { GlobalSecondaryIndexName: index } : {}),
        },
        statistic: cloudwatch.Stats.SUM,
        period: Duration.minutes(5),
      });
    usingMetrics.reads = throttleEvents('ReadThrottleEvents');
    usingMetrics.writes = throttleEvents('WriteThrottleEvents');
    for (const index of GSIS) {
      usingMetrics[`${index}reads`] = throttleEvents('ReadThrottleEvents', index);
      usingMetrics[`${index}writes`] = throttleEvents('WriteThrottleEvents', index);
    }
    if (Object.keys(usingMetrics).length > 10) {
      throw new Error('A CloudWatch alarm takes at most 10 metrics: split the DynamoDB throttle alarm');
    }
    this.alarm('TableThrottles', {
      name: 'dynamodb-throttles',
      // SUM of the array, not a + b: the series are sparse, and + drops a timestamp missing from either.
      metric: new cloudwatch.MathExpression({
        expression: `SUM([${Object.keys(usingMetrics).join(', ')}])`,
        usingMetrics,
        label: 'Throttled read and write events (table and indexes)',
        period: Duration.minutes(5),
      }),
      threshold: 1,
      description:
        'DynamoDB throttled reads or writes on the WeGO table or one of its indexes in the last 5 minutes: requests may have failed with 500s or been retried slowly. What to do: on the dashboard, see whether the table or an index throttles and which functions slowed; on-demand tables throttle on sudden peaks over twice the previous peak and on hot partition keys, so look for a traffic surge or one key (e.g. a city) written very often.',
    });
  }

  private emailAlarm(notifier: WegoFunction): void {
    this.alarm('EmailsFailed', {
      name: 'emails-failed',
      metric: emailMetric(notifier, 'EmailsFailed', Duration.minutes(15)),
      threshold: 5,
      description:
        "the notifier failed to send 5 or more outbox emails in 15 minutes (SES refused them, or the OUTBOX# item was malformed); they are retried and, after the retries, land on the DLQ. What to do: in the notifier's logs, read the errorName of 'Outbox email not sent'; check the SES account (sending paused, sandbox, quota) and the sender identity.",
    });
  }

  /**
   * SES reviews an account whose bounce rate reaches 5% or complaint rate 0.1%, and may pause its
   * sending: these alarm well before, on the rates SES publishes for the configuration set.
   */
  private reputationAlarms(configurationSetName: string): void {
    const rate = (metricName: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/SES',
        metricName,
        dimensionsMap: { 'ses:configuration-set': configurationSetName },
        statistic: cloudwatch.Stats.MAXIMUM,
        period: Duration.hours(1),
      });
    this.alarm('EmailBounceRate', {
      name: 'email-bounce-rate',
      metric: rate('Reputation.BounceRate'),
      threshold: 0.02,
      description:
        "more than 2% of the emails sent recently bounced (SES reviews an account at 5% and may pause sending). Bounces are usually mistyped addresses: a Mayor's office, an official or a citizen. What to do: in the SES console (reputation dashboard, suppression list) find the bounced addresses, correct them in the application, official or roster, and check no test address is used in production.",
    });
    this.alarm('EmailComplaintRate', {
      name: 'email-complaint-rate',
      metric: rate('Reputation.ComplaintRate'),
      threshold: 0.0005,
      description:
        'recipients marked more than 0.05% of recent emails as spam (SES reviews an account at 0.1%). What to do: find which emails drew complaints (SES reputation dashboard), check they go only to people who asked for them (ballots, request updates), and that the sender and subject say clearly they come from WeGO.',
    });
  }

  private buildDashboard(
    props: ObservabilityProps,
    functions: readonly WatchedFunction[],
    apiStage: apigw.IHttpStage,
  ): cloudwatch.Dashboard {
    const minute = Duration.minutes(1);
    const fiveMinutes = Duration.minutes(5);
    const sum = cloudwatch.Stats.SUM;
    const wide = { width: 8, height: 6 };
    const topTen = (
      title: string,
      rank: 'SUM' | 'MAX',
      metricOf: (f: WatchedFunction) => cloudwatch.IMetric,
    ) =>
      new cloudwatch.GraphWidget({
        ...wide,
        title,
        left: [
          new cloudwatch.MathExpression({
            expression: `SORT(METRICS(), ${rank}, DESC, 10)`,
            usingMetrics: Object.fromEntries(functions.map((f, i) => [`f${i}`, metricOf(f)])),
            // CloudWatch dynamic label: each series keeps its function's label, with its total or peak.
            label: `\${LABEL} (\${${rank}})`,
            period: fiveMinutes,
          }),
        ],
      });

    const dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: `wego-${props.stage}`,
      defaultInterval: Duration.hours(3),
    });
    dashboard.addWidgets(
      new cloudwatch.TextWidget({
        width: 24,
        height: 2,
        markdown: `# WeGO ${props.stage}\nAPI, functions, table, Full Membership workflow and email outbox. Alarms are named \`wego-${props.stage}-*\` and email the operations address; each alarm's description says what it means and what to do.`,
      }),
    );
    dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        ...wide,
        title: 'API requests',
        left: [apiStage.metricCount({ period: minute, statistic: sum, label: 'Requests' })],
      }),
      new cloudwatch.GraphWidget({
        ...wide,
        title: 'API errors',
        left: [
          apiStage.metricServerError({ period: minute, statistic: sum, label: '5xx' }),
          apiStage.metricClientError({ period: minute, statistic: sum, label: '4xx' }),
        ],
      }),
      new cloudwatch.GraphWidget({
        ...wide,
        title: 'API latency (ms)',
        left: (['p50', 'p90', 'p99'] as const).map((p) =>
          apiStage.metricLatency({ period: minute, statistic: p, label: p }),
        ),
        leftAnnotations: [{ value: 3000, label: 'p99 alarm', color: cloudwatch.Color.RED }],
      }),
    );
    dashboard.addWidgets(
      topTen('Lambda errors (top 10 functions)', 'SUM', (f) =>
        f.fn.metricErrors({ period: fiveMinutes, statistic: sum, label: f.name }),
      ),
      topTen('Lambda throttles (top 10 functions)', 'SUM', (f) =>
        f.fn.metricThrottles({ period: fiveMinutes, statistic: sum, label: f.name }),
      ),
      topTen('Lambda p99 duration, ms (top 10 functions)', 'MAX', (f) =>
        f.fn.metricDuration({ period: fiveMinutes, statistic: cloudwatch.Stats.p(99), label: f.name }),
      ),
    );
    const table = props.table;
    dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        ...wide,
        title: 'DynamoDB consumed capacity',
        left: [
          table.metricConsumedReadCapacityUnits({ period: minute, statistic: sum, label: 'Read units' }),
          table.metricConsumedWriteCapacityUnits({ period: minute, statistic: sum, label: 'Write units' }),
        ],
      }),
      new cloudwatch.GraphWidget({
        ...wide,
        title: 'DynamoDB throttled events',
        left: [undefined, ...GSIS].flatMap((index) =>
          ['ReadThrottleEvents', 'WriteThrottleEvents'].map(
            (metricName) =>
              new cloudwatch.Metric({
                namespace: 'AWS/DynamoDB',
                metricName,
                dimensionsMap: {
                  TableName: table.tableName,
                  ...(index ? { GlobalSecondaryIndexName: index } : {}),
                },
                statistic: sum,
                period: fiveMinutes,
                label: `${index ?? 'table'} ${metricName.replace('ThrottleEvents', '').toLowerCase()}s`,
              }),
          ),
        ),
      }),
      new cloudwatch.GraphWidget({
        ...wide,
        title: 'Full Membership workflow executions',
        left: [
          props.stateMachine.metricStarted({ period: fiveMinutes, statistic: sum, label: 'Started' }),
          props.stateMachine.metricSucceeded({ period: fiveMinutes, statistic: sum, label: 'Succeeded' }),
          props.stateMachine.metricFailed({ period: fiveMinutes, statistic: sum, label: 'Failed' }),
          props.stateMachine.metricTimedOut({ period: fiveMinutes, statistic: sum, label: 'Timed out' }),
        ],
      }),
    );
    dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        ...wide,
        title: 'Email outbox DLQ',
        left: [
          props.dlq.metricApproximateNumberOfMessagesVisible({
            period: fiveMinutes,
            statistic: cloudwatch.Stats.MAXIMUM,
            label: 'Messages waiting',
          }),
        ],
      }),
      new cloudwatch.GraphWidget({
        ...wide,
        title: 'Emails sent by the outbox',
        left: [
          emailMetric(props.notifier, 'EmailsSent', fiveMinutes, 'Sent'),
          emailMetric(props.notifier, 'EmailsFailed', fiveMinutes, 'Failed'),
        ],
      }),
    );
    // An alarm status widget shows at most 100 alarms.
    for (let i = 0; i < this.alarms.length; i += 100) {
      dashboard.addWidgets(
        new cloudwatch.AlarmStatusWidget({
          title: i === 0 ? 'Alarms' : 'Alarms (continued)',
          alarms: this.alarms.slice(i, i + 100),
          sortBy: cloudwatch.AlarmStatusWidgetSortBy.STATE_UPDATED_TIMESTAMP,
          width: 24,
          height: 6,
        }),
      );
    }
    return dashboard;
  }
}

/** 'OpenVoteFn' → 'open-vote-fn', so alarm names read alike whatever the construct ids. */
const kebab = (name: string): string => name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

/** EmailsSent / EmailsFailed, which the notifier publishes with Powertools Metrics. */
function emailMetric(notifier: WegoFunction, metricName: string, period: Duration, label?: string) {
  return new cloudwatch.Metric({
    namespace: METRICS_NAMESPACE,
    metricName,
    dimensionsMap: { service: serviceNameOf(notifier) },
    statistic: cloudwatch.Stats.SUM,
    period,
    label,
  });
}

/** The one stage of the HTTP API construct (its metrics carry the ApiId and Stage dimensions). */
function httpStageOf(http: HttpApi): apigw.HttpStage {
  const stages = http.node.findAll().filter((c): c is apigw.HttpStage => c instanceof apigw.HttpStage);
  if (stages.length !== 1) {
    throw new Error(`${http.node.path}: expected one HTTP API stage to monitor, found ${stages.length}`);
  }
  return stages[0] as apigw.HttpStage;
}

function watchedFunctions(props: ObservabilityProps): WatchedFunction[] {
  const watched = (fn: WegoFunction, invocation: Invocation): WatchedFunction => ({
    name: fn.node.id,
    fn: fn.fn,
    purpose: (fn.fn.node.defaultChild as lambda.CfnFunction).description ?? fn.node.id,
    logGroupName: fn.fn.logGroup.logGroupName,
    invocation,
  });
  const all = [
    ...[...props.http.functions.values()].map((fn) => watched(fn, 'route')),
    watched(props.notifier, 'stream'),
    watched(props.workflowSteps, 'workflow'),
    watched(props.escalation, 'schedule'),
    ...(props.eventFunctions ?? []).map((e) => watched(e.fn, e.invocation)),
  ];
  const names = all.map((f) => f.name);
  const repeated = names.filter((name, i) => names.indexOf(name) !== i);
  if (repeated.length > 0) throw new Error(`Two monitored functions share a name: ${repeated.join(', ')}`);
  return all;
}
