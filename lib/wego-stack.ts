import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { routes } from '../functions/routes.ts';
import { isEphemeralStage, type WegoConfig } from './config.ts';
import { Auth } from './constructs/auth.ts';
import { DataTable } from './constructs/data-table.ts';
import { HttpApi } from './constructs/http-api.ts';
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
    this.api = new HttpApi(this, 'Http', {
      stage: config.stage,
      routes,
      userPool: auth.userPool,
      userPoolClient: auth.client,
      table: this.data.table,
      corsOrigins: config.corsOrigins,
      logRemovalPolicy,
      environment: {
        TABLE_NAME: this.data.table.tableName,
        PUBLIC_BASE_URL: config.publicBaseUrl,
        SECRETARIAT_EMAIL: config.secretariatEmail,
      },
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.url });
    new CfnOutput(this, 'UserPoolId', { value: auth.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: auth.client.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
    new CfnOutput(this, 'EmailDlqUrl', { value: this.outbox.dlq.queueUrl });

    acknowledgeNagFindings(this, { auth, api: this.api, outbox: this.outbox, routes });
  }
}
