import { createHash, randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ddb, tableName } from './ddb.ts';
import { badRequest, conflict } from './problem.ts';

/**
 * The `Idempotency-Key` of creating POSTs, on the single table: pk `IDEMPOTENCY#<route>`,
 * sk `<sha256 of caller and key>`. The first request with a key takes the record (a conditional put),
 * runs, and stores its answer; a retry with the same key and the same request gets that answer again,
 * with another request a 409, and while the first still runs a 409 "in progress".
 *
 * Written here rather than with Powertools' middy middleware, whose error hook deleted records it had
 * refused (a mismatched payload, a request in progress), so the next retry created a second record
 * (powertools-lambda-typescript#5675). The rule this module keeps: only the invocation that took a
 * record may delete it, and only when its own work failed.
 */
export interface IdempotentRequest {
  readonly route: string;
  /** The `Idempotency-Key` header; no key, no deduplication. */
  readonly key: string | undefined;
  /** Who asks: a key is private to its caller, so nobody replays another person's answer. */
  readonly caller: string;
  /** What the key promises: the path and the validated body. Reused with anything else is a 409. */
  readonly payload: unknown;
  /** How long the work may take (the function's remaining time): a record left in progress longer was abandoned. */
  readonly remainingMs: number;
}

export interface StoredResponse {
  statusCode: number;
  headers?: Record<string, string>;
  body?: string;
  isBase64Encoded?: boolean;
}

/** A day, as clients retry for: after that the key may be used again. */
const EXPIRES_AFTER_SECONDS = 24 * 60 * 60;
/** Printable ASCII, as Stripe and the IETF draft use: a UUID fits easily. */
const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export async function idempotent(
  request: IdempotentRequest,
  run: () => Promise<StoredResponse>,
  now = Date.now(),
): Promise<StoredResponse> {
  if (request.key === undefined) return run();
  if (!KEY_SHAPE.test(request.key)) {
    throw badRequest('The Idempotency-Key header must be 1-255 printable ASCII characters', [
      { path: 'header.idempotency-key', message: 'must be 1-255 printable ASCII characters' },
    ]);
  }
  const key = { pk: `IDEMPOTENCY#${request.route}`, sk: sha256(`${request.caller}\n${request.key}`) };
  const payloadHash = sha256(JSON.stringify(request.payload));
  const owner = randomUUID();
  try {
    await ddb.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...key,
          status: 'IN_PROGRESS',
          owner,
          payloadHash,
          inProgressUntil: now + request.remainingMs,
          ttl: Math.floor(now / 1000) + EXPIRES_AFTER_SECONDS,
        },
        // Free, expired (TTL deletes late), or abandoned by an invocation that ran out of time.
        ConditionExpression:
          'attribute_not_exists(pk) OR #ttl < :nowSeconds OR (#status = :inProgress AND inProgressUntil < :now)',
        ExpressionAttributeNames: { '#ttl': 'ttl', '#status': 'status' },
        ExpressionAttributeValues: {
          ':nowSeconds': Math.floor(now / 1000),
          ':inProgress': 'IN_PROGRESS',
          ':now': now,
        },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    return replay(error.Item as Record<string, { S?: string; N?: string }> | undefined, payloadHash);
  }

  let response: StoredResponse;
  try {
    response = await run();
  } catch (error) {
    // The work failed and wrote nothing: free the key so a retry can run, unless it is no longer ours.
    await ddb
      .send(
        new DeleteCommand({
          TableName: tableName,
          Key: key,
          ConditionExpression: '#owner = :owner',
          ExpressionAttributeNames: { '#owner': 'owner' },
          ExpressionAttributeValues: { ':owner': owner },
        }),
      )
      .catch(() => undefined); // left in progress, it expires with inProgressUntil
    throw error;
  }
  await ddb
    .send(
      new UpdateCommand({
        TableName: tableName,
        Key: key,
        UpdateExpression: 'SET #status = :completed, #response = :response REMOVE inProgressUntil',
        ConditionExpression: '#owner = :owner',
        ExpressionAttributeNames: { '#status': 'status', '#response': 'response', '#owner': 'owner' },
        ExpressionAttributeValues: {
          ':completed': 'COMPLETED',
          ':response': JSON.stringify(response),
          ':owner': owner,
        },
      }),
    )
    // The work is done: a failure to remember the answer must not turn it into an error.
    .catch(() => undefined);
  return response;
}

/** The answer to a request whose key is taken: the first answer, or why there is none. */
function replay(
  existing: Record<string, { S?: string; N?: string }> | undefined,
  payloadHash: string,
): StoredResponse {
  if (existing?.payloadHash?.S !== payloadHash) {
    throw conflict('This Idempotency-Key was already used with a different request');
  }
  const stored = existing.status?.S === 'COMPLETED' ? existing.response?.S : undefined;
  if (stored === undefined) throw conflict('A request with this Idempotency-Key is still in progress');
  const response = JSON.parse(stored) as StoredResponse;
  return { ...response, headers: { ...response.headers, 'idempotent-replayed': 'true' } };
}
