import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import exifr from 'exifr';
import { expect } from 'vitest';
import { call } from './support.ts';

/** Photos for civic requests: the image fixtures (with GPS and camera data) and real presigned uploads. */
export const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures/images', name));

/** Posts the presigned fields, then the file, as a browser's form does. */
export async function postFile(presigned: { url: string; fields: Record<string, string> }, file: Buffer) {
  const form = new FormData();
  for (const [k, v] of Object.entries(presigned.fields)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(file)]), 'upload');
  const res = await fetch(presigned.url, { method: 'POST', body: form, redirect: 'manual' });
  return res.status;
}

/** An upload of `file` for a request of the city, through POST /cities/{cityId}/request-photos and S3. */
export async function uploadPhoto(cityId: string, file: Buffer, contentType?: string): Promise<string> {
  const res = await call(`/cities/${cityId}/request-photos`, {
    method: 'POST',
    json: contentType ? { contentType, size: file.length } : {},
  });
  expect(res.status).toBe(201);
  expect(await postFile(res.body, file)).toBe(204);
  return res.body.uploadId as string;
}

/** What a served photo is: its type, and whether any GPS or camera data is left in it. */
export async function served(url: string) {
  const res = await fetch(url);
  const bytes = Buffer.from(await res.arrayBuffer());
  const tags = (await exifr.parse(bytes).catch(() => undefined)) ?? {};
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    gps: (await exifr.gps(bytes).catch(() => undefined)) !== undefined,
    camera: 'Make' in tags || 'Model' in tags,
  };
}
