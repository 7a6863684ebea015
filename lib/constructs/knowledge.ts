import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { grantItemAccess } from './grants.ts';
import { grantSearchIndex } from './uploads.ts';
import { WegoFunction } from './wego-function.ts';

export interface KnowledgeProps {
  readonly table: dynamodb.ITable;
  readonly environment: Record<string, string>;
  /** Where stream batches go after the retries (the outbox's encrypted DLQ: one queue to watch). */
  readonly dlq: sqs.IQueue;
  /** Where the search index is kept (the uploads bucket, under `search-index/`). */
  readonly searchIndex: { readonly bucket: s3.IBucket; readonly environment: Record<string, string> };
  readonly logRemovalPolicy: RemovalPolicy;
}

/**
 * The knowledge platform's event functions (its API function is built with the others from the route
 * catalogue): the indexer, fed by the table stream with every change of a published practice (its
 * `PUB` and `PUB#<lang>` items), which machine-translates what is missing with Amazon Translate and
 * updates the search index; and the weekly digest of followed themes, on an EventBridge schedule.
 */
export class Knowledge extends Construct {
  readonly indexer: WegoFunction;
  readonly digest: WegoFunction;
  readonly schedule: events.Rule;

  constructor(scope: Construct, id: string, props: KnowledgeProps) {
    super(scope, id);
    this.indexer = new WegoFunction(this, 'Indexer', {
      entry: 'functions/knowledge/indexer.ts',
      description: 'Knowledge: machine-translates published practices and updates the search index',
      environment: { ...props.environment, ...props.searchIndex.environment },
      // Merging a practice into an index of thousands loads and saves the whole index: CPU and time.
      memorySize: 1024,
      timeout: Duration.seconds(60),
      logRemovalPolicy: props.logRemovalPolicy,
    });
    grantItemAccess(props.table, this.indexer.fn);
    grantSearchIndex(props.searchIndex.bucket, this.indexer.fn, 'write');
    // TranslateText has no resource-level permissions; it is the only Translate action granted.
    this.indexer.fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['translate:TranslateText'], resources: ['*'] }),
    );
    this.indexer.fn.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: 50,
        maxBatchingWindow: Duration.seconds(2),
        retryAttempts: 5,
        bisectBatchOnError: true,
        maxRecordAge: Duration.hours(24),
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(props.dlq),
        filters: [
          lambda.FilterCriteria.filter({
            dynamodb: {
              Keys: {
                pk: { S: lambda.FilterRule.beginsWith('PRACTICE#') },
                sk: { S: lambda.FilterRule.beginsWith('PUB') },
              },
            },
          }),
        ],
      }),
    );

    this.digest = new WegoFunction(this, 'Digest', {
      entry: 'functions/knowledge/digest.ts',
      description: 'Knowledge: the weekly digest of new and updated practices in followed themes',
      environment: props.environment,
      timeout: Duration.seconds(60),
      logRemovalPolicy: props.logRemovalPolicy,
    });
    grantItemAccess(props.table, this.digest.fn);
    this.schedule = new events.Rule(this, 'WeeklyDigest', {
      description: 'Sends the weekly digest of the knowledge platform',
      schedule: events.Schedule.rate(Duration.days(7)),
      targets: [
        new targets.LambdaFunction(this.digest.fn, { retryAttempts: 2, maxEventAge: Duration.hours(6) }),
      ],
    });
  }
}
