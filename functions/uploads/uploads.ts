import { randomUUID } from 'node:crypto';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { publicBaseUrl } from '../shared/config.ts';
import { ddb, tableName } from '../shared/ddb.ts';
import { requireEnv } from '../shared/env.ts';
import { badRequest, conflict, notFound } from '../shared/problem.ts';
import { ConditionsFailed, type TransactItem, transact } from '../shared/transaction.ts';
import { checkedKey, incomingKey, uploadKey } from './keys.ts';
import { stripMetadata, UnreadableImage } from './metadata/index.ts';
import {
  acceptedType,
  INCOMING_EXPIRY_DAYS,
  PREFIXES,
  PURPOSES,
  type PurposeName,
  type UploadType,
} from './purposes.ts';
import { sniffType } from './sniff.ts';

/**
 * Files uploaded by browsers and clients straight to S3, then checked before any use. The interface other
 * features call (their routes declare `uploads: true`):
 *
 * 1. `presignUpload({ purpose, owner, contentType?, size?, redirect? })` records a pending upload and
 *    answers a presigned POST: the client posts `fields` and then the file (last) as multipart/form-data
 *    to `url`. Its policy fixes the key (`incoming/<uploadId>`), the Content-Type and the size, and
 *    expires in 15 minutes.
 * 2. `claimUpload(uploadId, { purpose, owner })` (or `prepareClaim`, to claim inside the caller's own
 *    transaction) reads the file, checks its type from its bytes, strips image metadata, writes it under
 *    `media/` (public through the CDN: `mediaUrl`) or `private/` (`downloadUrl`), and marks the upload
 *    claimed: an upload attaches once, a second claim is a 409.
 *
 * `owner` is a string the feature chooses (`city:<id>`, `practice:<id>`, a draft id) and passes again
 * when it claims: an upload made for one thing cannot be attached to another.
 */
const s3 = new S3Client({});
const bucket = requireEnv('UPLOADS_BUCKET');

/** How long a presigned POST may be used. */
export const POST_EXPIRES_SECONDS = 15 * 60;
/** How long a link from `downloadUrl` works, by default. */
export const DOWNLOAD_EXPIRES_SECONDS = 5 * 60;
/** A pending upload is forgotten a day after its file expired from `incoming/`. */
const PENDING_TTL_SECONDS = (INCOMING_EXPIRY_DAYS + 1) * 24 * 60 * 60;
/** What a form posts as Content-Type when it could not know the file (no JavaScript): the check decides. */
const UNDECLARED_TYPE = 'application/octet-stream';

export interface PresignRequest {
  readonly purpose: PurposeName;
  readonly owner: string;
  /** The type the client declares (an alias such as image/heif is accepted). Left out by a form without
   * JavaScript, which cannot know the file: any type of the purpose is then accepted by the check. */
  readonly contentType?: string;
  /** The file's size in bytes, when known: the policy then accepts exactly that size. */
  readonly size?: number;
  /** A path of the site (`/en/report/photos`): after the upload S3 redirects the browser there with
   * `?upload=<uploadId>` (and S3's own `bucket`, `key` and `etag`). */
  readonly redirect?: string;
  readonly now?: Date;
}

export interface PresignedUpload {
  readonly uploadId: string;
  /** Where to POST the form. */
  readonly url: string;
  /** The form's fields, to send before the file (field `file`). */
  readonly fields: Record<string, string>;
  readonly expiresAt: string;
  /** The largest file the policy accepts. */
  readonly maxBytes: number;
}

export interface ClaimedUpload {
  readonly uploadId: string;
  readonly purpose: PurposeName;
  /** The checked file's key: `media/...` or `private/...`. */
  readonly key: string;
  readonly contentType: UploadType;
  readonly size: number;
  /** Public media only: its address on the CDN. */
  readonly url?: string;
}

interface PendingUpload {
  readonly id: string;
  readonly purpose: PurposeName;
  readonly owner: string;
  readonly status: 'pending' | 'claimed';
  readonly contentType?: UploadType;
  readonly size?: number;
  readonly maxBytes: number;
}

/** A path on the site, never another origin (no open redirect). */
function redirectUrl(path: string, uploadId: string): string {
  if (!/^\/(?![/\\])[^\s\\]*$/.test(path)) {
    throw badRequest('The redirect must be a path of the site', [
      { path: 'redirect', message: 'must be a path starting with a single /' },
    ]);
  }
  const url = new URL(path, publicBaseUrl());
  url.searchParams.set('upload', uploadId);
  return url.href;
}

export interface PreparedPresign {
  readonly uploadId: string;
  /** For the caller's transaction (or a PutCommand of its own): records the pending upload. */
  readonly write: {
    readonly Put: { TableName: string; Item: Record<string, unknown>; ConditionExpression: string };
  };
  /** After the write: signs the POST (no round trip; a POST whose record failed to save is never handed out). */
  readonly sign: () => Promise<PresignedUpload>;
}

/**
 * Checks a presign request and prepares its record, for a caller that writes its own record of the
 * upload in the same transaction (one round trip for both).
 */
export function preparePresign(request: PresignRequest): PreparedPresign {
  const purpose = PURPOSES[request.purpose];
  const declared =
    request.contentType === undefined ? undefined : acceptedType(request.purpose, request.contentType);
  if (request.contentType !== undefined && !declared) {
    throw badRequest(`A ${request.purpose} must be one of ${purpose.types.join(', ')}`, [
      { path: 'contentType', message: `must be one of ${purpose.types.join(', ')}` },
    ]);
  }
  if (
    request.size !== undefined &&
    !(Number.isInteger(request.size) && request.size >= 1 && request.size <= purpose.maxBytes)
  ) {
    throw badRequest(`A ${request.purpose} may have at most ${purpose.maxBytes} bytes`, [
      { path: 'size', message: `must be a whole number of bytes from 1 to ${purpose.maxBytes}` },
    ]);
  }
  const now = request.now ?? new Date();
  const uploadId = randomUUID();
  const [minBytes, maxBytes] =
    request.size === undefined ? [1, purpose.maxBytes] : [request.size, request.size];
  const contentType = declared ?? UNDECLARED_TYPE;
  const fields: Record<string, string> = { 'Content-Type': contentType };
  if (request.redirect !== undefined)
    fields.success_action_redirect = redirectUrl(request.redirect, uploadId);
  const write = {
    Put: {
      TableName: tableName,
      Item: {
        ...uploadKey(uploadId),
        id: uploadId,
        purpose: request.purpose,
        owner: request.owner,
        status: 'pending',
        ...(declared ? { contentType: declared } : {}),
        ...(request.size !== undefined ? { size: request.size } : {}),
        maxBytes,
        createdAt: now.toISOString(),
        ttl: Math.floor(now.getTime() / 1000) + PENDING_TTL_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
  const sign = async (): Promise<PresignedUpload> => {
    const post = await createPresignedPost(s3, {
      Bucket: bucket,
      Key: incomingKey(uploadId),
      Conditions: [
        ['content-length-range', minBytes, maxBytes],
        ['eq', '$Content-Type', contentType],
      ],
      Fields: fields,
      Expires: POST_EXPIRES_SECONDS,
    });
    return {
      uploadId,
      url: post.url,
      fields: post.fields,
      // The policy's own expiry is computed by the SDK from its clock; this one is at most a second earlier.
      expiresAt: new Date(now.getTime() + POST_EXPIRES_SECONDS * 1000).toISOString(),
      maxBytes,
    };
  };
  return { uploadId, write, sign };
}

/** Records a pending upload and answers its presigned POST. */
export async function presignUpload(request: PresignRequest): Promise<PresignedUpload> {
  const prepared = preparePresign(request);
  // Recorded first: a presigned POST whose record failed to save is never handed out.
  await ddb.send(new PutCommand(prepared.write.Put));
  return prepared.sign();
}

const refused = (detail: string, message: string) => badRequest(detail, [{ path: 'file', message }]);

async function readPending(uploadId: string, purpose: PurposeName, owner: string): Promise<PendingUpload> {
  const out = await ddb.send(
    new GetCommand({ TableName: tableName, Key: uploadKey(uploadId), ConsistentRead: true }),
  );
  const item = out.Item as PendingUpload | undefined;
  // Another owner's or purpose's upload is as unknown as a missing one.
  if (!item || item.purpose !== purpose || item.owner !== owner) throw notFound(`No upload ${uploadId}`);
  if (item.status !== 'pending') throw conflict(`The upload ${uploadId} is already attached`);
  return item;
}

async function readIncoming(uploadId: string): Promise<Uint8Array> {
  try {
    const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: incomingKey(uploadId) }));
    return await (out.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray();
  } catch (error) {
    // Without s3:ListBucket, S3 answers a missing key with AccessDenied rather than NoSuchKey.
    const name = (error as { name?: string }).name;
    if (name === 'NoSuchKey' || name === 'NotFound' || name === 'AccessDenied') {
      throw conflict(`The file of upload ${uploadId} has not arrived (or it expired): upload it again`);
    }
    throw error;
  }
}

/** Refuses a file that is not what was declared or allowed; returns its type, from its bytes. */
async function checkFile(upload: PendingUpload, bytes: Uint8Array): Promise<UploadType> {
  const purpose = PURPOSES[upload.purpose];
  if (bytes.length > upload.maxBytes || (upload.size !== undefined && bytes.length !== upload.size)) {
    throw refused(
      upload.size === undefined
        ? `The file is larger than ${upload.maxBytes} bytes`
        : 'The file does not have the size that was declared',
      `must be ${upload.size ?? `at most ${upload.maxBytes}`} bytes`,
    );
  }
  const type = await sniffType(bytes);
  if (!type || !(purpose.types as readonly string[]).includes(type)) {
    throw refused(
      `The file is not one of ${purpose.types.join(', ')}`,
      `must be one of ${purpose.types.join(', ')}`,
    );
  }
  if (upload.contentType && type !== upload.contentType) {
    throw refused(
      `The file is ${type}, not the ${upload.contentType} that was declared`,
      `must be ${upload.contentType}`,
    );
  }
  return type;
}

export interface PreparedClaim {
  readonly upload: ClaimedUpload;
  /** For the caller's transaction: marks the upload claimed, only if it still is pending for this owner. */
  readonly claim: TransactItem;
  /** After the caller's transaction: removes the unchecked file (the lifecycle rule would, in a day). */
  readonly cleanup: () => Promise<void>;
}

/** Strips the image's metadata and writes the checked file under `media/` or `private/`. */
async function publish(
  uploadId: string,
  purpose: PurposeName,
  type: UploadType,
  bytes: Uint8Array,
): Promise<ClaimedUpload> {
  let checked: Uint8Array;
  try {
    checked = stripMetadata(type, bytes);
  } catch (error) {
    if (error instanceof UnreadableImage)
      throw refused('The image could not be read', 'must be a whole, readable image');
    throw error;
  }
  const key = checkedKey(purpose, uploadId, type);
  const isMedia = key.startsWith(PREFIXES.media);
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: checked,
      ContentType: type,
      // Keys never change content: the CDN and browsers may keep media forever.
      CacheControl: isMedia ? 'public, max-age=31536000, immutable' : 'private, no-store',
    }),
  );
  return {
    uploadId,
    purpose,
    key,
    contentType: type,
    size: checked.length,
    ...(isMedia ? { url: mediaUrl(key) } : {}),
  };
}

/**
 * Checks and publishes an upload, and returns the write that claims it, for a caller that attaches files
 * in its own transaction (a claim that fails its condition there means the upload was claimed meanwhile:
 * a 409). The checked file is written before the claim: a failure between the two leaves the upload
 * pending, and a retry writes the same key again.
 */
export async function prepareClaim(
  uploadId: string,
  { purpose, owner, now = new Date() }: { purpose: PurposeName; owner: string; now?: Date },
): Promise<PreparedClaim> {
  const upload = await readPending(uploadId, purpose, owner);
  const bytes = await readIncoming(uploadId);
  const type = await checkFile(upload, bytes);
  const claimed = await publish(uploadId, purpose, type, bytes);
  return {
    upload: claimed,
    claim: {
      Update: {
        TableName: tableName,
        Key: uploadKey(uploadId),
        UpdateExpression:
          'SET #status = :claimed, #key = :key, contentType = :type, #size = :size, claimedAt = :at REMOVE #ttl',
        ConditionExpression: '#status = :pending AND purpose = :purpose AND #owner = :owner',
        ExpressionAttributeNames: {
          '#status': 'status',
          '#key': 'key',
          '#size': 'size',
          '#ttl': 'ttl',
          '#owner': 'owner',
        },
        ExpressionAttributeValues: {
          ':claimed': 'claimed',
          ':pending': 'pending',
          ':key': claimed.key,
          ':type': claimed.contentType,
          ':size': claimed.size,
          ':at': now.toISOString(),
          ':purpose': purpose,
          ':owner': owner,
        },
      },
    },
    cleanup: async () => {
      try {
        await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: incomingKey(uploadId) }));
      } catch {
        // Left for the lifecycle rule, which removes it within a day.
      }
    },
  };
}

/**
 * The same check and storage for a file a function received itself (an Open311 app's multipart POST,
 * which cannot use a presigned POST): at most the purpose's size, its type sniffed from the bytes, its
 * metadata stripped, written where a claimed upload goes. The returned write records it as a claimed
 * upload of `owner`, for the caller's transaction; there is nothing to clean up.
 */
export async function prepareReceived(
  bytes: Uint8Array,
  { purpose, owner, now = new Date() }: { purpose: PurposeName; owner: string; now?: Date },
): Promise<PreparedClaim> {
  const uploadId = randomUUID();
  const type = await checkFile(
    { id: uploadId, purpose, owner, status: 'pending', maxBytes: PURPOSES[purpose].maxBytes },
    bytes,
  );
  const claimed = await publish(uploadId, purpose, type, bytes);
  return {
    upload: claimed,
    claim: {
      Put: {
        TableName: tableName,
        Item: {
          ...uploadKey(uploadId),
          id: uploadId,
          purpose,
          owner,
          status: 'claimed',
          key: claimed.key,
          contentType: claimed.contentType,
          size: claimed.size,
          maxBytes: PURPOSES[purpose].maxBytes,
          createdAt: now.toISOString(),
          claimedAt: now.toISOString(),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    cleanup: async () => {},
  };
}

/** Checks, publishes and claims an upload on its own: once (a second claim is a 409). */
export async function claimUpload(
  uploadId: string,
  who: { purpose: PurposeName; owner: string; now?: Date },
): Promise<ClaimedUpload> {
  const prepared = await prepareClaim(uploadId, who);
  try {
    await transact([prepared.claim]);
  } catch (error) {
    if (error instanceof ConditionsFailed) throw conflict(`The upload ${uploadId} is already attached`);
    throw error;
  }
  await prepared.cleanup();
  return prepared.upload;
}

/** The CDN address of checked public media (`media/...`). */
export function mediaUrl(key: string): string {
  if (!key.startsWith(PREFIXES.media)) throw new Error(`${key} is not public media`);
  return new URL(`/${key}`, publicBaseUrl()).href;
}

/**
 * A link that downloads a checked private file for a few minutes (a presigned GET). The caller decides
 * who may have it; the link itself is the permission, so it is never logged or emailed.
 */
export async function downloadUrl(
  key: string,
  { expiresIn = DOWNLOAD_EXPIRES_SECONDS, fileName }: { expiresIn?: number; fileName?: string } = {},
): Promise<string> {
  if (!key.startsWith(PREFIXES.private)) throw new Error(`${key} is not a checked private file`);
  const name = (fileName ?? key.slice(key.lastIndexOf('/') + 1)).replace(/[^\w.-]+/g, '_');
  return getSignedUrl(
    s3,
    new GetObjectCommand({
      Bucket: bucket,
      Key: key,
      ResponseContentDisposition: `attachment; filename="${name}"`,
    }),
    { expiresIn },
  );
}
