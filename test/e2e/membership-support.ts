import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { call, type InboxEmail, tokenFor, waitForEmail } from './support.ts';

/** A valid Membership Application Form for a city whose name is unique to the test run. */
export function applicationForm(overrides: { name?: string; country?: string; region?: string } = {}) {
  const tag = randomUUID().slice(0, 8);
  return {
    city: {
      name: overrides.name ?? `Testville ${tag}`,
      country: overrides.country ?? 'KR',
      region: overrides.region ?? 'asia',
      population: 250_000,
      website: 'https://testville.example',
    },
    mayor: { name: 'Mayor Kim', officeEmail: `mayor-${tag}@city.example` },
    signatory: { name: 'Mayor Kim', title: 'Mayor', isMayor: true, signedOn: '2026-11-20' },
    contact: { name: 'Lee ICT', email: `ict-${tag}@city.example`, phone: '+82 2 1234 5678' },
    motivation: 'We want to share our e-government experience.',
  };
}

export const secretariat = () => tokenFor('secretariat', 'secretariat@wego.example');

export async function submit(form = applicationForm()) {
  const res = await call('/applications', { method: 'POST', json: form });
  expect(res.status).toBe(201);
  return { id: res.body.id as string, form };
}

/** A city that is an Associate Member. */
export async function associateCity(form = applicationForm()) {
  const { id } = await submit(form);
  const res = await call(`/applications/${id}/accept`, { method: 'POST', token: await secretariat() });
  expect(res.status).toBe(200);
  return { id, form };
}

export const committee = [1, 2, 3].map((n) => ({
  name: `Member ${n}`,
  email: `member${n}@committee.example`,
}));

export async function setRoster(members = committee) {
  const res = await call('/committee', { method: 'PUT', token: await secretariat(), json: { members } });
  expect(res.status).toBe(200);
}

export async function startVote(cityId: string) {
  const res = await call(`/members/${cityId}/full-membership`, {
    method: 'POST',
    token: await secretariat(),
  });
  expect(res.status).toBe(202);
  return res.body as { approvalId: string; status: string; votingClosesAt: string };
}

const BALLOT_LINK = /\/ballots\/([A-Za-z0-9_-]{43})/;

/** The ballot id emailed to a committee member for a city's vote. */
export async function ballotOf(memberEmail: string, cityName: string): Promise<string> {
  const email = await waitForEmail(
    (e) => e.destination.to.includes(memberEmail) && (e.body.text ?? '').includes(cityName),
  );
  const id = BALLOT_LINK.exec(email.body.text ?? '')?.[1];
  if (!id) throw new Error('the ballot email has no ballot link');
  return id;
}

export const mayorEmail = (form: ReturnType<typeof applicationForm>, subject: RegExp): Promise<InboxEmail> =>
  waitForEmail((e) => e.destination.to.includes(form.mayor.officeEmail) && subject.test(e.subject), 20_000);

/** Polls an application until its status is `status`. */
export async function waitForStatus(id: string, status: string, timeoutMs = 20_000) {
  const token = await secretariat();
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = (await call(`/applications/${id}`, { token })).body.status;
    if (last === status) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`application ${id} stayed ${last}, not ${status}`);
}

export const vote = async (approvalId: string, memberEmail: string, decision: 'approve' | 'reject') =>
  call(`/approvals/${approvalId}/votes`, {
    method: 'POST',
    token: await tokenFor('committee', memberEmail),
    json: { decision },
  });
