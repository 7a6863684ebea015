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
import sharp from 'sharp';
import { beforeEach, describe, expect, it } from 'vitest';
import type { HttpError } from '../../../../functions/shared/problem.ts';
import { stubUploadsEnv } from '../../support/uploads-env.ts';

// Read at module scope (the bucket, the table) and at call time (region, credentials, the site's URL).
stubUploadsEnv();
const { presignUpload, preparePresign, claimUpload, downloadUrl, mediaUrl, POST_EXPIRES_SECONDS } =
  await import('../../../../functions/uploads/uploads.ts');
const { sniffType } = await import('../../../../functions/uploads/sniff.ts');

const ddb = mockClient(DynamoDBDocumentClient);
const s3 = mockClient(S3Client);
const fixture = (name: string) =>
  new Uint8Array(readFileSync(join(import.meta.dirname, '../../../fixtures/images', name)));
const PDF = new TextEncoder().encode(
  '%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);

interface Policy {
  expiration: string;
  conditions: unknown[];
}
const policyOf = (fields: Record<string, string>) =>
  JSON.parse(Buffer.from(fields.Policy as string, 'base64').toString('utf8')) as Policy;

/** What an HttpError says, to compare with expect().rejects. */
const httpError = (status: number) => expect.objectContaining({ status }) as unknown as HttpError;

beforeEach(() => {
  stubUploadsEnv();
  ddb.reset();
  s3.reset();
});

describe('presignUpload', () => {
  it('records the pending upload and signs a POST bound to its key, exact type and declared size, for 15 minutes', async () => {
    // Prepare
    ddb.on(PutCommand).resolves({});
    const now = new Date();

    // Act
    const upload = await presignUpload({
      purpose: 'request-photo',
      owner: 'city:c1',
      contentType: 'image/jpeg',
      size: 2048,
      now,
    });

    // Assess: the form and its policy
    expect(upload.url).toBe('https://wego-unit-uploads.s3.eu-west-1.amazonaws.com/');
    expect(upload.fields).toMatchObject({
      key: `incoming/${upload.uploadId}`,
      'Content-Type': 'image/jpeg',
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    });
    expect(upload.fields['X-Amz-Signature']).toMatch(/^[0-9a-f]{64}$/);
    expect(upload.maxBytes).toBe(2048);
    const policy = policyOf(upload.fields);
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ['content-length-range', 2048, 2048],
        ['eq', '$Content-Type', 'image/jpeg'],
        { key: `incoming/${upload.uploadId}` },
        { bucket: 'wego-unit-uploads' },
      ]),
    );
    const expires = Date.parse(policy.expiration) - now.getTime();
    expect(expires).toBeGreaterThan((POST_EXPIRES_SECONDS - 5) * 1000);
    expect(expires).toBeLessThanOrEqual((POST_EXPIRES_SECONDS + 1) * 1000);
    // Assess: the record
    const put = ddb.commandCalls(PutCommand)[0]?.args[0].input;
    expect(put?.Item).toMatchObject({
      pk: `UPLOAD#${upload.uploadId}`,
      sk: 'UPLOAD',
      purpose: 'request-photo',
      owner: 'city:c1',
      status: 'pending',
      contentType: 'image/jpeg',
      size: 2048,
      maxBytes: 2048,
    });
    expect(Number(put?.Item?.ttl)).toBeGreaterThan(now.getTime() / 1000 + 24 * 3600);
    expect(put?.ConditionExpression).toBe('attribute_not_exists(pk)');
  });

  it('accepts any type of the purpose up to its limit when the form cannot know the file, and redirects to a page of the site', async () => {
    ddb.on(PutCommand).resolves({});

    const upload = await presignUpload({
      purpose: 'request-photo',
      owner: 'city:c1',
      redirect: '/en/report/photos',
    });

    expect(upload.maxBytes).toBe(10 * 1024 * 1024);
    const redirect = `https://wego.example/en/report/photos?upload=${upload.uploadId}`;
    expect(upload.fields.success_action_redirect).toBe(redirect);
    expect(policyOf(upload.fields).conditions).toEqual(
      expect.arrayContaining([
        ['content-length-range', 1, 10 * 1024 * 1024],
        ['eq', '$Content-Type', 'application/octet-stream'],
        { success_action_redirect: redirect },
      ]),
    );
    expect(ddb.commandCalls(PutCommand)[0]?.args[0].input.Item).not.toHaveProperty('contentType');
  });

  it.each([
    ['a type the purpose does not take', { contentType: 'image/gif' }, 'contentType'],
    ['a PDF as a photo', { contentType: 'application/pdf' }, 'contentType'],
    ['more bytes than the purpose allows', { size: 10 * 1024 * 1024 + 1 }, 'size'],
    ['a redirect to another site', { redirect: '//evil.example/x' }, 'redirect'],
    ['a redirect that is a URL', { redirect: 'https://evil.example/' }, 'redirect'],
  ])('refuses %s and records nothing', async (_, input, field) => {
    await expect(
      presignUpload({ purpose: 'request-photo', owner: 'city:c1', ...input }),
    ).rejects.toMatchObject({
      status: 400,
      errors: [expect.objectContaining({ path: field })],
    });
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
  });

  it('takes HEIC under either name browsers give it', async () => {
    ddb.on(PutCommand).resolves({});
    const upload = await presignUpload({ purpose: 'request-photo', owner: 'o', contentType: 'image/heif' });
    expect(upload.fields['Content-Type']).toBe('image/heic');
  });
});

describe('preparePresign', () => {
  it("sends nothing itself: the caller's transaction carries the record, and the POST is signed for the same upload", async () => {
    const prepared = preparePresign({
      purpose: 'practice-attachment',
      owner: 'practice:p1',
      contentType: 'application/pdf',
      size: 4096,
    });
    expect(ddb.calls()).toHaveLength(0);
    expect(prepared.write.Put).toMatchObject({
      ConditionExpression: 'attribute_not_exists(pk)',
      Item: { id: prepared.uploadId, owner: 'practice:p1', status: 'pending', size: 4096 },
    });
    const upload = await prepared.sign();
    expect(upload.uploadId).toBe(prepared.uploadId);
    expect(upload.fields.key).toBe(`incoming/${prepared.uploadId}`);
    expect(policyOf(upload.fields).conditions).toContainEqual(['content-length-range', 4096, 4096]);
    expect(ddb.calls()).toHaveLength(0);
  });

  it('refuses a bad request before anything is prepared', () => {
    expect(() =>
      preparePresign({ purpose: 'practice-attachment', owner: 'p', contentType: 'text/html' }),
    ).toThrow(expect.objectContaining({ status: 400 }));
  });
});

describe('claimUpload', () => {
  const ID = '0b7e3d5c-1a2b-4c3d-8e9f-001122334455';
  const pending = (over: Record<string, unknown> = {}) => ({
    pk: `UPLOAD#${ID}`,
    sk: 'UPLOAD',
    id: ID,
    purpose: 'request-photo',
    owner: 'city:c1',
    status: 'pending',
    maxBytes: 10 * 1024 * 1024,
    ...over,
  });
  /** The SDK's stream body, of which the code uses one method. */
  type Body = NonNullable<GetObjectCommandOutput['Body']>;
  const incoming = (bytes: Uint8Array) =>
    s3
      .on(GetObjectCommand, { Key: `incoming/${ID}` })
      .resolves({ Body: { transformToByteArray: async () => bytes } as unknown as Body });

  it('publishes the photo without its GPS data under media/, marks it claimed once, and removes the unchecked file', async () => {
    // Prepare
    const photo = fixture('photo.jpg');
    ddb.on(GetCommand).resolves({ Item: pending({ contentType: 'image/jpeg', size: photo.length }) });
    ddb.on(TransactWriteCommand).resolves({});
    incoming(photo);
    s3.on(PutObjectCommand).resolves({});
    s3.on(DeleteObjectCommand).resolves({});

    // Act
    const claimed = await claimUpload(ID, { purpose: 'request-photo', owner: 'city:c1' });

    // Assess
    expect(claimed).toMatchObject({
      key: `media/request-photo/${ID}.jpg`,
      contentType: 'image/jpeg',
      url: `https://wego.example/media/request-photo/${ID}.jpg`,
    });
    const put = s3.commandCalls(PutObjectCommand)[0]?.args[0].input;
    expect(put).toMatchObject({ Bucket: 'wego-unit-uploads', Key: claimed.key, ContentType: 'image/jpeg' });
    const body = put?.Body as Uint8Array;
    expect(Buffer.from(body).includes('WeGOTestCam')).toBe(false);
    expect((await sharp(body).metadata()).width).toBe(120);
    const update = ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems?.[0]?.Update;
    expect(update?.ConditionExpression).toBe('#status = :pending AND purpose = :purpose AND #owner = :owner');
    expect(update?.ExpressionAttributeValues).toMatchObject({ ':claimed': 'claimed', ':key': claimed.key });
    expect(s3.commandCalls(DeleteObjectCommand)[0]?.args[0].input.Key).toBe(`incoming/${ID}`);
  });

  it('keeps a PDF private, under private/', async () => {
    ddb.on(GetCommand).resolves({ Item: pending({ purpose: 'application-form', owner: 'draft:d1' }) });
    ddb.on(TransactWriteCommand).resolves({});
    incoming(PDF);
    s3.on(PutObjectCommand).resolves({});

    const claimed = await claimUpload(ID, { purpose: 'application-form', owner: 'draft:d1' });

    expect(claimed.key).toBe(`private/application-form/${ID}.pdf`);
    expect(claimed.url).toBeUndefined();
    expect(s3.commandCalls(PutObjectCommand)[0]?.args[0].input.CacheControl).toBe('private, no-store');
  });

  it.each([
    ['a text file sent as a JPEG', new TextEncoder().encode('<html><script>alert(1)</script></html>'), {}],
    ['a PNG declared as a JPEG', fixture('photo.png'), { contentType: 'image/jpeg' }],
    ['a PDF as a photo', PDF, {}],
    ['more bytes than were declared', fixture('photo.jpg'), { size: 10 }],
  ])('refuses %s (400 on the file) and publishes nothing', async (_, bytes, over) => {
    ddb.on(GetCommand).resolves({ Item: pending(over) });
    incoming(bytes);

    await expect(claimUpload(ID, { purpose: 'request-photo', owner: 'city:c1' })).rejects.toMatchObject({
      status: 400,
      errors: [expect.objectContaining({ path: 'file' })],
    });
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('refuses an image that cannot be read rather than publish its metadata', async () => {
    const broken = fixture('photo.jpg').slice(0, 200);
    ddb.on(GetCommand).resolves({ Item: pending() });
    incoming(broken);
    await expect(claimUpload(ID, { purpose: 'request-photo', owner: 'city:c1' })).rejects.toSatisfy(
      (e: HttpError) => e.status === 400 || e.status === 409,
    );
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  it('answers 409 for an upload already claimed, before reading its file', async () => {
    ddb.on(GetCommand).resolves({ Item: pending({ status: 'claimed' }) });
    await expect(claimUpload(ID, { purpose: 'request-photo', owner: 'city:c1' })).rejects.toEqual(
      httpError(409),
    );
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
  });

  it('answers 409 when another claim won the race', async () => {
    ddb.on(GetCommand).resolves({ Item: pending() });
    incoming(fixture('photo.png'));
    s3.on(PutObjectCommand).resolves({});
    ddb.on(TransactWriteCommand).rejects(
      Object.assign(new Error('cancelled'), {
        name: 'TransactionCanceledException',
        CancellationReasons: [{ Code: 'ConditionalCheckFailed' }],
      }),
    );
    await expect(claimUpload(ID, { purpose: 'request-photo', owner: 'city:c1' })).rejects.toEqual(
      httpError(409),
    );
    expect(s3.commandCalls(DeleteObjectCommand)).toHaveLength(0);
  });

  it.each([
    ['an unknown upload', undefined],
    ["another owner's upload", pending({ owner: 'city:c2' })],
    ['an upload made for another purpose', pending({ purpose: 'practice-attachment' })],
  ])('answers 404 for %s', async (_, item) => {
    ddb.on(GetCommand).resolves({ Item: item });
    await expect(claimUpload(ID, { purpose: 'request-photo', owner: 'city:c1' })).rejects.toEqual(
      httpError(404),
    );
  });

  it('answers 409 when the file never arrived (S3 says AccessDenied for a missing key without ListBucket)', async () => {
    ddb.on(GetCommand).resolves({ Item: pending() });
    s3.on(GetObjectCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDenied' }));
    await expect(claimUpload(ID, { purpose: 'request-photo', owner: 'city:c1' })).rejects.toEqual(
      httpError(409),
    );
  });
});

describe('links', () => {
  it('signs a GET of a private file for five minutes, as a download', async () => {
    const url = new URL(await downloadUrl('private/application-form/x.pdf'));
    expect(url.hostname).toBe('wego-unit-uploads.s3.eu-west-1.amazonaws.com');
    expect(url.pathname).toBe('/private/application-form/x.pdf');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(url.searchParams.get('response-content-disposition')).toBe('attachment; filename="x.pdf"');
  });

  it('gives no link to anything but a checked private file', async () => {
    await expect(downloadUrl('incoming/x')).rejects.toThrow();
    await expect(downloadUrl('media/request-photo/x.jpg')).rejects.toThrow();
  });

  it('serves media from the site, never private files', () => {
    expect(mediaUrl('media/request-photo/a.webp')).toBe('https://wego.example/media/request-photo/a.webp');
    expect(() => mediaUrl('private/application-form/a.pdf')).toThrow();
  });
});

describe('sniffType', () => {
  it.each([
    ['photo.jpg', 'image/jpeg'],
    ['photo.png', 'image/png'],
    ['photo.webp', 'image/webp'],
    ['photo.heic', 'image/heic'],
  ])('finds %s to be %s from its bytes', async (name, type) => {
    expect(await sniffType(fixture(name))).toBe(type);
  });

  it('finds a PDF, and nothing in text or an SVG', async () => {
    expect(await sniffType(PDF)).toBe('application/pdf');
    expect(await sniffType(new TextEncoder().encode('just text'))).toBeUndefined();
    expect(
      await sniffType(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>')),
    ).toBeUndefined();
  });
});
