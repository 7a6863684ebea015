import { membership } from '../membership/members.ts';
import { tableName } from '../shared/ddb.ts';
import { conflict, notFound } from '../shared/problem.ts';
import { ConditionsFailed, transact } from '../shared/transaction.ts';
import { PURPOSES } from '../uploads/purposes.ts';
import { type PresignedUpload, prepareClaim, preparePresign } from '../uploads/uploads.ts';
import { attachmentKey, uploadingKey } from './keys.ts';
import { nextState } from './practice-status.ts';
import {
  type Attachment,
  event,
  failed,
  metaUpdate,
  type PracticeRecord,
  publishedAttachments,
  withState,
  workingAttachments,
} from './practices.ts';

/**
 * Attachments of a practice (PDFs and images, `practice-attachment` uploads): a representative asks
 * for a presigned POST (the name, type and size are recorded with it, `UPLOADING#<uploadId>`), posts
 * the file to S3, then attaches it: the file is checked (type from its bytes) and claimed in the same
 * transaction as the practice's write, conditional on its version, so at most 10 are ever attached.
 * Attaching and removing are edits: a published practice gets a change to review, and its public
 * version keeps the attachments it was published with until the change is published.
 */
const PURPOSE = 'practice-attachment';
const { maxFiles } = PURPOSES[PURPOSE];
/** The owner of a practice's uploads: an upload made for one practice never attaches to another. */
export const attachmentOwner = (practiceId: string) => `practice:${practiceId}`;
/** How long a presign's name is kept: past the POST's 15 minutes, a day like the unclaimed file. */
const UPLOADING_TTL_SECONDS = 2 * 24 * 60 * 60;

const full = () => conflict(`A practice may have at most ${maxFiles} attachments: remove one first`);

/** A presigned POST for one more attachment of an editable practice. */
export async function presignAttachment(
  record: PracticeRecord,
  file: { fileName: string; contentType: string; size: number },
  now = new Date(),
): Promise<PresignedUpload> {
  nextState(record.practice, 'edit');
  if (workingAttachments(record).length >= maxFiles) throw full();
  const upload = preparePresign({
    purpose: PURPOSE,
    owner: attachmentOwner(record.practice.id),
    contentType: file.contentType,
    size: file.size,
    now,
  });
  // The upload's record and the practice's note of its name in one round trip (the practice was the first).
  await transact([
    upload.write,
    {
      Put: {
        TableName: tableName,
        Item: {
          ...uploadingKey(record.practice.id, upload.uploadId),
          fileName: file.fileName,
          ttl: Math.floor(now.getTime() / 1000) + UPLOADING_TTL_SECONDS,
        },
      },
    },
  ]);
  return upload.sign();
}

/**
 * Checks and attaches an uploaded file. The practice is read (`reading`, by the caller, who checks who may
 * write) while the upload is read and checked, so the transaction is the second round trip; a refused
 * caller's check only costs a copy of a file that was made for this practice. Attaching the same upload
 * again answers the practice as it is (a retry); another practice's upload is unknown (404), a file that
 * is not what was declared a 400.
 */
export async function attach(
  reading: Promise<PracticeRecord>,
  practiceId: string,
  uploadId: string,
  actor: string,
  now = new Date(),
): Promise<PracticeRecord> {
  const [recordRead, claimRead] = await Promise.allSettled([
    reading,
    prepareClaim(uploadId, { purpose: PURPOSE, owner: attachmentOwner(practiceId), now }),
  ]);
  if (recordRead.status === 'rejected') throw recordRead.reason;
  const record = recordRead.value;
  const current = record.practice;
  if (workingAttachments(record).some((a) => a.id === uploadId)) return record;
  const fileName = record.uploading.get(uploadId);
  if (fileName === undefined) throw notFound(`No upload ${uploadId} for this practice`);
  const state = nextState(current, 'edit');
  if (workingAttachments(record).length >= maxFiles) throw full();
  if (claimRead.status === 'rejected') throw claimRead.reason;
  const prepared = claimRead.value;
  const at = now.toISOString();
  const attachment: Attachment = {
    id: uploadId,
    fileName,
    contentType: prepared.upload.contentType,
    size: prepared.upload.size,
    key: prepared.upload.key,
    addedAt: at,
  };
  const next = withState({ ...current, updatedAt: at, version: current.version + 1 }, state);
  try {
    await transact([
      membership.guard(current.cityId),
      metaUpdate(current, next, next.change ? [] : ['change']),
      {
        Put: {
          TableName: tableName,
          Item: { ...attachmentKey(current.id, uploadId), ...attachment },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      { Delete: { TableName: tableName, Key: uploadingKey(current.id, uploadId) } },
      event(current.id, { at, actor, action: 'attach', to: next.change ?? next.status }),
      prepared.claim,
    ]);
  } catch (error) {
    if (error instanceof ConditionsFailed && error.failed.includes(5))
      throw conflict(`The upload ${uploadId} is already attached`);
    return failed(error);
  }
  await prepared.cleanup();
  return {
    ...record,
    practice: next,
    attachments: [...record.attachments, attachment],
    uploading: new Map([...record.uploading].filter(([id]) => id !== uploadId)),
  };
}

/**
 * Removes an attachment from what is being written. One the public version lists is only marked
 * removed (it stays downloadable there until the change is published); any other is deleted.
 */
export async function detach(
  record: PracticeRecord,
  attachmentId: string,
  actor: string,
  now = new Date(),
): Promise<PracticeRecord> {
  const current = record.practice;
  const attachment = workingAttachments(record).find((a) => a.id === attachmentId);
  if (!attachment) throw notFound(`No attachment ${attachmentId}`);
  const state = nextState(current, 'edit');
  const at = now.toISOString();
  const next = withState({ ...current, updatedAt: at, version: current.version + 1 }, state);
  const isPublic = publishedAttachments(record).some((a) => a.id === attachmentId);
  const key = attachmentKey(current.id, attachmentId);
  await transact([
    membership.guard(current.cityId),
    metaUpdate(current, next, next.change ? [] : ['change']),
    isPublic
      ? {
          Update: {
            TableName: tableName,
            Key: key,
            UpdateExpression: 'SET removedAt = :at',
            ExpressionAttributeValues: { ':at': at },
          },
        }
      : { Delete: { TableName: tableName, Key: key } },
    event(current.id, { at, actor, action: 'detach', to: next.change ?? next.status }),
  ]).catch(failed);
  return {
    ...record,
    practice: next,
    attachments: isPublic
      ? record.attachments.map((a) => (a.id === attachmentId ? { ...a, removedAt: at } : a))
      : record.attachments.filter((a) => a.id !== attachmentId),
  };
}
