import { type CfnElement, type Stack, Token, Validations } from 'aws-cdk-lib';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { IConstruct } from 'constructs';
import { SEARCH_INDEX_PREFIX } from '../functions/knowledge/keys.ts';
import { PREFIXES } from '../functions/uploads/purposes.ts';
import type { ApprovalWorkflow } from './constructs/approval-workflow.ts';
import type { Auth } from './constructs/auth.ts';
import type { Escalation } from './constructs/escalation.ts';
import type { HttpApi } from './constructs/http-api.ts';
import type { Knowledge } from './constructs/knowledge.ts';
import type { Observability } from './constructs/observability.ts';
import type { Outbox } from './constructs/outbox.ts';
import type { Site } from './constructs/site.ts';
import { WegoFunction } from './constructs/wego-function.ts';

/**
 * Every cdk-nag finding the stacks accept, in one place, each with the reason it is right here.
 * The infra test lists them, so a new acknowledgement is a visible decision.
 */
const ack = (scope: IConstruct, id: string, reason: string) =>
  Validations.of(scope).acknowledge({ id, reason });

/** The stateful stack: the user pool and the cursor key. */
export function acknowledgeDataFindings(
  _stack: Stack,
  parts: { auth: Auth; cursorKey: secretsmanager.ISecret },
) {
  ack(
    parts.cursorKey,
    'AwsSolutions-SMG4',
    'The key only signs list cursors: replacing it (put-secret-value) just invalidates open cursors, so no rotation function is needed.',
  );
  ack(
    parts.auth.userPool,
    'AwsSolutions-COG8',
    'Threat protection (Plus plan) is billed per user; the pool is staff-only (no self sign-up), has a 14-character password policy and TOTP MFA. Revisit with the security review.',
  );
  ack(
    parts.auth.userPool,
    'AwsSolutions-COG2',
    'TOTP MFA is available to every user; whether to force it on committee delegates of member cities, who sign in rarely, is for the Secretariat to decide.',
  );
}

/** The stateless stack: functions, API, workflow, outbox, schedule, alarms. */
export function acknowledgeAppFindings(
  stack: Stack,
  parts: {
    api: HttpApi;
    outbox: Outbox;
    workflow: ApprovalWorkflow;
    escalation: Escalation;
    knowledge: Knowledge;
    observability: Observability;
    /** The export the table's ARN is imported from: findings name the ARN by it. */
    tableArnExport: string;
    /** The export the uploads bucket's name is imported from: findings name the bucket by it. */
    uploadsBucketExport: string;
    site: Site;
  },
): void {
  for (const fn of stack.node.findAll().filter((c): c is WegoFunction => c instanceof WegoFunction)) {
    ack(
      fn,
      'AwsSolutions-IAM5[Resource::*]',
      fn === parts.knowledge.indexer
        ? 'X-Ray tracing (xray:PutTraceSegments, xray:PutTelemetryRecords) and Amazon Translate (translate:TranslateText, the only Translate action granted) support no resource-level permissions.'
        : 'X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions.',
    );
  }
  for (const fn of parts.api.functions.values()) {
    ack(
      fn,
      'Serverless-LambdaDLQ',
      'Invoked synchronously by API Gateway: the caller gets the error; a DLQ only applies to asynchronous invocations.',
    );
  }
  // Features whose routes presign or claim uploads (lib/constructs/uploads.ts, grantUploads).
  for (const [feature, fn] of parts.api.functions) {
    if (!parts.api.routes.some((r) => r.uploads === true && parts.api.featureOf(r) === feature)) continue;
    for (const prefix of Object.values(PREFIXES)) {
      ack(
        fn,
        `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${parts.uploadsBucketExport}/${prefix}*]`,
        `Uploads are one object per key under ${prefix}: the function reads or writes any key of that prefix of the uploads bucket (presigned POST, claim, download link), and no other prefix or bucket.`,
      );
    }
  }
  // The search index's objects (lib/constructs/uploads.ts, grantSearchIndex): the indexer and the
  // function of the routes that search.
  const searchIndexReaders = [...parts.api.functions]
    .filter(([feature]) =>
      parts.api.routes.some((r) => r.searchIndex === true && parts.api.featureOf(r) === feature),
    )
    .map(([, fn]) => fn);
  for (const fn of [parts.knowledge.indexer, ...searchIndexReaders]) {
    ack(
      fn,
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${parts.uploadsBucketExport}/${SEARCH_INDEX_PREFIX}*]`,
      'The search index is one immutable object per save, named by a random save id under search-index/: the function reaches any key of that prefix of the uploads bucket (the indexer writes and deletes, the search reads), and no other prefix.',
    );
  }
  ack(
    parts.workflow.steps,
    'Serverless-LambdaDLQ',
    'Invoked synchronously by Step Functions, whose Retry and Catch handle its failures.',
  );
  const workflowRole = parts.workflow.stateMachine.role;
  ack(
    workflowRole,
    `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(parts.workflow.steps.fn.node.defaultChild as CfnElement)}.Arn>:*]`,
    'Step Functions may invoke any version of its own step function (the grant CDK makes); no other function.',
  );
  ack(
    workflowRole,
    'AwsSolutions-IAM5[Resource::*]',
    'X-Ray tracing and CloudWatch Logs log delivery of the state machine support no resource-level permissions.',
  );
  ack(
    parts.escalation.schedule,
    'Serverless-EventBusDLQ',
    'A scheduled event carries no data: a lost one only delays escalation to the next run, which redoes the work.',
  );
  ack(
    parts.escalation.fn,
    'Serverless-LambdaDLQ',
    'Each scheduled run re-derives its work from the due index, so a failed run is redone by the next one.',
  );
  ack(
    parts.knowledge.indexer,
    'Serverless-LambdaDLQ',
    'Invoked by a DynamoDB stream event source mapping, whose on-failure destination is the outbox DLQ.',
  );
  ack(
    parts.knowledge.digest,
    'Serverless-LambdaDLQ',
    'Each weekly run re-derives its work from the followers and the published index, so a failed run is redone by the next one (and nobody gets a digest twice).',
  );
  ack(
    parts.knowledge.schedule,
    'Serverless-EventBusDLQ',
    'A scheduled event carries no data: a lost one only delays the digest to the next run, which holds everything new since the last one.',
  );
  ack(
    parts.outbox.notifier,
    'Serverless-LambdaDLQ',
    'Invoked by a DynamoDB stream event source mapping, whose on-failure destination is the outbox DLQ.',
  );
  ack(
    stack,
    `AwsSolutions-IAM5[Resource::${parts.tableArnExport}/index/*]`,
    'Single-table design: the functions query the generic GSIs of the one table, and only that table.',
  );
  ack(
    parts.outbox.dlq,
    'AwsSolutions-SQS3',
    'This queue is the DLQ: the on-failure destination of the outbox stream mapping.',
  );
  ack(
    parts.outbox.dlq,
    'Serverless-SQSRedrivePolicy',
    'This queue is the DLQ of the outbox; its messages are replayed by a person, not redriven further.',
  );
  ack(
    parts.observability.opsSubscription,
    'Serverless-SNSRedrivePolicy',
    'An email subscription: SNS hands each alarm to its own mail service, and an alarm that was not delivered still shows in the alarm history and on the dashboard, so there is nothing to redrive.',
  );
  const distribution = parts.site.distribution;
  ack(
    distribution,
    'AwsSolutions-CFR1',
    'WeGO serves cities on every continent and their citizens wherever they are: no country is restricted.',
  );
  ack(
    distribution,
    'AwsSolutions-CFR2',
    'No WAF yet: a web ACL costs about $6 a month before traffic, more than the whole idle platform; the API throttles every route, Shield Standard covers the edge. Revisit when traffic warrants it.',
  );
  ack(
    distribution,
    'AwsSolutions-CFR4',
    'The default *.cloudfront.net certificate allows older TLS; a deployment with its own domain adds an ACM certificate and TLSv1.2_2021 (docs/operations.md).',
  );
  // The site's assets are copied to S3 by CDK's BucketDeployment, a CloudFormation custom resource.
  for (const deployer of stack.node
    .findAll()
    .filter((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'))) {
    ack(
      deployer,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      "CDK's BucketDeployment handler writes its logs with the basic execution role; it runs only during a deployment.",
    );
    for (const finding of [
      'Action::s3:GetBucket*',
      'Action::s3:GetObject*',
      'Action::s3:List*',
      'Action::s3:Abort*',
      'Action::s3:DeleteObject*',
      `Resource::<${stack.getLogicalId(parts.site.bucket.node.defaultChild as CfnElement)}.Arn>/*`,
      `Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-${Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region}/*`,
    ]) {
      ack(
        deployer,
        `AwsSolutions-IAM5[${finding}]`,
        "CDK's BucketDeployment copies the built assets from the CDK asset bucket into the site bucket: the grant CDK makes, on those two buckets only.",
      );
    }
    for (const id of ['AwsSolutions-L1', 'Serverless-LambdaLatestVersion']) {
      ack(deployer, id, "The BucketDeployment handler's runtime is chosen and upgraded by CDK itself.");
    }
    ack(
      deployer,
      'Serverless-LambdaDLQ',
      'Invoked synchronously by CloudFormation during a deployment, which reports its failure.',
    );
    ack(deployer, 'Serverless-LambdaTracing', 'A deployment-time copy of static files: nothing to trace.');
  }
  for (const route of [...parts.api.routes].filter((r) => r.access === 'public')) {
    // HttpApi.addRoutes names each route construct METHOD + path with every '/' as '--'.
    const routeConstruct = parts.api.api.node.findChild(`${route.method}${route.path.replaceAll('/', '--')}`);
    ack(
      routeConstruct,
      'AwsSolutions-APIG4',
      `${route.method} ${route.path} is public by the API contract (${route.summary}); it is throttled and validated.`,
    );
  }
}
