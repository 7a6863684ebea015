import { badRequest, type FieldError, HttpError } from '../shared/problem.ts';
import { requestPhotoOwner } from '../uploads/purposes.ts';
import { type PreparedClaim, prepareClaim, prepareReceived } from '../uploads/uploads.ts';

/**
 * A request's photos, checked and published (uploads/uploads.ts) before the request is written; their
 * claims go in the request's own transaction, so a request and its photos are stored together or not
 * at all. Each photo's fault names its field: `field.<i>`.
 */
export type RequestPhotos = Promise<readonly PreparedClaim[]>;

const purpose = 'request-photo';

/** All the photos, or one error naming every photo at fault (400 if any is refused, else 409). */
async function allOrErrors(field: string, prepared: Promise<PreparedClaim>[]): RequestPhotos {
  const settled = await Promise.allSettled(prepared);
  const errors: FieldError[] = [];
  let status = 409;
  settled.forEach((s, i) => {
    if (s.status === 'fulfilled') return;
    if (!(s.reason instanceof HttpError)) throw s.reason;
    const path = `${field}.${i}`;
    // Another city's or purpose's upload is as unknown as a missing one: a bad reference, not a missing page.
    if (s.reason.status !== 409) status = 400;
    const said = s.reason.errors?.map((e) => e.message) ?? [];
    errors.push({
      path,
      message:
        s.reason.status === 404
          ? `is not a photo uploaded for this city's requests`
          : said.length > 0
            ? said.join('; ')
            : s.reason.detail,
    });
  });
  if (errors.length === 0) return settled.map((s) => (s as PromiseFulfilledResult<PreparedClaim>).value);
  throw status === 400
    ? badRequest('Some photos cannot be attached', errors)
    : new HttpError(409, 'Some photos cannot be attached', errors);
}

/** Photos uploaded with `POST /cities/{cityId}/request-photos`, by their upload ids. */
export const claimUploadedPhotos = (cityId: string, uploadIds: readonly string[], field = 'body.media') =>
  allOrErrors(
    field,
    uploadIds.map((id) => prepareClaim(id, { purpose, owner: requestPhotoOwner(cityId) })),
  );

/** Photos a client sent in its own request's body (an Open311 multipart POST). */
export const receivedPhotos = (cityId: string, files: readonly Uint8Array[], field: string) =>
  allOrErrors(
    field,
    files.map((bytes) => prepareReceived(bytes, { purpose, owner: requestPhotoOwner(cityId) })),
  );
