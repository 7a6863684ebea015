import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';

export interface DataTableProps {
  /** Ephemeral stages (dev, test-*) may be destroyed with their data; every other stage keeps it. */
  readonly ephemeral: boolean;
}

/** Generic GSIs of the single table; their meaning per item type is in the README's access patterns. */
export const GSIS = ['gsi1', 'gsi2', 'gsi3'] as const;

/**
 * The single table: `pk`/`sk`, generic GSIs, streams with both images (the email outbox reads them),
 * TTL on `ttl`, point-in-time recovery, and deletion protection outside ephemeral stages.
 */
export class DataTable extends Construct {
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, props: DataTableProps) {
    super(scope, id);
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
      timeToLiveAttribute: 'ttl',
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: !props.ephemeral,
      removalPolicy: props.ephemeral ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
    });
    for (const name of GSIS) {
      this.table.addGlobalSecondaryIndex({
        indexName: name,
        partitionKey: { name: `${name}pk`, type: dynamodb.AttributeType.STRING },
        sortKey: { name: `${name}sk`, type: dynamodb.AttributeType.STRING },
      });
    }
  }
}
