import { badRequest, type FieldError, HttpError } from '../shared/problem.ts';
import { requestPhotoOwner } from '../uploads/purposes.ts';
import { type PreparedClaim, prepareClaim, prepareReceived } from '../uploads/uploads.ts';

/**
 * The CPS's interface for a request's photos (with civic.ts; apart from it because it loads the uploads
 * module, which needs the uploads bucket: only functions whose routes declare `uploads` import it).
 * A request's photos, checked and published (uploads/uploads.ts) before the request is written; their
 * claims go in the request's own transaction, so a request and its photos are stored together or not
 * at all. Each photo's fault names its field: `field.<i>`.
 */
export interface RequestPhotos {
  /** Where each photo's fault is named, in order (`body.media.0`, `body.photo1`). */
  readonly paths: readonly string[];
  /** The photos checked and published, or one error naming every photo at fault. */
  readonly prepared: Promise<readonly PreparedClaim[]>;
}

const purpose = 'request-photo';

/** All the photos, or one error naming every photo at fault (400 if any is refused, else 409). */
async function allOrErrors(
  paths: readonly string[],
  prepared: Promise<PreparedClaim>[],
): Promise<readonly PreparedClaim[]> {
  const settled = await Promise.allSettled(prepared);
  const errors: FieldError[] = [];
  let status = 409;
  settled.forEach((s, i) => {
    if (s.status === 'fulfilled') return;
    if (!(s.reason instanceof HttpError)) throw s.reason;
    const path = paths[i] as string;
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

/** Photos uploaded with `POST /cities/{cityId}/request-photos`, by their upload ids (`body.media`). */
export function claimUploadedPhotos(cityId: string, uploadIds: readonly string[]): RequestPhotos {
  const paths = uploadIds.map((_, i) => `body.media.${i}`);
  return {
    paths,
    prepared: allOrErrors(
      paths,
      uploadIds.map((id) => prepareClaim(id, { purpose, owner: requestPhotoOwner(cityId) })),
    ),
  };
}

/**
 * Photos a client sent in its own request's body (an Open311 multipart POST), once `after` (its key's
 * check) has passed: nothing is published for a caller who may not post.
 */
export function receivedPhotos(
  cityId: string,
  files: readonly { readonly bytes: Uint8Array; readonly path: string }[],
  after: Promise<unknown> = Promise.resolve(),
): RequestPhotos {
  const paths = files.map((f) => f.path);
  return {
    paths,
    prepared: after.then(() =>
      allOrErrors(
        paths,
        files.map((f) => prepareReceived(f.bytes, { purpose, owner: requestPhotoOwner(cityId) })),
      ),
    ),
  };
}
