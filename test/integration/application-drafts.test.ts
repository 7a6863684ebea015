import { createHash, randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';

import type { Draft } from '../../functions/membership/draft-schema.ts';

process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
const { ddb, tableName } = await import('../../functions/shared/ddb.ts');
const { HttpError } = await import('../../functions/shared/problem.ts');
const { createDraft, getDraft, replaceDraft, submitDraft } = await import(
  '../../functions/membership/drafts.ts'
);
const { draftLinkEmail, applicationReceivedEmail } = await import('../../functions/membership/emails.ts');
const { draftKey, cityKey } = await import('../../functions/membership/keys.ts');

/**
 * Drafts of the application form on DynamoDB Local: the token is kept only as its hash, a wrong one
 * opens nothing, a draft expires, and submitting it makes exactly one application even when two
 * submissions race.
 */
const tag = () => randomUUID().slice(0, 8);
const link = (draft: Draft, token: string) =>
  draftLinkEmail({
    to: draft.email ?? '',
    lang: draft.language,
    url: `https://wego.example/en/apply/resume?token=${token}`,
    expiresAt: draft.expiresAt,
  });

function answers(t = tag()) {
  return {
    contact: { name: 'Ana', email: `ana-${t}@city.example` },
    city: { name: `Draftville ${t}`, country: 'PT', region: 'europe' as const, population: 50_000 },
    mayor: { name: 'Mayor M', officeEmail: `mayor-${t}@city.example` },
    signatory: { name: 'Mayor M', title: 'Mayor', isMayor: true, signedOn: '2026-01-10' },
    motivation: 'We would like to join.',
  };
}

async function refusal(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HttpError) return error.status;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('application drafts', () => {
  it('keeps the token only as its SHA-256, with a TTL 30 days on', async () => {
    const a = answers();
    const draft = await createDraft(
      { email: a.contact.email, language: 'en', answers: { contact: a.contact } },
      link,
    );
    const item =
      (await ddb.send(new GetCommand({ TableName: tableName, Key: draftKey(draft.id) }))).Item ?? {};
    expect(JSON.stringify(item)).not.toContain(draft.token);
    expect(item.tokenHash).toBe(createHash('sha256').update(draft.token).digest('hex'));
    expect(item.ttl).toBe(Math.floor(Date.parse(draft.expiresAt) / 1000));
    expect(Date.parse(draft.expiresAt) - Date.parse(draft.createdAt)).toBe(30 * 24 * 3600_000);
    expect((await getDraft(draft.id, draft.token)).answers).toEqual({ contact: a.contact });
  });

  it('opens nothing with another token, and is gone (410) once it expired', async () => {
    const a = answers();
    const created = new Date(Date.now() - 31 * 24 * 3600_000);
    const old = await createDraft({ email: a.contact.email, answers: {} }, link, created);
    const fresh = await createDraft({ email: a.contact.email, answers: {} }, link);
    expect(await refusal(getDraft(fresh.id, old.token))).toBe(404);
    expect(await refusal(getDraft(randomUUID(), fresh.token))).toBe(404);
    expect(await refusal(getDraft(old.id, old.token))).toBe(410);
    expect(await refusal(replaceDraft(old.id, old.token, { answers: {} }, link))).toBe(410);
  });

  it('refuses to submit an incomplete draft, naming each missing answer', async () => {
    const a = answers();
    const draft = await createDraft({ email: a.contact.email, answers: { contact: a.contact } }, link);
    try {
      await submitDraft(draft.id, draft.token, undefined, (app) => [applicationReceivedEmail(app)]);
      throw new Error('expected a 400');
    } catch (error) {
      expect((error as InstanceType<typeof HttpError>).status).toBe(400);
      expect((error as InstanceType<typeof HttpError>).errors?.map((e) => e.path)).toEqual(
        expect.arrayContaining(['answers.city', 'answers.mayor', 'answers.signatory', 'answers.motivation']),
      );
    }
  });

  it('makes one application of two racing submissions, answers both with it, and keeps no answers after', async () => {
    const a = answers();
    const draft = await createDraft({ email: a.contact.email, language: 'en', answers: a }, link);
    const submit = () => submitDraft(draft.id, draft.token, 'fr', (app) => [applicationReceivedEmail(app)]);
    const results = await Promise.allSettled([submit(), submit()]);
    const done = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const refused = results.flatMap((r) =>
      r.status === 'rejected' ? [(r.reason as InstanceType<typeof HttpError>).status] : [],
    );
    expect(done.length + refused.length).toBe(2);
    expect(refused.every((s) => s === 409)).toBe(true);
    const again = await submitDraft(draft.id, draft.token, undefined, () => []);
    expect(again.replay).toBe(true);
    for (const d of done) expect(d.id).toBe(again.id);
    const app = (await ddb.send(new GetCommand({ TableName: tableName, Key: cityKey(again.id) }))).Item;
    expect(app).toMatchObject({ status: 'submitted', city: { name: a.city.name } });
    const left = await getDraft(draft.id, draft.token);
    expect(left.answers).toEqual({});
    expect(left.email).toBeUndefined();
    expect(left.submitted?.id).toBe(again.id);
    expect(await refusal(replaceDraft(draft.id, draft.token, { answers: a }, link))).toBe(409);
  });
});
