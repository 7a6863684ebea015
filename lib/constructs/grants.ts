import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as iam from 'aws-cdk-lib/aws-iam';

/**
 * Item-level access to the single table and its indexes: everything the code does (get, query,
 * write, transact) and nothing it must not (Scan, table administration).
 */
export function grantItemAccess(table: dynamodb.ITable, grantee: iam.IGrantable): iam.Grant {
  return table.grant(
    grantee,
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:BatchWriteItem',
    'dynamodb:ConditionCheckItem',
    'dynamodb:DescribeTable',
  );
}
