import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { emailTo, resolveRequest, storedPartition, tokenOf } from './citizen-support.ts';
import { applicationForm, associateCity, secretariat } from './membership-support.ts';
import { call, type InboxEmail, inbox, tokenFor, waitForEmail } from './support.ts';

/**
 * The citizen's side of the CPS over HTTP, with the emails read back from the inbox: a request filed
 * in Korean is confirmed in Korean, its French official writes and reads French, "is it fixed?" is
 * answered with the token of the email (not fixed reopens it to the official, fixed closes it), and
 * the citizen removes their contact details. Every link in those emails opens a page of the site.
 */

const site = () => {
  const url = process.env.E2E_SITE_URL;
  if (!url) throw new Error('E2E_SITE_URL is not set: run through the e2e project');
  return url;
};

interface City {
  id: string;
  official: { id: string; email: string };
}

async function cityWithFrenchOfficial(): Promise<City> {
  const { id } = await associateCity(applicationForm({ country: 'KR', region: 'asia' }));
  const token = await secretariat();
  const services = [{ code: 'pothole', name: 'Potholes', slaHours: 48 }];
  expect((await call(`/cities/${id}/services`, { method: 'PUT', token, json: { services } })).status).toBe(
    200,
  );
  const created = await call(`/cities/${id}/officials`, {
    method: 'POST',
    token,
    json: {
      name: 'Claire Dubois',
      title: 'Voirie',
      email: `claire-${Date.now()}@city.example`,
      language: 'fr',
    },
  });
  expect(created.status).toBe(201);
  expect(created.body.language).toBe('fr');
  const rules = [{ district: '*', service: '*', officialId: created.body.id }];
  expect((await call(`/cities/${id}/routing`, { method: 'PUT', token, json: { rules } })).status).toBe(200);
  return { id, official: { id: created.body.id, email: created.body.email } };
}

const citizenEmail = () => `seoyeon-${randomBytes(4).toString('hex')}@citizen.example`;

const file = (cityId: string, extra: Record<string, unknown> = {}) =>
  call(`/cities/${cityId}/requests`, {
    method: 'POST',
    json: {
      service: 'pothole',
      district: '종로구',
      description: '버스 정류장 앞에 깊은 구멍이 있습니다.',
      contact: { name: '이서연', email: citizenEmail(), phone: '+82 10 1234 5678' },
      language: 'ko',
      ...extra,
    },
  });

/** Every link of an email's HTML part. */
const hrefs = (email: InboxEmail) =>
  [...(email.body.html ?? '').matchAll(/href="([^"]+)"/g)].map((m) => m[1] ?? '');

const official = async (city: City) => tokenFor('official', city.official.email);

const resolve = (city: City, id: string, note: string) => resolveRequest(city.official.email, id, note);

const answer = (id: string, body: Record<string, unknown>) =>
  call(`/requests/${id}/feedback`, { method: 'POST', json: body });

let city: City;
beforeAll(async () => {
  city = await cityWithFrenchOfficial();
});

describe('a request filed in Korean, handled by a French official', () => {
  it('is confirmed to the citizen in Korean and assigned to the official in French, each linking a page', async () => {
    const res = await file(city.id);
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    const citizen = (await call(`/requests/${id}`, { token: await official(city) })).body.contact
      .email as string;

    const confirmation = await waitForEmail(emailTo(citizen, id));
    expect(confirmation.subject).toContain('접수되었습니다');
    expect(confirmation.body.html).toContain('<html lang="ko" dir="ltr">');
    expect(confirmation.body.text).toContain('2일 이내'); // the 48-hour service level, in Korean
    const citizenLinks = hrefs(confirmation);
    expect(citizenLinks[0]).toBe(`${site()}/ko/requests/${id}`);
    expect(citizenLinks).toContain(
      `${site()}/ko/requests/${id}/contact?token=${tokenOf(confirmation, id, 'contact')}`,
    );

    const assignment = await waitForEmail(emailTo(city.official.email, id));
    expect(assignment.subject).toBe(`[WeGO CPS] Demande ${id} qui vous est confiée : Potholes à 종로구`);
    expect(assignment.body.html).toContain('<html lang="fr" dir="ltr">');
    expect(assignment.body.text).toContain('Langue du citoyen: 한국어');
    expect(hrefs(assignment)).toEqual([`${site()}/fr/official/requests/${id}`]);

    // Every link opens a page of the site, none the JSON API.
    for (const link of [...citizenLinks, ...hrefs(assignment)]) {
      expect(link.startsWith(`${site()}/`)).toBe(true);
      expect(link.startsWith(process.env.E2E_API_URL ?? '-')).toBe(false);
    }
  });

  it('asks "is it fixed?" in Korean; "not fixed" reopens it to the official, who reads the note in French', async () => {
    const { body } = await file(city.id);
    const id = body.id as string;
    const citizen = (await call(`/requests/${id}`, { token: await official(city) })).body.contact
      .email as string;
    const confirmation = await waitForEmail(emailTo(citizen, id));

    // Not resolved yet: nothing to answer.
    const early = await answer(id, { token: tokenOf(confirmation, id, 'contact'), fixed: true });
    expect(early.status).toBe(409);
    expect((await call(`/requests/${id}`)).body.status).toBe('assigned');

    await resolve(city, id, '구멍을 메웠습니다.');
    const question = await waitForEmail(emailTo(citizen, id, '해결되었나요? 답변하기'));
    expect(question.subject).toBe(`요청 ${id}(종로구의 Potholes)이(가) 해결되었습니다. 문제가 해결되었나요?`);
    expect(question.body.text).toContain('> 구멍을 메웠습니다.');
    const token = tokenOf(question, id, 'feedback');
    expect(hrefs(question)[0]).toBe(`${site()}/ko/requests/${id}/feedback?token=${token}`);
    // The table keeps the token's hash, never the token.
    expect(JSON.stringify(await storedPartition(id))).not.toContain(token);

    const reopened = await answer(id, {
      token,
      fixed: false,
      note: '아직 구멍이 있어요. 비가 온 뒤 다시 생겼습니다.',
    });
    expect(reopened.status).toBe(200);
    expect(reopened.body.status).toBe('assigned');
    expect(reopened.body.timeline.map((e: { event: string }) => e.event)).toEqual([
      'submitted',
      'assigned',
      'resolved',
      'reopened',
    ]);
    expect(Date.parse(reopened.body.expectedAt) - Date.now()).toBeGreaterThan(47 * 3600_000);
    expect(reopened.text).not.toContain('아직 구멍이');

    const mail = await waitForEmail(emailTo(city.official.email, id, 'pas réglé'));
    expect(mail.subject).toBe(
      `[WeGO CPS] Demande ${id} rouverte, le citoyen indique que ce n’est pas réglé : Potholes à 종로구`,
    );
    expect(mail.body.text).toContain('> 아직 구멍이 있어요. 비가 온 뒤 다시 생겼습니다.');
    expect(hrefs(mail)).toEqual([`${site()}/fr/official/requests/${id}`]);

    // Back in the official's queue, with the citizen's note in its history; not on the public page.
    const queue = await call('/officials/me/requests?status=assigned&limit=100', {
      token: await official(city),
    });
    expect(queue.body.items.map((r: { id: string }) => r.id)).toContain(id);
    const full = await call(`/requests/${id}`, { token: await official(city) });
    expect(full.body.updates.at(-1)).toMatchObject({
      kind: 'feedback',
      actor: 'citizen',
      status: 'assigned',
      note: '아직 구멍이 있어요. 비가 온 뒤 다시 생겼습니다.',
      public: false,
    });
    const seen = await call(`/requests/${id}`);
    expect(seen.text).not.toContain('아직 구멍이');
    expect(seen.text).not.toContain(citizen);

    // The same link again: the request is no longer resolved, nothing changes.
    const again = await answer(id, { token, fixed: true });
    expect(again.status).toBe(409);
    expect((await call(`/requests/${id}`)).body.status).toBe('assigned');

    // Resolved again: the earlier link is spent (410); the new one answers "fixed" and closes it.
    await resolve(city, id, '다시 포장했습니다.');
    const second = await waitForEmail(emailTo(citizen, id, '다시 포장했습니다.'));
    const stale = await answer(id, { token, fixed: true });
    expect(stale.status).toBe(410);
    const fixed = await answer(id, { token: tokenOf(second, id, 'feedback'), fixed: true });
    expect(fixed.status).toBe(200);
    expect(fixed.body.status).toBe('closed');
    expect(fixed.body.timeline.at(-1).event).toBe('fixed');
    expect((await answer(id, { token: tokenOf(second, id, 'feedback'), fixed: false })).status).toBe(409);
  });

  it("refuses a wrong token, or another request's, and changes nothing", async () => {
    const { body } = await file(city.id);
    const id = body.id as string;
    await resolve(city, id, 'Done.');
    const other = (await file(city.id)).body.id as string;
    const citizenOfOther = (await call(`/requests/${other}`, { token: await official(city) })).body.contact
      .email as string;
    const othersToken = tokenOf(await waitForEmail(emailTo(citizenOfOther, other)), other, 'contact');

    const before = await storedPartition(id);
    const sent = (await inbox()).length;
    for (const token of [randomBytes(32).toString('base64url'), othersToken]) {
      const res = await answer(id, { token, fixed: false, note: 'forged' });
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const removal = await call(`/requests/${id}/contact/removal`, { method: 'POST', json: { token } });
      expect(removal.status).toBe(403);
    }
    const malformed = await answer(id, { token: 'short', fixed: true });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].path).toBe('body.token');
    expect(await storedPartition(id)).toEqual(before);
    await new Promise((r) => setTimeout(r, 500));
    expect((await inbox()).slice(sent).filter((e) => e.subject.includes(id))).toEqual([]);
  });

  it('takes one answer of racing ones: one 200, the others 409, one email to the official', async () => {
    const { body } = await file(city.id);
    const id = body.id as string;
    const citizen = (await call(`/requests/${id}`, { token: await official(city) })).body.contact
      .email as string;
    await resolve(city, id, 'Done.');
    const token = tokenOf(await waitForEmail(emailTo(citizen, id, 'feedback?token=')), id, 'feedback');
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => answer(id, { token, fixed: i % 2 === 0, note: `race ${i}` })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    const won = answers.find((a) => a.status === 200);
    const full = await call(`/requests/${id}`, { token: await official(city) });
    expect(full.body.updates.filter((u: { kind?: string }) => u.kind === 'feedback')).toHaveLength(1);
    expect(full.body.status).toBe(won?.body.status);
    await new Promise((r) => setTimeout(r, 1000));
    const reopenMails = (await inbox()).filter(emailTo(city.official.email, id, 'pas réglé'));
    expect(reopenMails).toHaveLength(won?.body.status === 'assigned' ? 1 : 0);
  });

  it('answers 404 for a request that does not exist', async () => {
    const res = await answer('NOSUCHREQ000', { token: randomBytes(32).toString('base64url'), fixed: true });
    expect(res.status).toBe(404);
  });
});

describe('removing the contact details', () => {
  it("removes them at once from the official's view, records it without the data, and only once", async () => {
    const { body } = await file(city.id, { language: 'ar' });
    const id = body.id as string;
    const before = await call(`/requests/${id}`, { token: await official(city) });
    const citizen = before.body.contact.email as string;
    const confirmation = await waitForEmail(emailTo(citizen, id));
    expect(confirmation.body.html).toContain('<html lang="ar" dir="rtl">');
    const token = tokenOf(confirmation, id, 'contact');
    expect(hrefs(confirmation)).toContain(`${site()}/ar/requests/${id}/contact?token=${token}`);

    const removed = await call(`/requests/${id}/contact/removal`, { method: 'POST', json: { token } });
    expect(removed.status).toBe(200);
    expect(removed.body.id).toBe(id);

    const after = await call(`/requests/${id}`, { token: await official(city) });
    expect(after.body.contact).toEqual({});
    expect(after.body.contactRemovedAt).toBe(removed.body.contactRemovedAt);
    expect(after.body.updates.at(-1)).toMatchObject({
      kind: 'contact_removed',
      actor: 'citizen',
      public: false,
    });
    expect(after.text).not.toContain(citizen);
    expect(after.text).not.toContain('+82 10');
    const queue = await call('/officials/me/requests?limit=100', { token: await official(city) });
    expect(queue.text).not.toContain(citizen);
    expect(JSON.stringify(await storedPartition(id))).not.toContain(citizen);

    const twice = await call(`/requests/${id}/contact/removal`, { method: 'POST', json: { token } });
    expect(twice.status).toBe(409);

    // Without an email, a public update reaches nobody; the request goes on.
    const update = await call(`/requests/${id}/updates`, {
      method: 'POST',
      token: await official(city),
      json: { status: 'in_progress', note: 'Crew booked.', public: true },
    });
    expect(update.status).toBe(201);
    await new Promise((r) => setTimeout(r, 500));
    expect((await inbox()).filter((e) => e.destination.to.includes(citizen))).toHaveLength(1);
  });
});

describe('languages', () => {
  it('refuses a language the CPS does not speak, for a request and for an official', async () => {
    const res = await file(city.id, { language: 'de' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('body.language');
    const off = await call(`/cities/${city.id}/officials`, {
      method: 'POST',
      token: await secretariat(),
      json: { name: 'X', title: 'Y', email: `x-${Date.now()}@city.example`, language: 'klingon' },
    });
    expect(off.status).toBe(400);
  });

  it('writes in English to a citizen who named no language, and to an official set to none', async () => {
    const token = await secretariat();
    const created = await call(`/cities/${city.id}/officials`, {
      method: 'POST',
      token,
      json: { name: 'Dan Lee', title: 'Lights', email: `dan-${Date.now()}@city.example` },
    });
    expect(created.body.language).toBe('en');
    const { body } = await file(city.id, { language: undefined });
    const citizen = (await call(`/requests/${body.id}`, { token: await official(city) })).body.contact.email;
    const confirmation = await waitForEmail(emailTo(citizen, body.id));
    expect(confirmation.subject).toContain(`Your request ${body.id} was received`);
    expect(hrefs(confirmation)[0]).toBe(`${site()}/en/requests/${body.id}`);
  });
});
