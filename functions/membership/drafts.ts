import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { EmailMessage } from '../emails/message.ts';
import { ddb, tableName } from '../shared/ddb.ts';
import { type HttpEvent, headerOf, zodFieldErrors } from '../shared/http.ts';
import type { Language } from '../shared/i18n.ts';
import { outboxPuts } from '../shared/outbox.ts';
import { badRequest, conflict, HttpError, notFound } from '../shared/problem.ts';
import { ConditionsFailed, type TransactItem, transact, updateOf } from '../shared/transaction.ts';
import * as z from '../shared/zod.ts';
import { type Application, applicationBody } from './application.ts';
import {
  type createDraftBody,
  DRAFT_LIFETIME_DAYS,
  DRAFT_TOKEN_HEADER,
  type Draft,
  type replaceDraftBody,
} from './draft-schema.ts';
import { draftKey } from './keys.ts';
import { submitApplication } from './store.ts';

/**
 * Drafts of the Membership Application Form: a long form is not lost. A draft holds the sections
 * answered so far, each complete and valid (the same rules as the form), and is reached only with its
 * resume token: 256 random bits, returned once to whoever saved the draft and emailed as a link to the
 * address they gave; the table keeps its SHA-256 alone, compared in constant time. A draft lives 30
 * days from when it was saved first (its link says until when); submitting it turns it into the
 * application in the same transaction and leaves only what a retried submission needs to answer again.
 */
const LIFETIME_MS = DRAFT_LIFETIME_DAYS * 24 * 3600_000;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export interface DraftItem extends Draft {
  readonly tokenHash: string;
  /** The checked PDF's key, kept out of every view: only the Secretariat gets a link to it. */
  readonly signedForm?: Draft['signedForm'] & { readonly key: string };
}

const hashOf = (token: string) => createHash('sha256').update(token).digest();

/** The draft's token from its header: a 400 naming the header when there is none or it cannot be one. */
export function draftToken(event: HttpEvent): string {
  const token = headerOf(event, DRAFT_TOKEN_HEADER)?.trim();
  if (!token || !TOKEN_SHAPE.test(token)) {
    throw badRequest(`The ${DRAFT_TOKEN_HEADER} header must carry the token of the draft's link`, [
      { path: `header.${DRAFT_TOKEN_HEADER}`, message: 'must be the 43-character token of the link' },
    ]);
  }
  return token;
}

export const view = (item: DraftItem): Draft => ({
  id: item.id,
  ...(item.email ? { email: item.email } : {}),
  language: item.language,
  answers: item.answers ?? {},
  createdAt: item.createdAt,
  updatedAt: item.updatedAt,
  expiresAt: item.expiresAt,
  ...(item.signedForm
    ? {
        signedForm: {
          uploadId: item.signedForm.uploadId,
          size: item.signedForm.size,
          uploadedAt: item.signedForm.uploadedAt,
        },
      }
    : {}),
  ...(item.submitted ? { submitted: item.submitted } : {}),
});

/**
 * The draft the token opens: 404 for an unknown draft or another token (the same answer, so a guess
 * learns nothing), 410 once it expired (the table's TTL removes it later).
 */
export async function read(id: string, token: string, now: Date): Promise<DraftItem> {
  const out = await ddb.send(
    new GetCommand({ TableName: tableName, Key: draftKey(id), ConsistentRead: true }),
  );
  const item = out.Item as (DraftItem & { tokenHash: string }) | undefined;
  const stored = item ? Buffer.from(item.tokenHash, 'hex') : Buffer.alloc(32);
  const given = hashOf(token);
  const matches = stored.length === given.length && timingSafeEqual(stored, given);
  if (!item || !matches) throw notFound(`No draft ${id} opens with this token`);
  if (item.expiresAt <= now.toISOString()) {
    throw new HttpError(
      410,
      `This draft expired on ${item.expiresAt}: drafts are kept ${DRAFT_LIFETIME_DAYS} days`,
    );
  }
  return item;
}

export const getDraft = async (id: string, token: string, now = new Date()): Promise<Draft> =>
  view(await read(id, token, now));

/** The write is conditional on the token and on the draft not being submitted meanwhile. */
export const stillOpen = (tokenHash: string) => ({
  expression: 'tokenHash = :tokenHash AND attribute_not_exists(submitted)',
  values: { ':tokenHash': tokenHash },
});

/** A new draft and the email with its link, in one transaction; the token is answered once. */
export async function createDraft(
  body: z.infer<typeof createDraftBody>,
  linkEmail: (draft: Draft, token: string) => EmailMessage,
  now = new Date(),
): Promise<Draft & { token: string }> {
  const token = randomBytes(32).toString('base64url');
  const at = now.toISOString();
  const expires = new Date(now.getTime() + LIFETIME_MS);
  const draft: Draft = {
    id: randomUUID(),
    email: body.email,
    language: body.language ?? 'en',
    answers: body.answers ?? {},
    createdAt: at,
    updatedAt: at,
    expiresAt: expires.toISOString(),
  };
  await transact([
    {
      Put: {
        TableName: tableName,
        Item: {
          ...draftKey(draft.id),
          ...draft,
          tokenHash: hashOf(token).toString('hex'),
          ttl: Math.floor(expires.getTime() / 1000),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    ...outboxPuts(linkEmail(draft, token), now),
  ]);
  return { ...draft, token };
}

/** Replaces the answers (and the language); a new address gets the link at once. */
export async function replaceDraft(
  id: string,
  token: string,
  body: z.infer<typeof replaceDraftBody>,
  linkEmail: (draft: Draft, token: string) => EmailMessage,
  now = new Date(),
): Promise<Draft> {
  const current = await read(id, token, now);
  if (current.submitted) throw conflict(`This draft was submitted as application ${current.submitted.id}`);
  const newAddress = body.email !== undefined && body.email !== current.email;
  const updated: Draft = {
    ...view(current),
    answers: body.answers,
    ...(body.language ? { language: body.language } : {}),
    ...(body.email ? { email: body.email } : {}),
    updatedAt: now.toISOString(),
  };
  try {
    await transact([
      {
        Update: {
          TableName: tableName,
          Key: draftKey(id),
          ...updateOf(
            {
              answers: updated.answers,
              language: updated.language,
              email: updated.email,
              updatedAt: updated.updatedAt,
            },
            [],
            stillOpen(current.tokenHash),
          ),
        },
      },
      ...(newAddress ? outboxPuts(linkEmail(updated, token), now) : []),
    ]);
  } catch (error) {
    if (error instanceof ConditionsFailed) throw conflict('This draft was submitted meanwhile; reload it');
    throw error;
  }
  return updated;
}

/**
 * Submits the draft as the application: its answers must now be complete (a 400 names each missing
 * or invalid answer as `answers.<section>.<field>`). The application, its emails and the draft's
 * change (it keeps only the application's id, for a retried submission) are one transaction. A draft
 * already submitted answers with the same application again.
 */
export async function submitDraft(
  id: string,
  token: string,
  language: Language | undefined,
  emails: (app: Application) => EmailMessage[],
  now = new Date(),
): Promise<{ id: string; submittedAt: string; replay: boolean }> {
  const current = await read(id, token, now);
  if (current.submitted) return { ...current.submitted, replay: true };
  const parsed = z.safeParse(applicationBody, { ...current.answers, language: language ?? current.language });
  if (!parsed.success) {
    throw badRequest('The application is not complete yet', zodFieldErrors(parsed.error, 'answers'));
  }
  const draftDone = (app: Application): TransactItem[] => [
    {
      Update: {
        TableName: tableName,
        Key: draftKey(id),
        ...updateOf(
          { submitted: { id: app.id, submittedAt: app.submittedAt }, updatedAt: app.submittedAt },
          // What the application now holds is not kept twice.
          ['answers', 'email', 'signedForm'],
          stillOpen(current.tokenHash),
        ),
      },
    },
  ];
  const signedForm = current.signedForm
    ? {
        key: current.signedForm.key,
        size: current.signedForm.size,
        uploadedAt: current.signedForm.uploadedAt,
      }
    : undefined;
  const app = await submitApplication(parsed.data, emails, now, draftDone, { signedForm });
  return { id: app.id, submittedAt: app.submittedAt, replay: false };
}
