import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  GetObjectCommand,
  type GetObjectCommandOutput,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { stubUploadsEnv } from '../support/uploads-env.ts';

/** A request's photos (cps/photos.ts): every photo at fault named by its field, the status of the worst. */
stubUploadsEnv();
const { claimUploadedPhotos, receivedPhotos } = await import('../../../functions/cps/photos.ts');

const ddb = mockClient(DynamoDBDocumentClient);
const s3 = mockClient(S3Client);
const photo = new Uint8Array(readFileSync(join(import.meta.dirname, '../../fixtures/images/photo.jpg')));
type Body = NonNullable<GetObjectCommandOutput['Body']>;

const ids = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'] as const;
const upload = (id: string, over: Record<string, unknown> = {}) => ({
  pk: `UPLOAD#${id}`,
  sk: 'UPLOAD',
  id,
  purpose: 'request-photo',
  owner: 'city:c1',
  status: 'pending',
  maxBytes: 10 * 1024 * 1024,
  ...over,
});
const uploaded = (id: string, over: Record<string, unknown> = {}) =>
  ddb.on(GetCommand, { Key: { pk: `UPLOAD#${id}`, sk: 'UPLOAD' } }).resolves({ Item: upload(id, over) });

beforeEach(() => {
  stubUploadsEnv();
  ddb.reset();
  s3.reset();
  s3.on(GetObjectCommand).resolves({ Body: { transformToByteArray: async () => photo } as unknown as Body });
  s3.on(PutObjectCommand).resolves({});
});

describe('claimUploadedPhotos', () => {
  it('hands back the claims of the city’s photos, in order, with their addresses', async () => {
    uploaded(ids[0]);
    uploaded(ids[1]);
    const photos = await claimUploadedPhotos('c1', ids).prepared;
    expect(photos.map((p) => p.upload.url)).toEqual(
      ids.map((id) => `https://wego.example/media/request-photo/${id}.jpg`),
    );
    expect(photos.every((p) => p.claim.Update?.ConditionExpression?.includes('#owner = :owner'))).toBe(true);
  });

  it.each([
    ['another purpose’s upload', { purpose: 'practice-attachment' }],
    ['another city’s photo', { owner: 'city:c2' }],
  ])('refuses %s as unknown, naming it (400)', async (_, over) => {
    uploaded(ids[0]);
    uploaded(ids[1], over);
    await expect(claimUploadedPhotos('c1', ids).prepared).rejects.toMatchObject({
      status: 400,
      errors: [{ path: 'body.media.1', message: "is not a photo uploaded for this city's requests" }],
    });
  });

  it('answers 409 when every fault is a photo already attached, 400 when any is refused', async () => {
    uploaded(ids[0], { status: 'claimed' });
    uploaded(ids[1]);
    await expect(claimUploadedPhotos('c1', ids).prepared).rejects.toMatchObject({
      status: 409,
      errors: [{ path: 'body.media.0', message: expect.stringContaining('already attached') }],
    });
    uploaded(ids[1], { owner: 'city:c2' });
    await expect(claimUploadedPhotos('c1', ids).prepared).rejects.toMatchObject({
      status: 400,
      errors: [{ path: 'body.media.0' }, { path: 'body.media.1' }],
    });
  });
});

describe('receivedPhotos', () => {
  it('checks and publishes a file a client sent, recording it as a claimed upload of the city', async () => {
    const [received] = await receivedPhotos('c1', [{ bytes: photo, path: 'body.media' }]).prepared;
    const put = s3.commandCalls(PutObjectCommand)[0]?.args[0].input;
    expect(Buffer.from(put?.Body as Uint8Array).includes('WeGOTestCam')).toBe(false);
    expect(received?.upload.url).toMatch(/^https:\/\/wego\.example\/media\/request-photo\/[\w-]+\.jpg$/);
    expect(received?.claim.Put?.Item).toMatchObject({
      status: 'claimed',
      owner: 'city:c1',
      purpose: 'request-photo',
    });
    expect(received?.claim.Put?.ConditionExpression).toBe('attribute_not_exists(pk)');
  });

  it('refuses a file that is not an image, or larger than 10 MB, naming its part', async () => {
    const text = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>');
    const large = new Uint8Array(10 * 1024 * 1024 + 1);
    large.set(photo);
    const files = [photo, text, large].map((bytes, i) => ({ bytes, path: `body.photo${i + 1}` }));
    await expect(receivedPhotos('c1', files).prepared).rejects.toMatchObject({
      status: 400,
      errors: [
        { path: 'body.photo2', message: expect.stringContaining('must be one of') },
        { path: 'body.photo3', message: expect.stringContaining('at most 10485760 bytes') },
      ],
    });
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(1);
  });

  it('publishes nothing when the check it waits for fails', async () => {
    const refused = receivedPhotos(
      'c1',
      [{ bytes: photo, path: 'body.media' }],
      Promise.reject(new Error('no key')),
    );
    await expect(refused.prepared).rejects.toThrow('no key');
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
  });
});
