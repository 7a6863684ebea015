import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logicalIdOf, resourcesOf, type Synthesized, synthesize } from './support/synth.ts';

/** The knowledge platform's event functions: the indexer on the table stream and the weekly digest. */
let synth: Synthesized;
let ids: { indexer: string; digest: string; dlq: string; schedule: string };

beforeAll(() => {
  synth = synthesize();
  const { knowledge, outbox } = synth.stack;
  ids = {
    indexer: logicalIdOf(knowledge.indexer.fn),
    digest: logicalIdOf(knowledge.digest.fn),
    dlq: logicalIdOf(outbox.dlq),
    schedule: logicalIdOf(knowledge.schedule),
  };
});
afterAll(() => synth?.dispose());

type Statement = { Action: string | string[]; Resource: unknown };
const policiesOf = (functionId: string): Statement[] => {
  const fn = resourcesOf(synth.template, 'AWS::Lambda::Function')[functionId];
  const role = (fn?.Properties?.Role as { 'Fn::GetAtt': [string] } | undefined)?.['Fn::GetAtt'][0];
  return Object.values(resourcesOf(synth.template, 'AWS::IAM::Policy'))
    .filter((p) => ((p.Properties?.Roles ?? []) as { Ref: string }[]).some((r) => r.Ref === role))
    .flatMap(
      (p) => (p.Properties?.PolicyDocument as { Statement: Statement[] } | undefined)?.Statement ?? [],
    );
};
const actionsOf = (functionId: string) => policiesOf(functionId).flatMap((s) => [s.Action].flat());

describe('the knowledge indexer', () => {
  it('gets every change of a published practice (PUB and PUB#<lang> items) from the table stream, with bisection, retries and the DLQ', () => {
    synth.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: ids.indexer },
      StartingPosition: 'TRIM_HORIZON',
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 5,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [ids.dlq, 'Arn'] } } },
      FilterCriteria: {
        Filters: [
          {
            Pattern: Match.serializedJson({
              dynamodb: { Keys: { pk: { S: [{ prefix: 'PRACTICE#' }] }, sk: { S: [{ prefix: 'PUB' }] } } },
            }),
          },
        ],
      },
    });
  });

  it('may translate text (TranslateText only) and use the table item by item, never Scan', () => {
    const actions = actionsOf(ids.indexer);
    expect(actions).toContain('translate:TranslateText');
    expect(actions.filter((a) => a.startsWith('translate:'))).toEqual(['translate:TranslateText']);
    expect(actions).toContain('dynamodb:Query');
    expect(actions).not.toContain('dynamodb:Scan');
  });

  it('keeps the search index under search-index/ of the uploads bucket: objects read, written, deleted there only', () => {
    // Prepare
    const bucket = { 'Fn::ImportValue': 'wego-prod-uploads-bucket' };
    const s3 = policiesOf(ids.indexer).filter((s) => [s.Action].flat().some((a) => a.startsWith('s3:')));
    const env = resourcesOf(synth.template, 'AWS::Lambda::Function')[ids.indexer]?.Properties
      ?.Environment as {
      Variables: Record<string, unknown>;
    };

    // Assess
    expect(s3).toEqual([
      expect.objectContaining({
        Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        Resource: {
          'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::', bucket, '/search-index/*']],
        },
      }),
    ]);
    expect(env.Variables.SEARCH_INDEX_BUCKET).toEqual(bucket);
  });

  it('is the only function that may call Amazon Translate', () => {
    for (const id of Object.keys(resourcesOf(synth.template, 'AWS::Lambda::Function'))) {
      if (id === ids.indexer) continue;
      expect(
        actionsOf(id).filter((a) => a.startsWith('translate:')),
        id,
      ).toEqual([]);
    }
  });
});

describe('the weekly digest', () => {
  it('runs the digest function once a week with retries', () => {
    const rule = resourcesOf(synth.template, 'AWS::Events::Rule')[ids.schedule];
    expect(rule?.Properties?.ScheduleExpression).toBe('rate(7 days)');
    expect(rule?.Properties?.Targets).toEqual([
      expect.objectContaining({
        Arn: { 'Fn::GetAtt': [ids.digest, 'Arn'] },
        RetryPolicy: expect.objectContaining({ MaximumRetryAttempts: 2 }),
      }),
    ]);
  });

  it('sends through the outbox only: no SES permission', () => {
    expect(actionsOf(ids.digest).filter((a) => a.startsWith('ses:'))).toEqual([]);
    expect(actionsOf(ids.digest)).toContain('dynamodb:PutItem');
  });
});
