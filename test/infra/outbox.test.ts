import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataExportNames } from '../../lib/data-stack.ts';
import {
  deploymentContext,
  exportedValue,
  importedTableName,
  logicalIdOf,
  refId,
  resourcesOf,
  type Synthesized,
  synthesize,
} from './support/synth.ts';

/** The stateful stack's exports the outbox imports: the table stream and the SES identity and set. */
const names = dataExportNames(deploymentContext.stage);
const imported = (name: string) => ({ 'Fn::ImportValue': name });

let synth: Synthesized;
let ids: {
  table: string;
  notifier: string;
  notifierRole: string;
  dlq: string;
  identity: string;
  configSet: string;
};

beforeAll(() => {
  synth = synthesize();
  const { outbox } = synth.stack;
  const { data, mail } = synth.data;
  ids = {
    table: logicalIdOf(data.table),
    notifier: logicalIdOf(outbox.notifier.fn),
    notifierRole: logicalIdOf(outbox.notifier.fn.role ?? outbox.notifier),
    dlq: logicalIdOf(outbox.dlq),
    identity: logicalIdOf(mail.identity),
    configSet: logicalIdOf(mail.configurationSet),
  };
});

afterAll(() => synth?.dispose());

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
  Principal?: unknown;
}

const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);

function notifierStatements(): Statement[] {
  return Object.values(resourcesOf(synth.template, 'AWS::IAM::Policy'))
    .filter((p) => ((p.Properties?.Roles ?? []) as unknown[]).some((r) => refId(r) === ids.notifierRole))
    .flatMap(
      (p) => (p.Properties?.PolicyDocument as { Statement: Statement[] } | undefined)?.Statement ?? [],
    );
}

/**
 * The ARN the stateless stack builds for an SES resource of the stateful one, from the name it
 * imports: arn:<partition>:ses:<region>:<account>:<kind>/<name>.
 */
const sesArn = (kind: string, exportName: string) => ({
  'Fn::Join': [
    '',
    [
      'arn:',
      { Ref: 'AWS::Partition' },
      ':ses:',
      { Ref: 'AWS::Region' },
      ':',
      { Ref: 'AWS::AccountId' },
      `:${kind}/`,
      imported(exportName),
    ],
  ],
});

describe('the email outbox stream mapping', () => {
  it('feeds the table stream to the notifier from the oldest record, with bisection and bounded retries', () => {
    // The stream is the stateful stack's table's, imported by its export.
    expect(exportedValue(synth.dataTemplate, names.tableStreamArn)).toEqual({
      'Fn::GetAtt': [ids.table, 'StreamArn'],
    });
    synth.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: imported(names.tableStreamArn),
      FunctionName: { Ref: ids.notifier },
      StartingPosition: 'TRIM_HORIZON',
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 5,
      MaximumRecordAgeInSeconds: 24 * 60 * 60,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('sends the records that fail for good to the SQS DLQ', () => {
    synth.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: ids.notifier },
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [ids.dlq, 'Arn'] } } },
    });
  });

  it('delivers only INSERTs of items whose pk starts with OUTBOX#', () => {
    synth.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: ids.notifier },
      FilterCriteria: {
        Filters: [
          {
            Pattern: Match.serializedJson({
              eventName: ['INSERT'],
              dynamodb: { Keys: { pk: { S: [{ prefix: 'OUTBOX#' }] } } },
            }),
          },
        ],
      },
    });
  });
});

describe('the outbox DLQ', () => {
  it('is encrypted with SQS-managed keys', () => {
    const queue = resourcesOf(synth.template, 'AWS::SQS::Queue')[ids.dlq];
    expect(queue?.Properties?.SqsManagedSseEnabled).toBe(true);
  });

  it('refuses every request that does not use TLS', () => {
    synth.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: ids.dlq }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: 'sqs:*',
            Resource: { 'Fn::GetAtt': [ids.dlq, 'Arn'] },
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ]),
      },
    });
  });

  it('keeps failed emails for the longest retention SQS allows', () => {
    expect(resourcesOf(synth.template, 'AWS::SQS::Queue')[ids.dlq]?.Properties?.MessageRetentionPeriod).toBe(
      14 * 24 * 60 * 60,
    );
  });
});

describe('the notifier', () => {
  it('may send email from the sender identity', () => {
    // Act
    const statement = notifierStatements().find(
      (s) => JSON.stringify(s.Resource) === JSON.stringify(sesArn('identity', names.senderIdentityName)),
    );

    // Assess: the imported name is the stateful stack's identity.
    expect(exportedValue(synth.dataTemplate, names.senderIdentityName)).toEqual({ Ref: ids.identity });
    expect(statement?.Effect).toBe('Allow');
    expect(statement && actionsOf(statement)).toContain('ses:SendEmail');
  });

  it('may send email through the configuration set, which SES authorizes on every SendEmail', () => {
    // Act
    const statement = notifierStatements().find(
      (s) =>
        JSON.stringify(s.Resource) ===
        JSON.stringify(sesArn('configuration-set', names.configurationSetName)),
    );

    // Assess: the imported name is the stateful stack's configuration set.
    expect(exportedValue(synth.dataTemplate, names.configurationSetName)).toEqual({ Ref: ids.configSet });
    expect(statement?.Effect).toBe('Allow');
    expect(statement && actionsOf(statement)).toContain('ses:SendEmail');
  });

  it('may not send email from any other identity', () => {
    const sesStatements = notifierStatements().filter((s) => actionsOf(s).some((a) => a.startsWith('ses:')));
    expect(sesStatements.length).toBeGreaterThan(0);
    for (const s of sesStatements) expect(s.Resource).not.toBe('*');
  });

  it('gets the sender, the configuration set and the table from its environment', () => {
    const notifier = resourcesOf(synth.template, 'AWS::Lambda::Function')[ids.notifier];
    expect(notifier?.Properties?.Environment).toEqual({
      Variables: expect.objectContaining({
        TABLE_NAME: importedTableName(names.tableArn),
        SENDER_EMAIL: deploymentContext.senderEmail,
        SES_CONFIGURATION_SET: imported(names.configurationSetName),
      }),
    });
  });

  it('sends through a verified sender identity attached to the configuration set', () => {
    synth.dataTemplate.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: deploymentContext.senderEmail,
      ConfigurationSetAttributes: { ConfigurationSetName: { Ref: ids.configSet } },
    });
  });
});

describe('the staff user pool', () => {
  it('has one group per role: secretariat, committee, official', () => {
    // Prepare
    const poolId = logicalIdOf(synth.data.auth.userPool);

    // Act
    const groups = Object.values(resourcesOf(synth.dataTemplate, 'AWS::Cognito::UserPoolGroup')).map((g) => ({
      name: g.Properties?.GroupName,
      pool: g.Properties?.UserPoolId,
    }));

    // Assess
    expect(groups).toEqual(
      expect.arrayContaining(
        ['secretariat', 'committee', 'official'].map((name) => ({ name, pool: { Ref: poolId } })),
      ),
    );
  });

  it('asks for passwords of at least 12 characters with every character class', () => {
    // Act
    const [pool] = Object.values(resourcesOf(synth.dataTemplate, 'AWS::Cognito::UserPool'));
    const policy = (pool?.Properties?.Policies as { PasswordPolicy?: Record<string, unknown> } | undefined)
      ?.PasswordPolicy;

    // Assess
    expect(policy?.MinimumLength).toBeGreaterThanOrEqual(12);
    expect(policy).toMatchObject({
      RequireLowercase: true,
      RequireUppercase: true,
      RequireNumbers: true,
      RequireSymbols: true,
    });
  });

  it('lets only an administrator create users (no self sign-up)', () => {
    synth.dataTemplate.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    });
  });

  // Without disableOAuth, CDK enables the implicit and code grants with the placeholder callback
  // https://example.com: a hosted UI domain added later would send tokens to a domain WeGO does not own.
  it("has one client for the site's sign-in: the code flow only, back to the site, no secret and no placeholder URL", () => {
    const clients = Object.values(resourcesOf(synth.dataTemplate, 'AWS::Cognito::UserPoolClient'));
    expect(clients).toHaveLength(1);
    const props = clients[0]?.Properties ?? {};
    expect(props.AllowedOAuthFlows).toEqual(['code']);
    expect(props.GenerateSecret ?? false).toBe(false);
    const callbacks = props.CallbackURLs as string[];
    const logouts = props.LogoutURLs as string[];
    expect(callbacks).not.toContain('https://example.com');
    expect(callbacks.every((u) => u.endsWith('/auth/callback'))).toBe(true);
    expect(logouts.every((u) => u.endsWith('/auth/signed-out'))).toBe(true);
  });
});
