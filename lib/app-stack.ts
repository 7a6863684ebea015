import { CfnOutput, Duration, Fn, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ses from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import { featureApis } from '../functions/routes.ts';
import { assetsVersion } from '../site/build.ts';
import { isEphemeralStage, type WegoConfig } from './config.ts';
import { ApprovalWorkflow } from './constructs/approval-workflow.ts';
import { GSIS } from './constructs/data-table.ts';
import { Escalation } from './constructs/escalation.ts';
import { HttpApi } from './constructs/http-api.ts';
import { Knowledge } from './constructs/knowledge.ts';
import { Observability } from './constructs/observability.ts';
import { Outbox } from './constructs/outbox.ts';
import { Site } from './constructs/site.ts';
import { dataExportNames } from './data-stack.ts';
import { acknowledgeAppFindings } from './nag-acknowledgements.ts';

export interface WegoAppStackProps extends StackProps {
  readonly config: WegoConfig;
}

/** The policy CloudFront sends where a page set none: the pages set their own (functions/web/server.ts). */
const SITE_CSP = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

/**
 * The stateful stack's resources, imported by their export names: the dependency is explicit, and the
 * stateless stack can be replaced without touching them.
 */
function importData(scope: Construct, stage: string) {
  const names = dataExportNames(stage);
  const value = (name: keyof typeof names) => Fn.importValue(names[name]);
  const table = dynamodb.Table.fromTableAttributes(scope, 'Table', {
    tableArn: value('tableArn'),
    tableStreamArn: value('tableStreamArn'),
    globalIndexes: [...GSIS],
  });
  const userPool = cognito.UserPool.fromUserPoolId(scope, 'UserPool', value('userPoolId'));
  return {
    table,
    userPool,
    userPoolClient: cognito.UserPoolClient.fromUserPoolClientId(
      scope,
      'UserPoolClient',
      value('userPoolClientId'),
    ),
    cursorKey: secretsmanager.Secret.fromSecretCompleteArn(scope, 'CursorKey', value('cursorKeyArn')),
    configurationSetName: value('configurationSetName'),
    /** Cognito's managed login, where the site sends staff to sign in. */
    signInUrl: value('signInUrl'),
    identity: ses.EmailIdentity.fromEmailIdentityName(scope, 'SenderIdentity', value('senderIdentityName')),
    uploads: s3.Bucket.fromBucketName(scope, 'UploadsBucket', value('uploadsBucketName')),
  };
}

/**
 * The stateless half of a stage, replaced freely by each release: one function per feature behind
 * the HTTP API, the email outbox, the Full Membership workflow, the scheduled CPS sweep, alarms and
 * the dashboard.
 */
export class WegoAppStack extends Stack {
  readonly api: HttpApi;
  readonly outbox: Outbox;
  readonly workflow: ApprovalWorkflow;
  readonly escalation: Escalation;
  readonly knowledge: Knowledge;
  readonly observability: Observability;
  readonly site: Site;

  constructor(scope: Construct, id: string, props: WegoAppStackProps) {
    super(scope, id, props);
    const { config } = props;
    const data = importData(this, config.stage);
    const table = data.table;
    const logRemovalPolicy = isEphemeralStage(config.stage) ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
    // The origin of the presigned POST URLs the SDK builds (virtual-hosted style, regional endpoint).
    const uploadsOrigin = `https://${data.uploads.bucketRegionalDomainName}`;

    this.outbox = new Outbox(this, 'Outbox', {
      table,
      senderEmail: config.senderEmail,
      identity: data.identity,
      configurationSetName: data.configurationSetName,
      logRemovalPolicy,
    });
    const environment = {
      TABLE_NAME: table.tableName,
      PUBLIC_BASE_URL: config.publicBaseUrl,
      SECRETARIAT_EMAIL: config.secretariatEmail,
      REGIONAL_OFFICES: JSON.stringify(config.regionalOffices),
    };
    this.workflow = new ApprovalWorkflow(this, 'Approval', {
      stage: config.stage,
      table,
      votingPeriod: Duration.seconds(config.votingPeriodSeconds),
      environment,
      logRemovalPolicy,
    });
    this.escalation = new Escalation(this, 'Escalation', {
      table,
      environment: { ...environment, CONTACT_RETENTION_SECONDS: String(config.contactRetentionSeconds) },
      every: Duration.minutes(5),
      logRemovalPolicy,
    });
    // The search index is kept in the uploads bucket, under its own private prefix (docs/architecture.md).
    const searchIndex = {
      bucket: data.uploads,
      environment: { SEARCH_INDEX_BUCKET: data.uploads.bucketName },
    };
    this.knowledge = new Knowledge(this, 'Knowledge', {
      table,
      environment,
      dlq: this.outbox.dlq,
      searchIndex,
      logRemovalPolicy,
    });
    this.api = new HttpApi(this, 'Http', {
      stage: config.stage,
      features: featureApis,
      userPool: data.userPool,
      userPoolClient: data.userPoolClient,
      table,
      corsOrigins: config.corsOrigins,
      logRemovalPolicy,
      environment,
      paginatedEnvironment: { CURSOR_SECRET: data.cursorKey.secretValue.unsafeUnwrap() },
      siteAssetsEnvironment: { SITE_URL: config.publicBaseUrl, ASSET_VERSION: assetsVersion() },
      pagesEnvironment: {
        SIGN_IN_URL: data.signInUrl,
        CLIENT_ID: data.userPoolClient.userPoolClientId,
        // Where pages post files (a form without JavaScript) or send them (scripts): the page CSP allows it.
        UPLOADS_ORIGIN: uploadsOrigin,
      },
      uploads: { bucket: data.uploads, environment: { UPLOADS_BUCKET: data.uploads.bucketName } },
      searchIndex,
      workflow: {
        stateMachine: this.workflow.stateMachine,
        startEnvironment: {
          STATE_MACHINE_ARN: this.workflow.stateMachine.stateMachineArn,
          VOTING_PERIOD_SECONDS: String(config.votingPeriodSeconds),
        },
      },
    });
    this.site = new Site(this, 'Site', {
      stage: config.stage,
      ephemeral: isEphemeralStage(config.stage),
      api: this.api.api,
      media: data.uploads,
      contentSecurityPolicy: SITE_CSP,
    });

    this.observability = new Observability(this, 'Observability', {
      stage: config.stage,
      table,
      http: this.api,
      notifier: this.outbox.notifier,
      workflowSteps: this.workflow.steps,
      escalation: this.escalation.fn,
      eventFunctions: [
        { fn: this.knowledge.indexer, invocation: 'stream' },
        { fn: this.knowledge.digest, invocation: 'schedule' },
      ],
      dlq: this.outbox.dlq,
      stateMachine: this.workflow.stateMachine,
      configurationSetName: data.configurationSetName,
      opsEmail: config.opsEmail,
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.url });
    new CfnOutput(this, 'SiteUrl', { value: this.site.url });
    new CfnOutput(this, 'EmailDlqUrl', { value: this.outbox.dlq.queueUrl });
    new CfnOutput(this, 'ApprovalStateMachineArn', { value: this.workflow.stateMachine.stateMachineArn });

    acknowledgeAppFindings(this, {
      api: this.api,
      outbox: this.outbox,
      workflow: this.workflow,
      escalation: this.escalation,
      knowledge: this.knowledge,
      observability: this.observability,
      tableArnExport: dataExportNames(config.stage).tableArn,
      uploadsBucketExport: dataExportNames(config.stage).uploadsBucketName,
      site: this.site,
    });
  }
}
