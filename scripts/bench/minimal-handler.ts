/**
 * The benchmark's floor: the smallest useful Lambda with the same SDK as the WeGO functions. One
 * DynamoDB GetItem through @aws-sdk/lib-dynamodb (+ client-dynamodb), client at module scope, an API
 * Gateway v2 proxy answer. scripts/bench.ts bundles it with the options of lib/constructs/wego-function.ts.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

const tableName = process.env.TABLE_NAME;
if (!tableName) throw new Error('TABLE_NAME is not set');
const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async (event: { pathParameters?: Record<string, string> }) => {
  const id = event.pathParameters?.id ?? 'minimal';
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: tableName, Key: { pk: `BENCH#${id}`, sk: 'ITEM' } }),
  );
  return {
    statusCode: Item ? 200 : 404,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(Item ?? { message: 'Not Found' }),
  };
};
