import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { routes } from '../functions/routes.ts';
import { isEphemeralStage, type WegoConfig } from './config.ts';
import { ApprovalWorkflow } from './constructs/approval-workflow.ts';
import { Auth } from './constructs/auth.ts';
import { DataTable } from './constructs/data-table.ts';
import { Escalation } from './constructs/escalation.ts';
import { HttpApi } from './constructs/http-api.ts';
import { Observability } from './constructs/observability.ts';
import { Outbox } from './constructs/outbox.ts';
import { acknowledgeNagFindings } from './nag-acknowledgements.ts';

export interface WegoStackProps extends StackProps {
  readonly config: WegoConfig;
}

/** The whole WeGO platform of one stage. */
export class WegoStack extends Stack {
  readonly api: HttpApi;
  readonly data: DataTable;
  readonly outbox: Outbox;
  readonly workflow: ApprovalWorkflow;
  readonly escalation: Escalation;
  readonly observability: Observability;
  readonly cursorKey: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: WegoStackProps) {
    super(scope, id, props);
    const { config } = props;
    const ephemeral = isEphemeralStage(config.stage);
    const logRemovalPolicy = ephemeral ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;

    this.data = new DataTable(this, 'Data', { ephemeral });
    const auth = new Auth(this, 'Auth', { stage: config.stage, ephemeral });
    this.outbox = new Outbox(this, 'Outbox', {
      table: this.data.table,
      senderEmail: config.senderEmail,
      logRemovalPolicy,
    });
    const stepEnvironment = {
      TABLE_NAME: this.data.table.tableName,
      PUBLIC_BASE_URL: config.publicBaseUrl,
      SECRETARIAT_EMAIL: config.secretariatEmail,
    };
    this.workflow = new ApprovalWorkflow(this, 'Approval', {
      stage: config.stage,
      table: this.data.table,
      votingPeriod: Duration.seconds(config.votingPeriodSeconds),
      environment: stepEnvironment,
      logRemovalPolicy,
    });
    // Signs list cursors. CloudFormation resolves the dynamic reference at deploy time: the key is
    // not in the template.
    this.cursorKey = new secretsmanager.Secret(this, 'CursorSigningKey', {
      description: 'HMAC key that makes WeGO list cursors tamper-evident',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: logRemovalPolicy,
    });

    this.escalation = new Escalation(this, 'Escalation', {
      table: this.data.table,
      environment: { ...stepEnvironment, CONTACT_RETENTION_SECONDS: String(config.contactRetentionSeconds) },
      every: Duration.minutes(5),
      logRemovalPolicy,
    });

    this.api = new HttpApi(this, 'Http', {
      stage: config.stage,
      routes,
      userPool: auth.userPool,
      userPoolClient: auth.client,
      table: this.data.table,
      corsOrigins: config.corsOrigins,
      logRemovalPolicy,
      environment: stepEnvironment,
      paginatedEnvironment: { CURSOR_SECRET: this.cursorKey.secretValue.unsafeUnwrap() },
      workflow: {
        stateMachine: this.workflow.stateMachine,
        startEnvironment: {
          STATE_MACHINE_ARN: this.workflow.stateMachine.stateMachineArn,
          VOTING_PERIOD_SECONDS: String(config.votingPeriodSeconds),
        },
      },
    });

    this.observability = new Observability(this, 'Observability', {
      stage: config.stage,
      table: this.data.table,
      http: this.api,
      notifier: this.outbox.notifier,
      workflowFunctions: this.workflow.functions,
      escalation: this.escalation.fn,
      dlq: this.outbox.dlq,
      stateMachine: this.workflow.stateMachine,
      opsEmail: config.opsEmail,
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.url });
    new CfnOutput(this, 'UserPoolId', { value: auth.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: auth.client.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
    new CfnOutput(this, 'EmailDlqUrl', { value: this.outbox.dlq.queueUrl });
    new CfnOutput(this, 'ApprovalStateMachineArn', { value: this.workflow.stateMachine.stateMachineArn });

    acknowledgeNagFindings(this, {
      auth,
      api: this.api,
      outbox: this.outbox,
      workflow: this.workflow,
      escalation: this.escalation,
      observability: this.observability,
      cursorKey: this.cursorKey,
      routes,
    });
  }
}
