import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LocalS3 } from '../../../lib/local/s3.ts';
import { freePort } from '../../support/free-port.ts';

/** The S3 stand-in (s3rver behind lib/local/s3.ts) does what S3 does for the calls and uploads the app makes. */
const BUCKET = 'UploadsBucket';
const SITE = 'http://127.0.0.1:8080';
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
let clock = Date.now();
let s3: LocalS3;
let client: S3Client;
let endpoint: string;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wego-s3-'));
  const port = await freePort();
  s3 = new LocalS3({
    directory: dir,
    buckets: [
      {
        name: BUCKET,
        cors: [
          {
            allowedOrigins: [SITE],
            allowedMethods: ['POST'],
            allowedHeaders: ['*'],
            exposedHeaders: ['ETag'],
          },
        ],
        expirations: [{ prefix: 'incoming/', days: 1 }],
      },
    ],
    credentials,
    region: 'us-east-1',
    onError: (m) => {
      throw new Error(m);
    },
    now: () => clock,
  });
  await s3.listen(port);
  endpoint = `http://127.0.0.1:${port}`;
  client = new S3Client({ endpoint, region: 'us-east-1', credentials });
});

afterAll(async () => {
  client?.destroy();
  await s3?.close();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  clock = Date.now();
});

const text = async (res: Response) => ({ status: res.status, body: await res.text() });

describe('the S3 API, signed with Signature Version 4', () => {
  it('puts, heads, gets, copies, lists and deletes objects', async () => {
    await client.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'private/a.pdf',
        Body: Buffer.from('%PDF-1.7 x'),
        ContentType: 'application/pdf',
      }),
    );
    expect(
      (await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'private/a.pdf' }))).ContentLength,
    ).toBe(10);
    const got = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'private/a.pdf' }));
    expect(got.ContentType).toBe('application/pdf');
    expect(await got.Body?.transformToString()).toBe('%PDF-1.7 x');
    await client.send(
      new CopyObjectCommand({ Bucket: BUCKET, Key: 'private/b.pdf', CopySource: `${BUCKET}/private/a.pdf` }),
    );
    const listed = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'private/' }));
    expect(listed.Contents?.map((c) => c.Key)).toEqual(['private/a.pdf', 'private/b.pdf']);
    await client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'private/b.pdf' }));
    await expect(
      client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'private/b.pdf' })),
    ).rejects.toMatchObject({
      name: 'NotFound',
    });
  });

  it('refuses anonymous requests (the buckets block public access)', async () => {
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'private/c.pdf', Body: 'x' }));
    const res = await text(await fetch(`${endpoint}/${BUCKET}/private/c.pdf`));
    expect(res.status).toBe(403);
    expect(res.body).toContain('<Code>AccessDenied</Code>');
    expect(
      (await fetch(`${endpoint}/${BUCKET}/private/c.pdf`, { method: 'PUT', body: 'overwritten' })).status,
    ).toBe(403);
  });

  it('refuses a request signed with another secret', async () => {
    const forger = new S3Client({
      endpoint,
      region: 'us-east-1',
      credentials: { ...credentials, secretAccessKey: 'guess' },
    });
    await expect(
      forger.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'private/c.pdf' })),
    ).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch',
    });
    forger.destroy();
  });

  it('serves a presigned GET until it expires, and not once tampered with', async () => {
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'private/d.pdf', Body: 'secret' }));
    const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: BUCKET, Key: 'private/d.pdf' }), {
      expiresIn: 300,
    });
    expect(await text(await fetch(url))).toEqual({ status: 200, body: 'secret' });
    expect((await fetch(url.replace('private/d.pdf', 'private/c.pdf'))).status).toBe(403);
    expect((await fetch(url.replace('X-Amz-Expires=300', 'X-Amz-Expires=900'))).status).toBe(403);
    clock += 301_000;
    const expired = await text(await fetch(url));
    expect(expired.status).toBe(403);
    expect(expired.body).toContain('Request has expired');
  });

  it('refuses keys that would climb out of the bucket folder', async () => {
    await expect(
      client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'a/../../escape', Body: 'x' })),
    ).rejects.toMatchObject({
      $metadata: { httpStatusCode: 400 },
    });
  });
});

describe('POST Object: browser uploads under a signed policy', () => {
  const presign = (key = 'incoming/u1', o: { max?: number; redirect?: string; status?: string } = {}) =>
    createPresignedPost(client, {
      Bucket: BUCKET,
      Key: key,
      Conditions: [
        ['content-length-range', 1, o.max ?? 1000],
        ['eq', '$Content-Type', 'image/jpeg'],
      ],
      Fields: {
        'Content-Type': 'image/jpeg',
        ...(o.redirect ? { success_action_redirect: o.redirect } : {}),
        ...(o.status ? { success_action_status: o.status } : {}),
      },
      Expires: 900,
    });

  const post = (
    fields: Record<string, string>,
    file = 'jpeg bytes',
    headers: Record<string, string> = {},
  ) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', new Blob([file]), 'photo.jpg');
    return fetch(`${endpoint}/${BUCKET}`, { method: 'POST', body: form, headers, redirect: 'manual' });
  };

  it('stores a file within the policy (204), with the policy type', async () => {
    const { fields } = await presign('incoming/ok');
    expect((await post(fields)).status).toBe(204);
    const head = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'incoming/ok' }));
    expect(head).toMatchObject({ ContentType: 'image/jpeg', ContentLength: 10 });
  });

  it('answers 201 with the PostResponse, or 303 to the redirect, as the form asks', async () => {
    const created = await post((await presign('incoming/s201', { status: '201' })).fields);
    expect(created.status).toBe(201);
    expect(await created.text()).toContain('<Key>incoming/s201</Key>');
    const redirected = await post(
      (await presign('incoming/s303', { redirect: `${SITE}/en/report?upload=1` })).fields,
    );
    expect(redirected.status).toBe(303);
    const location = new URL(redirected.headers.get('location') ?? '');
    expect(location.origin + location.pathname).toBe(`${SITE}/en/report`);
    expect(location.searchParams.get('upload')).toBe('1');
    expect(location.searchParams.get('key')).toBe('incoming/s303');
  });

  it('lets the site read the answer of a scripted upload (CORS)', async () => {
    const res = await post((await presign('incoming/cors')).fields, 'jpeg bytes', { origin: SITE });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(SITE);
    const refused = await post((await presign('incoming/cors2', { max: 2 })).fields, 'jpeg bytes', {
      origin: SITE,
    });
    expect(refused.headers.get('access-control-allow-origin')).toBe(SITE);
  });

  const refusals: [string, () => Promise<Response>, number, string][] = [
    [
      'a file over the size range',
      async () => post((await presign('incoming/big', { max: 5 })).fields, 'six bytes'),
      400,
      'EntityTooLarge',
    ],
    ['an empty file', async () => post((await presign('incoming/empty')).fields, ''), 400, 'EntityTooSmall'],
    [
      'another Content-Type than the policy fixes',
      async () => post({ ...(await presign('incoming/type')).fields, 'Content-Type': 'text/html' }),
      403,
      'Policy Condition failed',
    ],
    [
      'a key outside the policy',
      async () => post({ ...(await presign('incoming/mine')).fields, key: 'media/not-checked.jpg' }),
      403,
      'Policy Condition failed',
    ],
    [
      'a field the policy does not name',
      async () => post({ ...(await presign('incoming/extra')).fields, 'x-amz-meta-owner': 'me' }),
      403,
      'Extra input fields: x-amz-meta-owner',
    ],
    [
      'a policy edited after signing',
      async () => {
        const { fields } = await presign('incoming/forged', { max: 5 });
        const policy = Buffer.from(fields.Policy as string, 'base64')
          .toString()
          .replace(',1,5]', ',1,5000000]');
        return post({ ...fields, Policy: Buffer.from(policy).toString('base64') }, 'six bytes');
      },
      403,
      'SignatureDoesNotMatch',
    ],
    [
      'a signature made with another secret',
      async () => {
        const forger = new S3Client({
          endpoint,
          region: 'us-east-1',
          credentials: { ...credentials, secretAccessKey: 'guess' },
        });
        const { fields } = await createPresignedPost(forger, {
          Bucket: BUCKET,
          Key: 'incoming/f',
          Expires: 60,
        });
        return post(fields);
      },
      403,
      'SignatureDoesNotMatch',
    ],
    [
      'a policy past its expiration',
      async () => {
        const { fields } = await presign('incoming/late');
        clock += 901_000;
        return post(fields);
      },
      403,
      'Policy expired',
    ],
    [
      'no policy at all',
      async () => post({ key: 'incoming/anon', 'Content-Type': 'image/jpeg' }),
      403,
      'AccessDenied',
    ],
  ];

  it.each(refusals)('refuses %s and stores nothing', async (_, send, status, says) => {
    const res = await send();
    expect(res.status).toBe(status);
    expect(await res.text()).toContain(says);
    clock = Date.now();
    const listed = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'incoming/' }));
    const keys = listed.Contents?.map((c) => c.Key) ?? [];
    for (const key of [
      'incoming/big',
      'incoming/empty',
      'incoming/type',
      'media/not-checked.jpg',
      'incoming/extra',
      'incoming/forged',
      'incoming/f',
      'incoming/late',
      'incoming/anon',
    ]) {
      expect(keys).not.toContain(key);
    }
  });
});

describe('lifecycle', () => {
  it('expires objects under a rule prefix after its days, and leaves the others', async () => {
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'incoming/old', Body: 'x' }));
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'media/kept.jpg', Body: 'x' }));
    expect(await s3.expire()).toBe(0);
    clock += 24 * 60 * 60 * 1000 + 1000;
    const listed = async () =>
      ((await client.send(new ListObjectsV2Command({ Bucket: BUCKET }))).Contents ?? []).map((c) => c.Key);
    await s3.expire();
    clock = Date.now();
    expect(await listed()).not.toContain('incoming/old');
    expect(await listed()).toContain('media/kept.jpg');
  });
});

describe('a restart', () => {
  it('keeps the objects (they live in the state folder)', async () => {
    // Prepare: a second stand-in on its own folder, with an object in it.
    const folder = mkdtempSync(join(tmpdir(), 'wego-s3-restart-'));
    const options = {
      directory: folder,
      buckets: [{ name: BUCKET, cors: [], expirations: [] }],
      credentials,
      region: 'us-east-1',
      onError: () => undefined,
    };
    const port = await freePort();
    const first = new LocalS3(options);
    await first.listen(port);
    const own = new S3Client({ endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', credentials });
    await own.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'media/kept.webp', Body: 'webp' }));
    await first.close();

    // Act
    const second = new LocalS3(options);
    await second.listen(port);
    const got = await own.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'media/kept.webp' }));

    // Assess
    expect(await got.Body?.transformToString()).toBe('webp');
    own.destroy();
    await second.close();
    rmSync(folder, { recursive: true, force: true });
  });
});
