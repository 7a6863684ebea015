import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  type GetObjectCommandOutput,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { HttpError } from '../../../functions/shared/problem.ts';
import { stubUploadsEnv } from '../support/uploads-env.ts';

stubUploadsEnv();
const { attachSignedForm, presignSignedForm, signedFormView } = await import(
  '../../../functions/membership/signed-form.ts'
);

const ddb = mockClient(DynamoDBDocumentClient);
const s3 = mockClient(S3Client);
const PDF = new Uint8Array(readFileSync(join(import.meta.dirname, '../../fixtures/files/signed-form.pdf')));
const JPEG = new Uint8Array(readFileSync(join(import.meta.dirname, '../../fixtures/images/photo.jpg')));
const httpError = (status: number) => expect.objectContaining({ status }) as unknown as HttpError;

const token = randomBytes(32).toString('base64url');
const draftId = randomUUID();
const uploadId = randomUUID();
const now = new Date('2026-11-29T10:00:00Z');

const draftItem = (more: Record<string, unknown> = {}) => ({
  pk: `DRAFT#${draftId}`,
  sk: 'DRAFT',
  id: draftId,
  email: 'ict@city.example',
  language: 'ko',
  answers: {},
  createdAt: '2026-11-20T10:00:00.000Z',
  updatedAt: '2026-11-20T10:00:00.000Z',
  expiresAt: '2026-12-20T10:00:00.000Z',
  tokenHash: createHash('sha256').update(token).digest('hex'),
  ...more,
});

/** The draft and the pending upload, as DynamoDB answers them; the file as S3 does. */
function stored(file: Uint8Array, draft = draftItem(), owner = `draft:${draftId}`) {
  ddb.on(GetCommand, { Key: { pk: `DRAFT#${draftId}`, sk: 'DRAFT' } }).resolves({ Item: draft });
  ddb.on(GetCommand, { Key: { pk: `UPLOAD#${uploadId}`, sk: 'UPLOAD' } }).resolves({
    Item: { id: uploadId, purpose: 'application-form', owner, status: 'pending', maxBytes: 10 * 1024 * 1024 },
  });
  s3.on(GetObjectCommand).resolves({
    Body: { transformToByteArray: async () => file },
  } as unknown as GetObjectCommandOutput);
  s3.on(PutObjectCommand).resolves({});
  s3.on(DeleteObjectCommand).resolves({});
  ddb.on(TransactWriteCommand).resolves({});
}

beforeEach(() => {
  stubUploadsEnv();
  ddb.reset();
  s3.reset();
});

describe('attachSignedForm', () => {
  it("claims the checked PDF in the draft's own transaction and answers the draft without the file's key", async () => {
    // Prepare
    stored(PDF);

    // Act
    const draft = await attachSignedForm(draftId, token, uploadId, now);

    // Assess
    const items = ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(items).toHaveLength(2);
    expect(items[0]?.Update?.Key).toEqual({ pk: `DRAFT#${draftId}`, sk: 'DRAFT' });
    expect(Object.values(items[0]?.Update?.ExpressionAttributeValues ?? {})).toContainEqual({
      uploadId,
      key: `private/application-form/${uploadId}.pdf`,
      size: PDF.length,
      uploadedAt: now.toISOString(),
    });
    expect(items[1]?.Update?.ConditionExpression).toMatch(/#owner = :owner/);
    expect(items[1]?.Update?.ExpressionAttributeValues?.[':owner']).toBe(`draft:${draftId}`);
    expect(draft.signedForm).toEqual({ uploadId, size: PDF.length, uploadedAt: now.toISOString() });
    expect(JSON.stringify(draft)).not.toContain('private/');
  });

  it('refuses a file that is not a PDF with a 400 naming uploadId, and writes nothing', async () => {
    // Prepare
    stored(JPEG);

    // Act
    const refused = attachSignedForm(draftId, token, uploadId, now);

    // Assess
    await expect(refused).rejects.toMatchObject({
      status: 400,
      errors: [{ path: 'uploadId', message: 'must be one of application/pdf' }],
    });
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('answers the draft as it is when the same upload is attached again (a reloaded page)', async () => {
    // Prepare: the upload is claimed already, so preparing its claim fails.
    const signedForm = {
      uploadId,
      key: `private/application-form/${uploadId}.pdf`,
      size: 9,
      uploadedAt: now.toISOString(),
    };
    stored(PDF, draftItem({ signedForm }));
    ddb.on(GetCommand, { Key: { pk: `UPLOAD#${uploadId}`, sk: 'UPLOAD' } }).resolves({
      Item: { id: uploadId, purpose: 'application-form', owner: `draft:${draftId}`, status: 'claimed' },
    });

    // Act
    const draft = await attachSignedForm(draftId, token, uploadId, now);

    // Assess
    expect(draft.signedForm).toEqual({ uploadId, size: 9, uploadedAt: now.toISOString() });
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it("answers 404 for another draft's upload and for a wrong token, 409 once the draft was submitted", async () => {
    // Prepare
    stored(PDF, draftItem(), `draft:${randomUUID()}`);

    // Act
    const stolen = attachSignedForm(draftId, token, uploadId, now);
    const wrongToken = attachSignedForm(draftId, randomBytes(32).toString('base64url'), uploadId, now);

    // Assess
    await expect(stolen).rejects.toEqual(httpError(404));
    await expect(wrongToken).rejects.toEqual(httpError(404));
    stored(PDF, draftItem({ submitted: { id: randomUUID(), submittedAt: now.toISOString() } }));
    await expect(attachSignedForm(draftId, token, uploadId, now)).rejects.toEqual(httpError(409));
    await expect(presignSignedForm(draftId, token, {}, now)).rejects.toEqual(httpError(409));
  });
});

describe('presignSignedForm', () => {
  it('records an upload of the application-form purpose owned by the draft', async () => {
    // Prepare
    stored(PDF);
    ddb.on(PutCommand).resolves({});

    // Act
    const upload = await presignSignedForm(draftId, token, { redirect: '/ko/apply/signed-form' }, now);

    // Assess
    const item = ddb.commandCalls(PutCommand)[0]?.args[0].input.Item;
    expect(item).toMatchObject({
      purpose: 'application-form',
      owner: `draft:${draftId}`,
      maxBytes: 10 * 1024 * 1024,
    });
    expect(upload.fields.success_action_redirect).toBe(
      `https://wego.example/ko/apply/signed-form?upload=${upload.uploadId}`,
    );
  });
});

describe('signedFormView', () => {
  it('links the PDF as an attachment for 5 minutes', async () => {
    // Act
    const view = await signedFormView(
      { id: 'c0ffee00-0000-4000-8000-000000000000' } as never,
      { key: `private/application-form/${uploadId}.pdf`, size: 670, uploadedAt: now.toISOString() },
      now,
    );

    // Assess
    const url = new URL(view.downloadUrl);
    expect(url.pathname).toContain(`private/application-form/${uploadId}.pdf`);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(url.searchParams.get('response-content-disposition')).toBe(
      'attachment; filename="membership-application-c0ffee00.pdf"',
    );
    expect(view).toMatchObject({ size: 670, linkExpiresAt: '2026-11-29T10:05:00.000Z' });
  });
});
