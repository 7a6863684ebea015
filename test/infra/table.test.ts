import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resourcesOf, type Synthesized, synthesize } from './support/synth.ts';

const TABLE = 'AWS::DynamoDB::Table';

let prod: Synthesized;
let dev: Synthesized;

beforeAll(() => {
  prod = synthesize({ stage: 'prod' });
  dev = synthesize({ stage: 'dev' });
});

afterAll(() => {
  prod?.dispose();
  dev?.dispose();
});

/** The table lives in the stateful stack: a release of the functions never replaces it. */
describe('the single table', () => {
  it('is the only table, keyed by pk (hash) and sk (range), both strings', () => {
    // Assess
    expect(Object.keys(resourcesOf(prod.dataTemplate, TABLE))).toHaveLength(1);
    prod.dataTemplate.hasResourceProperties(TABLE, {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: Match.arrayWith([
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ]),
      BillingMode: 'PAY_PER_REQUEST',
    });
  });

  it('has the generic indexes gsi1..gsi3, each keyed by gsiNpk/gsiNsk and projecting all attributes', () => {
    // Prepare
    const expected = ['gsi1', 'gsi2', 'gsi3'].map((name) => ({
      IndexName: name,
      KeySchema: [
        { AttributeName: `${name}pk`, KeyType: 'HASH' },
        { AttributeName: `${name}sk`, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    }));

    // Assess
    prod.dataTemplate.hasResourceProperties(TABLE, {
      GlobalSecondaryIndexes: expected,
      AttributeDefinitions: Match.arrayWith(
        ['gsi1', 'gsi2', 'gsi3'].flatMap((name) => [
          { AttributeName: `${name}pk`, AttributeType: 'S' },
          { AttributeName: `${name}sk`, AttributeType: 'S' },
        ]),
      ),
    });
  });

  it('streams new and old images, for the email outbox', () => {
    prod.dataTemplate.hasResourceProperties(TABLE, {
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
  });

  it('expires items through the ttl attribute', () => {
    prod.dataTemplate.hasResourceProperties(TABLE, {
      TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
    });
  });

  it('has point-in-time recovery and encryption at rest', () => {
    prod.dataTemplate.hasResourceProperties(TABLE, {
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
    });
  });

  it('is protected from deletion and retained by CloudFormation on a non-dev stage', () => {
    prod.dataTemplate.hasResource(TABLE, {
      Properties: Match.objectLike({ DeletionProtectionEnabled: true }),
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  it('may be destroyed with its data on the dev stage', () => {
    // Prepare
    const [table] = Object.values(resourcesOf(dev.dataTemplate, TABLE));

    // Assess
    expect(table?.DeletionPolicy).toBe('Delete');
    expect(table?.UpdateReplacePolicy).toBe('Delete');
    expect(table?.Properties?.DeletionProtectionEnabled).not.toBe(true);
  });

  it('keeps point-in-time recovery and streams on the dev stage too', () => {
    dev.dataTemplate.hasResourceProperties(TABLE, {
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
  });
});
