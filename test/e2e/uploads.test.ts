import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import exifr from 'exifr';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS } from '../../lib/local/dynamodb.ts';
import { LOCAL_REGION } from '../../lib/local/template.ts';
import { siteUrl } from './browser.ts';
import { associateCity, submit } from './membership-support.ts';
import { call, tableName, template } from './support.ts';

/**
 * Files straight from the client to the S3 stand-in with a presigned POST, then checked: the public
 * photo route, refused uploads, a photo claimed and served by the local CloudFront without its GPS
 * data, a PDF readable only through a short-lived link, and a second claim refused. Claims run here,
 * with the uploads module pointed at the local stack as a function's environment points it (no route
 * claims yet: features attach uploads through it).
 */
const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures/images', name));
const PDF = Buffer.from(
  '%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);
const s3Endpoint = () => process.env.E2E_S3_ENDPOINT as string;

let uploads: typeof import('../../functions/uploads/uploads.ts');
let bucket: string;
let cityId: string;

beforeAll(async () => {
  const env = template()
    .functions()
    .find((f) => f.environment.UPLOADS_BUCKET)?.environment;
  bucket = env?.UPLOADS_BUCKET as string;
  Object.assign(process.env, {
    TABLE_NAME: tableName(),
    UPLOADS_BUCKET: bucket,
    PUBLIC_BASE_URL: siteUrl(),
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: process.env.E2E_DYNAMODB_ENDPOINT,
    AWS_ENDPOINT_URL_S3: s3Endpoint(),
  });
  uploads = await import('../../functions/uploads/uploads.ts');
  cityId = (await associateCity()).id;
});

/** Posts the presigned fields, then the file, as a browser's form does. */
async function postFile(
  presigned: { url: string; fields: Record<string, string> },
  file: Buffer,
  over: Record<string, string> = {},
) {
  const form = new FormData();
  for (const [k, v] of Object.entries({ ...presigned.fields, ...over })) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(file)]), 'upload');
  const res = await fetch(presigned.url, { method: 'POST', body: form, redirect: 'manual' });
  return { status: res.status, text: await res.text(), location: res.headers.get('location') };
}

const askPhoto = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  call(`/cities/${cityId}/request-photos`, { method: 'POST', json: body, headers });

describe('POST /cities/{cityId}/request-photos', () => {
  it('answers a presigned POST to the S3 stand-in that accepts the declared photo', async () => {
    // Prepare
    const photo = fixture('photo.jpg');

    // Act
    const res = await askPhoto({ contentType: 'image/jpeg', size: photo.length });
    const posted = await postFile(res.body, photo);

    // Assess
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ maxBytes: photo.length, fields: { 'Content-Type': 'image/jpeg' } });
    expect(new URL(res.body.url).origin).toBe(s3Endpoint());
    expect(Date.parse(res.body.expiresAt) - Date.now()).toBeGreaterThan(14 * 60 * 1000);
    expect(posted.status).toBe(204);
  });

  it('gives the same upload again for a retried Idempotency-Key', async () => {
    const key = randomUUID();
    const first = await askPhoto({ contentType: 'image/png', size: 10 }, { 'idempotency-key': key });
    const again = await askPhoto({ contentType: 'image/png', size: 10 }, { 'idempotency-key': key });
    expect(again.status).toBe(201);
    expect(again.body.uploadId).toBe(first.body.uploadId);
  });

  it('is for member cities only', async () => {
    const applicant = await submit();
    expect((await call(`/cities/${applicant.id}/request-photos`, { method: 'POST', json: {} })).status).toBe(
      409,
    );
    expect((await call(`/cities/no-such-city/request-photos`, { method: 'POST', json: {} })).status).toBe(
      404,
    );
  });

  it.each([
    [{ contentType: 'image/gif' }, 'body.contentType'],
    [{ contentType: 'application/pdf' }, 'body.contentType'],
    [{ size: 10 * 1024 * 1024 + 1 }, 'body.size'],
    [{ redirect: 'https://evil.example/' }, 'body.redirect'],
    [{ owner: 'someone' }, 'body.owner'],
  ])('refuses %j naming the field', async (body, path) => {
    const res = await askPhoto(body);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
  });
});

describe('the S3 stand-in refuses what S3 refuses', () => {
  it('refuses a file larger than declared, another type, another key, a tampered policy', async () => {
    const photo = fixture('photo.jpg');
    const presigned = async () => (await askPhoto({ contentType: 'image/jpeg', size: 100 })).body;
    const policyOf = (p: { fields: Record<string, string> }) =>
      Buffer.from(p.fields.Policy as string, 'base64').toString();

    const tooLarge = await postFile(await presigned(), photo);
    const otherType = await postFile(await presigned(), photo.subarray(0, 100), {
      'Content-Type': 'text/html',
    });
    const otherKey = await postFile(await presigned(), photo.subarray(0, 100), {
      key: 'media/unchecked.jpg',
    });
    const original = await presigned();
    const tampered = await postFile(original, photo, {
      Policy: Buffer.from(policyOf(original).replaceAll(',100,100]', ',1,20000000]')).toString('base64'),
    });

    expect(tooLarge.status).toBe(400);
    expect(tooLarge.text).toContain('EntityTooLarge');
    expect(otherType.status).toBe(403);
    expect(otherType.text).toContain('Policy Condition failed');
    expect(otherKey.status).toBe(403);
    expect(tampered.status).toBe(403);
    expect(tampered.text).toContain('SignatureDoesNotMatch');
    expect((await fetch(`${siteUrl()}/media/unchecked.jpg`)).status).toBe(403);
  });

  it('refuses a policy past its expiration', async () => {
    // A policy of one second, signed with the local credentials as the functions sign theirs.
    const client = new S3Client({
      endpoint: s3Endpoint(),
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    const presigned = await createPresignedPost(client, {
      Bucket: bucket,
      Key: 'incoming/late',
      Conditions: [['content-length-range', 1, 1000]],
      Expires: 1,
    });
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const res = await postFile(presigned, Buffer.from('late'));
    expect(res.status).toBe(403);
    expect(res.text).toContain('Policy expired');
  });

  it('sends a form without JavaScript back to the page it names', async () => {
    const res = await askPhoto({ redirect: '/en/report/photos' });
    const posted = await postFile(res.body, fixture('photo.webp'));
    expect(posted.status).toBe(303);
    const location = new URL(posted.location ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(`${siteUrl()}/en/report/photos`);
    expect(location.searchParams.get('upload')).toBe(res.body.uploadId);
  });
});

describe('claimed uploads', () => {
  it('serves a claimed photo at /media/ through the local CloudFront, without its GPS data, once', async () => {
    // Prepare
    const photo = fixture('photo.jpg');
    const { body } = await askPhoto({ contentType: 'image/jpeg', size: photo.length });
    expect((await postFile(body, photo)).status).toBe(204);
    const owner = `city:${cityId}`;

    // Act
    const claimed = await uploads.claimUpload(body.uploadId, { purpose: 'request-photo', owner });
    const served = await fetch(claimed.url as string);
    const bytes = Buffer.from(await served.arrayBuffer());

    // Assess
    expect(new URL(claimed.url as string).origin).toBe(siteUrl());
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect(served.headers.get('content-security-policy')).toContain('sandbox');
    expect(await exifr.gps(bytes).catch(() => undefined)).toBeUndefined();
    expect(bytes.includes('WeGOTestCam')).toBe(false);
    expect((await sharp(bytes).metadata()).width).toBe(120);
    // The unchecked file is gone; a second claim is refused.
    const client = new S3Client({
      endpoint: s3Endpoint(),
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    await expect(
      client.send(new HeadObjectCommand({ Bucket: bucket, Key: `incoming/${body.uploadId}` })),
    ).rejects.toMatchObject({
      name: 'NotFound',
    });
    await expect(
      uploads.claimUpload(body.uploadId, { purpose: 'request-photo', owner }),
    ).rejects.toMatchObject({
      status: 409,
    });
    expect(await exifr.gps(photo)).toBeDefined();
  });

  it('refuses to claim a photo for another city, or a file that is not what was declared', async () => {
    const { body } = await askPhoto({ contentType: 'image/png' });
    expect((await postFile(body, PDF)).status).toBe(204);
    await expect(
      uploads.claimUpload(body.uploadId, { purpose: 'request-photo', owner: 'city:another' }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      uploads.claimUpload(body.uploadId, { purpose: 'request-photo', owner: `city:${cityId}` }),
    ).rejects.toMatchObject({ status: 400 });
  });

  it('keeps a claimed PDF private: readable only through a short-lived link', async () => {
    // Prepare
    const owner = `draft:${randomUUID()}`;
    const presigned = await uploads.presignUpload({
      purpose: 'application-form',
      owner,
      contentType: 'application/pdf',
      size: PDF.length,
    });
    expect((await postFile(presigned, PDF)).status).toBe(204);

    // Act
    const claimed = await uploads.claimUpload(presigned.uploadId, { purpose: 'application-form', owner });
    const link = await uploads.downloadUrl(claimed.key);

    // Assess
    expect(claimed.key).toMatch(/^private\/application-form\/.+\.pdf$/);
    const downloaded = await fetch(link);
    expect(downloaded.status).toBe(200);
    expect(Buffer.from(await downloaded.arrayBuffer())).toEqual(PDF);
    expect(downloaded.headers.get('content-disposition')).toContain('attachment');
    expect((await fetch(`${s3Endpoint()}/${bucket}/${claimed.key}`)).status).toBe(403);
    // Not through the CDN either, however the path is written.
    for (const path of [`/media/../${claimed.key}`, `/media/%2e%2e/${claimed.key}`, `/${claimed.key}`]) {
      expect((await fetch(`${siteUrl()}${path}`)).status, path).not.toBe(200);
    }
    expect(
      (await fetch(link.replace(/X-Amz-Signature=[0-9a-f]{8}/, 'X-Amz-Signature=00000000'))).status,
    ).toBe(403);
  });
});

describe('the pages', () => {
  it('let forms post files to the uploads origin and scripts send them there', async () => {
    const csp = (await fetch(`${siteUrl()}/en/`)).headers.get('content-security-policy') ?? '';
    const directive = (name: string) => csp.split(';').find((d) => d.trim().startsWith(name)) ?? '';
    expect(directive('form-action')).toContain(s3Endpoint());
    expect(directive('connect-src')).toContain(s3Endpoint());
    expect(directive('img-src')).not.toContain(s3Endpoint());
  });
});
