import { cps } from '../cps/civic.ts';
import { receivedPhotos } from '../cps/photos.ts';
import type { CivicRequest } from '../cps/types.ts';
import type { ReceivedFile } from '../shared/multipart.ts';
import { HttpError } from '../shared/problem.ts';
import { checkPlainQuery } from './filters.ts';
import { apiKeyOf, attributePath, parsePostForm, parseUpdateForm, type RawForm } from './form.ts';
import { type Format, open311NotFound, open311Response } from './format.ts';
import { type VerifiedKey, verifyKey } from './keys.ts';
import { jurisdiction } from './store.ts';
import { createdEntry, postedUpdateEntry } from './views.ts';

/**
 * The two POSTs of the Open311 endpoint: GeoReport v2's service request, and FixMyStreet's comment
 * (servicerequestupdates). Both take the city's api_key (in the body or the query string) and answer
 * where and who may post before what they posted: 404, then 403, then the form's 400. Each is 2
 * sequential round trips: the reads together, then one transaction.
 */
type Query = Record<string, string | undefined>;

/** The key a POST sends, checked: 403 when it is missing or is not one of this city's. */
function keyOf(cityId: string, body: RawForm, query: Query, what: string) {
  const apiKey = apiKeyOf(body, query);
  if (!apiKey) throw new HttpError(403, `api_key is missing -- can't proceed with ${what}`);
  return verifyKey(cityId, apiKey).then((key) => {
    if (!key) throw new HttpError(403, `Invalid api_key received -- can't proceed with ${what}`);
    return key;
  });
}

/** The values of the reads, or the first of their errors in the order given. */
async function inOrder<T extends readonly unknown[]>(reads: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(reads);
  for (const read of settled) if (read.status === 'rejected') throw read.reason;
  return settled.map((read) => (read as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

/** Where and who may post come before what they posted: 404, then 403, then the form's 400. */
async function parsedAfterChecks<T>(parse: () => T, checks: () => readonly Promise<unknown>[]): Promise<T> {
  try {
    return parse();
  } catch (error) {
    await inOrder(checks());
    throw error;
  }
}

/** Field errors of the CPS named as the form names them (`attribute[code]`). */
function asFormError(error: unknown): unknown {
  if (!(error instanceof HttpError) || !error.errors) return error;
  return new HttpError(
    error.status,
    error.detail,
    error.errors.map((e) => ({ ...e, path: attributePath(e.path) })),
  );
}

export async function postServiceRequest(
  cityId: string,
  format: Format,
  body: RawForm,
  query: Query,
  files: readonly ReceivedFile[] = [],
) {
  const keyChecked = keyOf(cityId, body, query, 'create_request');
  // A rejection is read later (in cps.file, or below): never left unhandled meanwhile.
  keyChecked.catch(() => undefined);
  checkPlainQuery(query);
  const posted = await parsedAfterChecks(
    () => parsePostForm(body),
    () => [jurisdiction(cityId), keyChecked],
  );
  // Photos sent in a multipart body are checked and stored once the key is (no DynamoDB read of theirs).
  const photos = files.length > 0 ? receivedPhotos(cityId, files, keyChecked) : undefined;
  // The key is checked alongside the routing read (the city, its services and rules): one round trip.
  const request = await cps.file(cityId, posted.request, keyChecked, photos).catch((error: unknown) => {
    if (error instanceof HttpError && error.errors?.some((e) => e.path === 'body.service')) {
      throw open311NotFound(`service_code ${posted.request.service} was not found`);
    }
    // No city, or not a member (now, or by the time of the write): no jurisdiction.
    if (error instanceof HttpError && (error.status === 404 || error.status === 409))
      throw open311NotFound(`jurisdiction ${cityId} was not found`);
    throw asFormError(error);
  });
  return open311Response(201, format, 'service_requests', [createdEntry(request, posted.accountId)], {
    location: `/open311/v2/${cityId}/requests/${request.id}.${format}`,
  });
}

/** FixMyStreet's POST servicerequestupdates: a citizen's comment on a request, for its official. */
export async function postComment(
  cityId: string,
  format: Format,
  body: RawForm,
  query: Query,
  files: readonly ReceivedFile[] = [],
) {
  const keyChecked = keyOf(cityId, body, query, 'post_service_request_update');
  keyChecked.catch(() => undefined);
  checkPlainQuery(query);
  const posted = await parsedAfterChecks(
    () => parseUpdateForm(body, files.length),
    () => [jurisdiction(cityId), keyChecked],
  );
  const photos = files.length > 0 ? receivedPhotos(cityId, files, keyChecked) : undefined;
  photos?.prepared.catch(() => undefined);
  // The city, the key and the request in one round trip; the comment's write is the second.
  const [, key, [request]] = await inOrder<[unknown, VerifiedKey, CivicRequest[]]>([
    jurisdiction(cityId),
    keyChecked,
    cps.requestsById(cityId, [posted.requestId]),
  ]);
  if (!request) throw open311NotFound(`service_request_id ${posted.requestId} was not found`);
  const claims = (await photos?.prepared) ?? [];
  const sentUrls = posted.comment.mediaUrls ?? [];
  const mediaUrls = [...sentUrls, ...claims.flatMap((c) => (c.upload.url ? [c.upload.url] : []))];
  const { updateId, replayed } = await cps.comment(
    request,
    {
      appId: key.hash,
      note: posted.note,
      app: {
        app: key.label ?? 'an Open311 app',
        ...posted.comment,
        ...(mediaUrls.length > 0 ? { mediaUrls } : {}),
      },
    },
    claims.map((c) => c.claim),
  );
  return open311Response(replayed ? 200 : 201, format, 'service_request_updates', [
    postedUpdateEntry(updateId, posted.accountId),
  ]);
}
