import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applicationForm, secretariat } from './membership-support.ts';
import { call } from './support.ts';

/**
 * The signed Membership Application Form through the API: a draft gets a presigned POST, the PDF goes
 * straight to the S3 stand-in, the draft attaches it (its type checked from its bytes), and the
 * submitted application keeps it; only the Secretariat's view of the application links to it.
 */
const PDF = readFileSync(join(import.meta.dirname, '../fixtures/files/signed-form.pdf'));
const JPEG = readFileSync(join(import.meta.dirname, '../fixtures/images/photo.jpg'));

async function newDraft() {
  const form = applicationForm();
  const res = await call('/application-drafts', {
    method: 'POST',
    json: { email: form.contact.email, language: 'fr', answers: form },
  });
  expect(res.status).toBe(201);
  return { id: res.body.id as string, headers: { 'draft-token': res.body.token as string }, form };
}
type TestDraft = Awaited<ReturnType<typeof newDraft>>;

const presign = (d: TestDraft, body: Record<string, unknown>) =>
  call(`/application-drafts/${d.id}/signed-form`, { method: 'POST', json: body, headers: d.headers });

const attach = (d: TestDraft, uploadId: string) =>
  call(`/application-drafts/${d.id}/signed-form`, { method: 'PUT', json: { uploadId }, headers: d.headers });

/** Posts the presigned fields, then the file, as a browser's form does. */
async function postFile(
  presigned: { url: string; fields: Record<string, string> },
  file: Buffer,
  name: string,
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(presigned.fields)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(file)]), name);
  const res = await fetch(presigned.url, { method: 'POST', body: form, redirect: 'manual' });
  return { status: res.status, location: res.headers.get('location') };
}

/** A draft with its PDF uploaded (declared exactly, as a script does) and not attached yet. */
async function uploaded(d: TestDraft, file = PDF, contentType = 'application/pdf') {
  const res = await presign(d, { contentType, size: file.length });
  expect(res.status).toBe(201);
  expect((await postFile(res.body, file, 'signed-form.pdf')).status).toBe(204);
  return res.body.uploadId as string;
}

describe('the signed form of a draft', () => {
  it('goes from a presigned POST to the application, where only the Secretariat gets a link to it', async () => {
    // Prepare
    const d = await newDraft();
    const uploadId = await uploaded(d);

    // Act
    const attached = await attach(d, uploadId);
    const again = await attach(d, uploadId);
    const submitted = await call(`/application-drafts/${d.id}/submit`, {
      method: 'POST',
      headers: d.headers,
    });
    const replay = await call(`/application-drafts/${d.id}/submit`, { method: 'POST', headers: d.headers });
    const view = await call(`/applications/${submitted.body.id}`, { token: await secretariat() });
    const file = await fetch(view.body.signedForm.downloadUrl);
    const listed = await call(`/applications?status=submitted&country=${d.form.city.country}&limit=100`, {
      token: await secretariat(),
    });
    const draftAfter = await call(`/application-drafts/${d.id}`, { headers: d.headers });

    // Assess
    expect(attached.status).toBe(200);
    expect(attached.body.signedForm).toEqual({ uploadId, size: PDF.length, uploadedAt: expect.any(String) });
    expect(attached.text).not.toContain('private/');
    expect(again.status).toBe(200);
    expect(submitted.status).toBe(201);
    expect(replay.status).toBe(201);
    expect(replay.body.id).toBe(submitted.body.id);
    expect(
      listed.body.items.filter((a: { city: { name: string } }) => a.city.name === d.form.city.name),
    ).toHaveLength(1);
    expect(view.status).toBe(200);
    expect(view.body.signedForm).toMatchObject({ size: PDF.length, uploadedAt: expect.any(String) });
    expect(Date.parse(view.body.signedForm.linkExpiresAt) - Date.now()).toBeLessThanOrEqual(5 * 60 * 1000);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="membership-application-/);
    expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true);
    // Neither the list, nor the draft, nor the public directory shows the file or its link.
    expect(listed.text).not.toMatch(/signedForm|private\//);
    expect(draftAfter.body.signedForm).toBeUndefined();
  });

  it('refuses a JPEG named .pdf with a 400 naming uploadId, and keeps the draft without a form', async () => {
    // Prepare: the form of a page without JavaScript declares nothing; the check decides.
    const d = await newDraft();
    const res = await presign(d, { redirect: '/fr/apply/signed-form' });
    expect((await postFile(res.body, JPEG, 'signed-form.pdf')).status).toBe(303);

    // Act
    const refused = await attach(d, res.body.uploadId);
    const draft = await call(`/application-drafts/${d.id}`, { headers: d.headers });

    // Assess
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toMatch(/problem\+json/);
    expect(refused.body.errors).toEqual([{ path: 'uploadId', message: 'must be one of application/pdf' }]);
    expect(draft.body.signedForm).toBeUndefined();
  });

  it("refuses another draft's upload as unknown, and a declared type that is not a PDF", async () => {
    // Prepare
    const mine = await newDraft();
    const theirs = await newDraft();
    const theirUpload = await uploaded(theirs);

    // Act
    const stolen = await attach(mine, theirUpload);
    const image = await presign(mine, { contentType: 'image/jpeg', size: JPEG.length });
    const noToken = await call(`/application-drafts/${mine.id}/signed-form`, {
      method: 'POST',
      json: {},
      headers: { 'draft-token': theirs.headers['draft-token'] },
    });
    const stillTheirs = await attach(theirs, theirUpload);

    // Assess
    expect(stolen.status).toBe(404);
    expect(image.status).toBe(400);
    expect(image.body.errors[0].path).toBe('body.contentType');
    expect(noToken.status).toBe(404);
    expect(stillTheirs.status).toBe(200);
  });

  it('answers 409 for an upload whose file never arrived, and leaves no link on an application without one', async () => {
    // Prepare
    const d = await newDraft();
    const res = await presign(d, { contentType: 'application/pdf', size: PDF.length });

    // Act
    const early = await attach(d, res.body.uploadId);
    const submitted = await call(`/application-drafts/${d.id}/submit`, {
      method: 'POST',
      headers: d.headers,
    });
    const view = await call(`/applications/${submitted.body.id}`, { token: await secretariat() });
    const afterSubmit = await presign(d, {});

    // Assess
    expect(early.status).toBe(409);
    expect(view.status).toBe(200);
    expect(view.body.signedForm).toBeUndefined();
    expect(afterSubmit.status).toBe(409);
  });
});
