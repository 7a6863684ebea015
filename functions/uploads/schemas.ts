import * as z from '../shared/zod.ts';
import { PURPOSES, type PurposeName, TYPE_ALIASES } from './purposes.ts';

/**
 * Schemas for uploads: the presign body of the public route, and what other features put in their own
 * bodies to attach uploads (`uploadIds('request-photo')`: at most as many as the purpose allows).
 */
export const uploadId = z.uuid({ error: 'must be the uploadId of an upload' });

export const uploadIds = (purpose: PurposeName) =>
  z
    .array(uploadId)
    .check(z.maxLength(PURPOSES[purpose].maxFiles, { error: `at most ${PURPOSES[purpose].maxFiles} files` }));

/** The declared types a purpose accepts, aliases included (image/heif for image/heic...). */
const declaredTypes = (purpose: PurposeName) =>
  Object.keys(TYPE_ALIASES).filter((t) =>
    (PURPOSES[purpose].types as readonly string[]).includes(TYPE_ALIASES[t] as string),
  ) as [string, ...string[]];

/** A path of the site, where S3 sends the browser back after a form upload. */
const sitePath = z
  .string()
  .check(
    z.maxLength(512),
    z.regex(/^\/(?![/\\])[^\s\\?#]*$/, { error: 'must be a path of the site, starting with a single /' }),
  );

/**
 * What a client says of the file it will upload. A page without JavaScript cannot know the file before
 * the form is posted: it leaves out the type and size (the check after the upload decides) and gives the
 * page to come back to.
 */
export const presignBody = (purpose: PurposeName) =>
  z.strictObject({
    contentType: z.optional(z.enum(declaredTypes(purpose))),
    size: z.optional(z.number().check(z.int(), z.gte(1), z.lte(PURPOSES[purpose].maxBytes))),
    redirect: z.optional(sitePath),
  });

export const presignedUpload = z.object({
  uploadId,
  url: z.url(),
  fields: z.record(z.string(), z.string()),
  expiresAt: z.iso.datetime(),
  maxBytes: z.number().check(z.int()),
});
