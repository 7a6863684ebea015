import { Duration, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as ses from 'aws-cdk-lib/aws-ses';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { grantItemAccess } from './grants.ts';

import { WegoFunction } from './wego-function.ts';

export interface OutboxProps {
  readonly table: dynamodb.ITable;
  readonly senderEmail: string;
  /** The sending identity and its configuration set, from the stateful stack. */
  readonly identity: ses.IEmailIdentity;
  readonly configurationSetName: string;
  readonly logRemovalPolicy: RemovalPolicy;
}

/**
 * The email outbox: a state change writes OUTBOX# items in its transaction; the table stream feeds
 * them to the notifier, which sends them with SES. Failed records are retried with bisection and,
 * after the retries or a day, their batch is recorded in an encrypted DLQ for a person to replay.
 */
export class Outbox extends Construct {
  readonly notifier: WegoFunction;
  readonly dlq: sqs.Queue;

  constructor(scope: Construct, id: string, props: OutboxProps) {
    super(scope, id);
    const { identity, configurationSetName } = props;
    this.dlq = new sqs.Queue(this, 'Dlq', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      // What is on it describes emails not yet sent: keep it with the stack's data.
      removalPolicy: props.logRemovalPolicy,
    });

    this.notifier = new WegoFunction(this, 'Notifier', {
      entry: 'functions/emails/notifier.ts',
      description: 'the email outbox: sends OUTBOX# items from the table stream through SES',
      timeout: Duration.seconds(30),
      logRemovalPolicy: props.logRemovalPolicy,
      environment: {
        TABLE_NAME: props.table.tableName,
        SENDER_EMAIL: props.senderEmail,
        SES_CONFIGURATION_SET: configurationSetName,
      },
    });
    const fn = this.notifier.fn;
    grantItemAccess(props.table, fn);
    identity.grantSendEmail(fn);
    // SES also authorizes the configuration set named in each SendEmail call.
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [
          Stack.of(this).formatArn({
            service: 'ses',
            resource: 'configuration-set',
            resourceName: configurationSetName,
          }),
        ],
      }),
    );
    fn.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: 10,
        retryAttempts: 5,
        bisectBatchOnError: true,
        maxRecordAge: Duration.hours(24),
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.dlq),
        filters: [
          lambda.FilterCriteria.filter({
            eventName: lambda.FilterRule.isEqual('INSERT'),
            dynamodb: { Keys: { pk: { S: lambda.FilterRule.beginsWith('OUTBOX#') } } },
          }),
        ],
      }),
    );
  }
}
