import { createHash, randomUUID } from 'node:crypto';
import { tableName } from '../shared/ddb.ts';
import { ConditionsFailed, type TransactItem, transact } from '../shared/transaction.ts';
import { appUpdateKey } from './keys.ts';
import { updatePut } from './requests.ts';
import type { AppComment, CivicRequest } from './types.ts';

/** A uuid-shaped id from a digest: the same comment of the same app always gets the same update id. */
const uuidOf = (hex: string) =>
  `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;

/**
 * A citizen's comment that a civic app posts to a request (FixMyStreet's Open311 extension,
 * servicerequestupdates): an internal update, which the official in charge and the Secretariat see,
 * marked as from the app. It changes nothing else: the status the app reports is kept, not applied.
 *
 * `appId` names the app (its API key's hash). With the app's own id of the comment, a retry adds
 * nothing and answers the same update id (a marker item, written in the same transaction, holds it).
 */
export async function addAppComment(
  request: Pick<CivicRequest, 'id' | 'cityId' | 'status'>,
  input: { readonly appId: string; readonly note: string; readonly app: AppComment },
  /** The claims of the photos the app sent with it (photos.ts), written with the comment. */
  photoClaims: readonly TransactItem[] = [],
  now = new Date(),
): Promise<{ updateId: string; replayed: boolean }> {
  const { updateId: ownId } = input.app;
  const digest = ownId
    ? createHash('sha256').update(`${request.id}\n${input.appId}\n${ownId}`).digest('hex')
    : undefined;
  const updateId = digest ? uuidOf(digest) : randomUUID();
  const update = updatePut(
    request,
    {
      at: now.toISOString(),
      actor: `app:${input.app.app}`,
      status: request.status,
      note: input.note,
      public: false,
      app: input.app,
    },
    updateId,
  );
  if (!digest) {
    await transact([update, ...photoClaims]);
    return { updateId, replayed: false };
  }
  try {
    await transact([
      {
        Put: {
          TableName: tableName,
          Item: { ...appUpdateKey(request.id, digest), updateId },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      update,
      ...photoClaims,
    ]);
    return { updateId, replayed: false };
  } catch (error) {
    if (error instanceof ConditionsFailed) return { updateId, replayed: true };
    throw error;
  }
}
