import { tableName } from '../shared/ddb.ts';
import { badRequest, conflict, HttpError } from '../shared/problem.ts';
import { ConditionsFailed, transact, updateOf } from '../shared/transaction.ts';
import {
  DOWNLOAD_EXPIRES_SECONDS,
  downloadUrl,
  type PresignedUpload,
  prepareClaim,
  presignUpload,
} from '../uploads/uploads.ts';
import type { Application } from './application.ts';
import type { Draft } from './draft-schema.ts';
import { type DraftItem, read, stillOpen, view } from './drafts.ts';
import { draftKey } from './keys.ts';
import type { StoredSignedForm } from './store.ts';

/**
 * The signed Membership Application Form, a PDF uploaded straight to S3 (functions/uploads/, purpose
 * `application-form`) for a draft, which alone may attach it. Attaching checks the file (its type from
 * its bytes) and claims the upload in the draft's own transaction: the unchecked file would expire from
 * `incoming/` after a day, a draft lives 30 days. Submitting the draft hands the checked file's key to
 * the application; the Secretariat reads it through a link that works for 5 minutes.
 */
const PURPOSE = 'application-form';
const ownerOf = (draftId: string) => `draft:${draftId}`;

/** A presigned POST for the draft's signed form; a page without JavaScript gives the path to come back to. */
export async function presignSignedForm(
  draftId: string,
  token: string,
  body: { contentType?: string; size?: number; redirect?: string },
  now = new Date(),
): Promise<PresignedUpload> {
  const draft = await read(draftId, token, now);
  if (draft.submitted) throw conflict(`This draft was submitted as application ${draft.submitted.id}`);
  return presignUpload({ purpose: PURPOSE, owner: ownerOf(draftId), ...body, now });
}

/** The uploads module names the file `file`; here the request's field is the upload's id. */
function asUploadIdError(error: unknown): unknown {
  if (error instanceof HttpError && error.status === 400) {
    const message = error.errors?.[0]?.message ?? 'must be a PDF';
    return badRequest(`The signed form is refused: ${error.message}`, [{ path: 'uploadId', message }]);
  }
  return error;
}

/**
 * Attaches the upload as the draft's signed form (a new one replaces the last). The draft and the upload
 * are read at once (two round trips in all, with the transaction); attaching the same upload again
 * answers the draft as it is, so a reloaded page changes nothing.
 */
export async function attachSignedForm(
  draftId: string,
  token: string,
  uploadId: string,
  now = new Date(),
): Promise<Draft> {
  const [draftRead, claimRead] = await Promise.allSettled([
    read(draftId, token, now),
    prepareClaim(uploadId, { purpose: PURPOSE, owner: ownerOf(draftId), now }),
  ]);
  if (draftRead.status === 'rejected') throw draftRead.reason;
  const current: DraftItem = draftRead.value;
  if (current.submitted) throw conflict(`This draft was submitted as application ${current.submitted.id}`);
  if (current.signedForm?.uploadId === uploadId) return view(current);
  if (claimRead.status === 'rejected') throw asUploadIdError(claimRead.reason);
  const { upload, claim, cleanup } = claimRead.value;
  const signedForm = { uploadId, key: upload.key, size: upload.size, uploadedAt: now.toISOString() };
  try {
    await transact([
      {
        Update: {
          TableName: tableName,
          Key: draftKey(draftId),
          ...updateOf({ signedForm, updatedAt: signedForm.uploadedAt }, [], stillOpen(current.tokenHash)),
        },
      },
      claim,
    ]);
  } catch (error) {
    if (error instanceof ConditionsFailed) {
      throw conflict(
        error.failed.includes(0)
          ? 'This draft was submitted meanwhile; reload it'
          : `The upload ${uploadId} is already attached`,
      );
    }
    throw error;
  }
  await cleanup();
  return view({ ...current, signedForm, updatedAt: signedForm.uploadedAt });
}

/** What the Secretariat's view of an application shows of its signed form: a link for a few minutes. */
export interface SignedFormLink {
  readonly downloadUrl: string;
  readonly linkExpiresAt: string;
  readonly size: number;
  readonly uploadedAt: string;
}

export async function signedFormView(
  app: Application,
  stored: StoredSignedForm,
  now = new Date(),
): Promise<SignedFormLink> {
  return {
    downloadUrl: await downloadUrl(stored.key, {
      fileName: `membership-application-${app.id.slice(0, 8)}.pdf`,
    }),
    linkExpiresAt: new Date(now.getTime() + DOWNLOAD_EXPIRES_SECONDS * 1000).toISOString(),
    size: stored.size,
    uploadedAt: stored.uploadedAt,
  };
}
