import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { isEphemeralStage, type WegoConfig } from './config.ts';
import { Auth } from './constructs/auth.ts';
import { DataTable } from './constructs/data-table.ts';
import { Mail } from './constructs/mail.ts';
import { Uploads } from './constructs/uploads.ts';
import { acknowledgeDataFindings } from './nag-acknowledgements.ts';

/** The exports of a stage's stateful stack, imported by its stateless one. */
export const dataExportNames = (stage: string) => ({
  tableArn: `wego-${stage}-table-arn`,
  tableStreamArn: `wego-${stage}-table-stream-arn`,
  userPoolId: `wego-${stage}-user-pool-id`,
  userPoolClientId: `wego-${stage}-user-pool-client-id`,
  signInUrl: `wego-${stage}-sign-in-url`,
  cursorKeyArn: `wego-${stage}-cursor-key-arn`,
  configurationSetName: `wego-${stage}-ses-configuration-set`,
  senderIdentityName: `wego-${stage}-ses-sender-identity`,
  uploadsBucketName: `wego-${stage}-uploads-bucket`,
});

export interface WegoDataStackProps extends StackProps {
  readonly config: WegoConfig;
}

/**
 * The stateful half of a stage: what a release of the code must never replace or lose. The table,
 * the staff user pool, the cursor signing key, the sending identity and the uploads bucket. Outside dev and test stages
 * the stack has termination protection and its resources are retained.
 */
export class WegoDataStack extends Stack {
  readonly data: DataTable;
  readonly auth: Auth;
  readonly mail: Mail;
  readonly uploads: Uploads;
  readonly cursorKey: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: WegoDataStackProps) {
    const ephemeral = isEphemeralStage(props.config.stage);
    super(scope, id, { ...props, terminationProtection: !ephemeral });
    const { config } = props;

    this.data = new DataTable(this, 'Data', { ephemeral });
    this.auth = new Auth(this, 'Auth', { stage: config.stage, ephemeral, siteUrl: config.publicBaseUrl });
    this.mail = new Mail(this, 'Mail', { senderEmail: config.senderEmail, ephemeral });
    this.uploads = new Uploads(this, 'Uploads', {
      ephemeral,
      siteOrigin: new URL(config.publicBaseUrl).origin,
    });
    // Signs list cursors. CloudFormation resolves the dynamic reference at deploy time: the key is
    // not in the template.
    this.cursorKey = new secretsmanager.Secret(this, 'CursorSigningKey', {
      description: 'HMAC key that makes WeGO list cursors tamper-evident',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: ephemeral ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    });

    // What the stateless stack imports, under names that say what they are.
    const names = dataExportNames(config.stage);
    const exported: Record<keyof typeof names, string> = {
      tableArn: this.data.table.tableArn,
      tableStreamArn: this.data.table.tableStreamArn ?? '',
      userPoolId: this.auth.userPool.userPoolId,
      userPoolClientId: this.auth.client.userPoolClientId,
      signInUrl: this.auth.domain.baseUrl(),
      cursorKeyArn: this.cursorKey.secretArn,
      configurationSetName: this.mail.configurationSet.configurationSetName,
      senderIdentityName: this.mail.identity.emailIdentityName,
      uploadsBucketName: this.uploads.bucket.bucketName,
    };
    for (const [key, value] of Object.entries(exported)) {
      new CfnOutput(this, key[0]?.toUpperCase() + key.slice(1), {
        value,
        exportName: names[key as keyof typeof names],
      });
    }

    acknowledgeDataFindings(this, { auth: this.auth, cursorKey: this.cursorKey });
  }
}
