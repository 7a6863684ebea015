import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { requireEnv } from './env.ts';

/** Created once per cold start; the endpoint comes from AWS_ENDPOINT_URL_DYNAMODB when set (local stack). */
export const dynamo = new DynamoDBClient({});
export const ddb = DynamoDBDocumentClient.from(dynamo, {
  marshallOptions: { removeUndefinedValues: true },
});
export const tableName = requireEnv('TABLE_NAME');
