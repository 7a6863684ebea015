import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import { dynamo, tableName } from './ddb.ts';

/**
 * Powertools idempotency on the single table: records live at
 * pk `IDEMPOTENCY#<route>` / sk `<hash of the key>` and expire through the table's TTL attribute.
 * The key is the `Idempotency-Key` header; the path and body are hashed too, so reusing a key
 * with another path or body is refused instead of answering the wrong thing. No header: the request is not deduplicated.
 */
export function idempotencyMiddleware(routeName: string) {
  const persistenceStore = new DynamoDBPersistenceLayer({
    tableName,
    awsSdkV3Client: dynamo,
    keyAttr: 'pk',
    sortKeyAttr: 'sk',
    staticPkValue: `IDEMPOTENCY#${routeName}`,
    expiryAttr: 'ttl',
  });
  const config = new IdempotencyConfig({
    eventKeyJmesPath: 'headers."idempotency-key"',
    // The path is part of what a key promises: the same key on another city's route is a 409, not its answer.
    payloadValidationJmesPath: '[rawPath, body]',
    throwOnNoIdempotencyKey: false,
    expiresAfterSeconds: 24 * 60 * 60,
  });
  return makeHandlerIdempotent({ persistenceStore, config });
}
