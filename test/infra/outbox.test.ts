import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deploymentContext,
  logicalIdOf,
  refId,
  resourcesOf,
  type Synthesized,
  synthesize,
} from './support/synth.ts';

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
  const { outbox, data } = synth.stack;
  ids = {
    table: logicalIdOf(data.table),
    notifier: logicalIdOf(outbox.notifier.fn),
    notifierRole: logicalIdOf(outbox.notifier.fn.role ?? outbox.notifier),
    dlq: logicalIdOf(outbox.dlq),
    identity: logicalIdOf(outbox.node.findChild('SenderIdentity')),
    configSet: logicalIdOf(outbox.configurationSet),
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

/** The ARN CloudFormation builds for an SES resource of this stack: arn:<partition>:ses:<region>:<account>:<kind>/<name>. */
const sesArn = (kind: string, logicalId: string) => ({
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
      { Ref: logicalId },
    ],
  ],
});

describe('the email outbox stream mapping', () => {
  it('feeds the table stream to the notifier from the oldest record, with bisection and bounded retries', () => {
    synth.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [ids.table, 'StreamArn'] },
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
      (s) => JSON.stringify(s.Resource) === JSON.stringify(sesArn('identity', ids.identity)),
    );

    // Assess
    expect(statement?.Effect).toBe('Allow');
    expect(statement && actionsOf(statement)).toContain('ses:SendEmail');
  });

  it('may send email through the configuration set, which SES authorizes on every SendEmail', () => {
    // Act
    const statement = notifierStatements().find(
      (s) => JSON.stringify(s.Resource) === JSON.stringify(sesArn('configuration-set', ids.configSet)),
    );

    // Assess
    expect(statement?.Effect).toBe('Allow');
    expect(statement && actionsOf(statement)).toContain('ses:SendEmail');
  });

  it('may not send email from any other identity', () => {
    const sesStatements = notifierStatements().filter((s) => actionsOf(s).some((a) => a.startsWith('ses:')));
    expect(sesStatements.length).toBeGreaterThan(0);
    for (const s of sesStatements) expect(s.Resource).not.toBe('*');
  });

  it('gets the sender, the configuration set and the table from its environment', () => {
    synth.template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          TABLE_NAME: { Ref: ids.table },
          SENDER_EMAIL: deploymentContext.senderEmail,
          SES_CONFIGURATION_SET: { Ref: ids.configSet },
        }),
      },
    });
  });

  it('sends through a verified sender identity attached to the configuration set', () => {
    synth.template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: deploymentContext.senderEmail,
      ConfigurationSetAttributes: { ConfigurationSetName: { Ref: ids.configSet } },
    });
  });
});

describe('the staff user pool', () => {
  it('has one group per role: secretariat, committee, official', () => {
    // Prepare
    const poolId = logicalIdOf(synth.stack.node.findChild('Auth').node.findChild('UserPool'));

    // Act
    const groups = Object.values(resourcesOf(synth.template, 'AWS::Cognito::UserPoolGroup')).map((g) => ({
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
    const [pool] = Object.values(resourcesOf(synth.template, 'AWS::Cognito::UserPool'));
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
    synth.template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    });
  });

  // Known gap (see the report): without an `oAuth` setting, CDK enables the implicit and code grants
  // with the placeholder callback https://example.com. There is no hosted UI domain today, but adding
  // one would send tokens to a domain WeGO does not own. Remove `.fails` once the client disables OAuth.
  it('has an API client with no OAuth grant and no placeholder callback URL', () => {
    const [client] = Object.values(resourcesOf(synth.template, 'AWS::Cognito::UserPoolClient'));
    expect(client?.Properties?.AllowedOAuthFlows ?? []).toEqual([]);
    expect(client?.Properties?.CallbackURLs ?? []).not.toContain('https://example.com');
  });
});
