import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { applicationForm, associateCity, secretariat } from './membership-support.ts';
import { call, tokenFor } from './support.ts';

/**
 * Attachments of a practice on the local stack, with real presigned POSTs to the S3 stand-in: a PDF
 * attached to a draft, listed with its name, type and size, downloadable by the city and the
 * Secretariat only until the practice is published, then by anyone; a text file renamed .pdf refused;
 * another city's representative refused at every step; a removal during a change leaves the published
 * version's attachment downloadable until the change is published.
 */
const tag = randomUUID().slice(0, 8);
const PDF = Buffer.from(
  `%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n% ${tag}\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`,
);
const TEXT = Buffer.from(`Not a PDF at all, only text (${tag}).\n`);

const practiceBody = {
  title: `Open budget ${tag}`,
  summary: 'Residents read the whole budget online.',
  language: 'en',
  themes: ['open-inclusive-city'],
  sections: { problem: 'Nobody read the budget.', solution: 'A readable budget site.' },
};

/** Posts the presigned fields, then the file, as a browser's form does. */
async function postFile(presigned: { url: string; fields: Record<string, string> }, file: Buffer) {
  const form = new FormData();
  for (const [k, v] of Object.entries(presigned.fields)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(file)]), 'upload');
  return fetch(presigned.url, { method: 'POST', body: form, redirect: 'manual' });
}

/** Presigns, uploads and attaches a file; answers the attach call. */
async function upload(id: string, token: string, fileName: string, file: Buffer) {
  const presigned = await call(`/practices/${id}/attachments`, {
    method: 'POST',
    token,
    json: { fileName, contentType: 'application/pdf', size: file.length },
  });
  expect(presigned.status).toBe(201);
  expect((await postFile(presigned.body, file)).status).toBe(204);
  const attached = await call(`/practices/${id}/attachments/${presigned.body.uploadId}`, {
    method: 'PUT',
    token,
  });
  return { uploadId: presigned.body.uploadId as string, attached };
}

describe('knowledge sharing: attachments', () => {
  it('attaches a checked PDF, refuses a renamed text file and another city, and serves downloads by publication', {
    timeout: 120_000,
  }, async () => {
    // Prepare: two member cities, a draft of the first.
    const sec = await secretariat();
    const lima = await associateCity(
      applicationForm({ name: `Lima ${tag}`, country: 'PE', region: 'americas' }),
    );
    const seoul = await associateCity(
      applicationForm({ name: `Seoul ${tag}`, country: 'KR', region: 'asia' }),
    );
    const lim = await tokenFor('member', lima.form.contact.email);
    const seo = await tokenFor('member', seoul.form.contact.email);
    const created = await call('/practices', { method: 'POST', token: lim, json: practiceBody });
    expect(created.status).toBe(201);
    const id = created.body.id as string;

    // Another city's representative cannot even ask to upload (the draft is not theirs to see).
    const foreign = await call(`/practices/${id}/attachments`, {
      method: 'POST',
      token: seo,
      json: { fileName: 'x.pdf', contentType: 'application/pdf', size: PDF.length },
    });
    expect(foreign.status).toBe(404);
    expect(foreign.headers.get('content-type')).toContain('application/problem+json');
    // A body with an unknown field or a type that is no attachment's is a 400.
    for (const json of [
      { fileName: 'x.pdf', contentType: 'application/pdf', size: 10, extra: 1 },
      { fileName: 'x.exe', contentType: 'application/x-msdownload', size: 10 },
      { fileName: 'x.pdf', contentType: 'application/pdf', size: 21 * 1024 * 1024 },
    ]) {
      expect((await call(`/practices/${id}/attachments`, { method: 'POST', token: lim, json })).status).toBe(
        400,
      );
    }

    // Act: a PDF attached.
    const pdf = await upload(id, lim, `Budget report ${tag}.pdf`, PDF);

    // Assess: listed with name, type and size, and attaching again is a harmless retry.
    expect(pdf.attached.status).toBe(200);
    expect(pdf.attached.body.attachments).toEqual([
      expect.objectContaining({
        id: pdf.uploadId,
        fileName: `Budget report ${tag}.pdf`,
        contentType: 'application/pdf',
        size: PDF.length,
      }),
    ]);
    const again = await call(`/practices/${id}/attachments/${pdf.uploadId}`, { method: 'PUT', token: lim });
    expect(again.status).toBe(200);
    expect(again.body.attachments).toHaveLength(1);

    // A text file renamed .pdf: its bytes say text, the attach refuses it and lists nothing.
    const fake = await upload(id, lim, 'report.pdf', TEXT);
    expect(fake.attached.status).toBe(400);
    expect(fake.attached.body.errors).toEqual([expect.objectContaining({ path: 'file' })]);
    expect((await call(`/practices/${id}`, { token: lim })).body.attachments).toHaveLength(1);

    // Another city's representative can neither attach, remove nor download the draft's file.
    const download = `/practices/${id}/attachments/${pdf.uploadId}`;
    expect((await call(download, { method: 'PUT', token: seo })).status).toBe(404);
    expect((await call(download, { method: 'DELETE', token: seo })).status).toBe(404);
    expect((await call(download, { token: seo })).status).toBe(404);
    expect((await call(download)).status).toBe(404);
    // The Secretariat and the city download it through a short-lived link.
    for (const token of [sec, lim]) {
      const link = await call(download, { token });
      expect(link.status).toBe(200);
      expect(link.headers.get('cache-control')).toBe('private, no-store');
      const file = await fetch(link.body.url);
      expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true);
    }

    // Published: anyone downloads it; another city still cannot remove it.
    expect((await call(`/practices/${id}/submit`, { method: 'POST', token: lim })).status).toBe(200);
    expect((await call(`/practices/${id}/publish`, { method: 'POST', token: sec })).status).toBe(200);
    const publicView = await call(`/practices/${id}`);
    expect(publicView.body.attachments).toEqual([
      expect.objectContaining({ id: pdf.uploadId, contentType: 'application/pdf', size: PDF.length }),
    ]);
    const link = await call(download);
    expect(link.status).toBe(200);
    expect(link.body).toMatchObject({ fileName: `Budget report ${tag}.pdf`, size: PDF.length });
    const file = await fetch(link.body.url);
    expect(file.headers.get('content-disposition')).toContain('attachment');
    expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true);
    expect((await call(download, { method: 'DELETE', token: seo })).status).toBe(403);

    // Removed in a change: the public version keeps it until the change is published.
    const removed = await call(download, { method: 'DELETE', token: lim });
    expect(removed.status).toBe(200);
    expect(removed.body.working.change).toBe('draft');
    expect(removed.body.working.attachments).toEqual([]);
    expect(removed.body.attachments).toHaveLength(1);
    expect((await call(download)).status).toBe(200);
    expect((await call(`/practices/${id}/submit`, { method: 'POST', token: lim })).status).toBe(200);
    expect((await call(`/practices/${id}/publish`, { method: 'POST', token: sec })).status).toBe(200);
    expect((await call(`/practices/${id}`)).body.attachments).toEqual([]);
    expect((await call(download)).status).toBe(404);
  });

  it('attaches at most 10 files to a practice: the 11th is refused at its presign and at its attach', {
    timeout: 120_000,
  }, async () => {
    // Prepare: a draft with 9 files, and two more presigned and posted.
    const city = await associateCity(
      applicationForm({ name: `Quito ${tag}`, country: 'EC', region: 'americas' }),
    );
    const rep = await tokenFor('member', city.form.contact.email);
    const id = (await call('/practices', { method: 'POST', token: rep, json: practiceBody })).body
      .id as string;
    for (let n = 0; n < 9; n++)
      expect((await upload(id, rep, `part ${n}.pdf`, PDF)).attached.status).toBe(200);
    const presign = () =>
      call(`/practices/${id}/attachments`, {
        method: 'POST',
        token: rep,
        json: { fileName: 'more.pdf', contentType: 'application/pdf', size: PDF.length },
      });
    const [tenth, eleventh] = [(await presign()).body, (await presign()).body];
    for (const p of [tenth, eleventh]) expect((await postFile(p, PDF)).status).toBe(204);

    // Act
    const attach = (p: { uploadId: string }) =>
      call(`/practices/${id}/attachments/${p.uploadId}`, { method: 'PUT', token: rep });
    const tenthAttached = await attach(tenth);
    const eleventhAttached = await attach(eleventh);

    // Assess
    expect(tenthAttached.status).toBe(200);
    expect(tenthAttached.body.attachments).toHaveLength(10);
    expect(eleventhAttached.status).toBe(409);
    expect((await presign()).status).toBe(409);
    expect((await call(`/practices/${id}`, { token: rep })).body.attachments).toHaveLength(10);
  });
});
