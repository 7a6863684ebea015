import { randomBytes } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  associateCity,
  ballotOf,
  committee,
  mayorEmail,
  secretariat,
  setRoster,
  startVote,
  vote,
  waitForStatus,
} from './membership-support.ts';
import { call, db, inbox, tableName, tokenFor } from './support.ts';

const [alice, bob, carol] = committee.map((m) => m.email) as [string, string, string];
const votingSeconds = Number(process.env.E2E_VOTING_SECONDS ?? 12);

const castBallot = (ballotId: string, decision: 'approve' | 'reject') =>
  call(`/ballots/${ballotId}`, {
    method: 'POST',
    body: new URLSearchParams({ decision }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });

beforeAll(async () => {
  await setRoster();
});

describe('Full Membership approval', () => {
  it('approves when a majority of the committee approves: the city is a Full Member and the Mayor is told', async () => {
    const { id, form } = await associateCity();
    const opened = await startVote(id);
    expect(opened.status).toBe('full_pending');
    expect(Date.parse(opened.votingClosesAt)).toBeGreaterThan(Date.now());

    const ballot = await ballotOf(alice, form.city.name);
    const page = await castBallot(ballot, 'approve');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect((await vote(opened.approvalId, bob, 'approve')).status).toBe(201);

    await waitForStatus(id, 'full');
    const email = await mayorEmail(form, /Full Member/);
    expect(email.body.text).toContain(form.city.name);
    const approval = await call(`/approvals/${opened.approvalId}`, { token: await secretariat() });
    expect(approval.body).toMatchObject({
      id: opened.approvalId,
      cityId: id,
      status: 'approved',
      tally: { approve: 2, reject: 0, committeeSize: 3 },
    });
    expect(JSON.stringify(approval.body)).not.toMatch(/taskToken/i);
  });

  it('rejects as soon as a majority can no longer be reached: the city stays an Associate Member', async () => {
    const { id, form } = await associateCity();
    const { approvalId } = await startVote(id);
    await ballotOf(alice, form.city.name); // the ballots are out
    expect((await vote(approvalId, alice, 'reject')).status).toBe(201);
    expect((await vote(approvalId, bob, 'reject')).status).toBe(201);

    await waitForStatus(id, 'associate');
    const email = await mayorEmail(form, /decision/i);
    expect(email.subject).not.toContain('Full Member');
    const approval = await call(`/approvals/${approvalId}`, { token: await tokenFor('committee', carol) });
    expect(approval.body.status).toBe('rejected');
    expect((await vote(approvalId, carol, 'approve')).status).toBe(409);
  });

  it('expires at the deadline without a majority: back to associate, the Mayor is told, the ballot link is gone', async () => {
    const { id, form } = await associateCity();
    const { approvalId } = await startVote(id);
    const ballot = await ballotOf(carol, form.city.name);
    expect((await vote(approvalId, alice, 'approve')).status).toBe(201);

    await waitForStatus(id, 'associate', (votingSeconds + 15) * 1000);
    const approval = await call(`/approvals/${approvalId}`, { token: await secretariat() });
    expect(approval.body).toMatchObject({
      status: 'expired',
      tally: { approve: 1, reject: 0, committeeSize: 3 },
    });
    await mayorEmail(form, /decision/i);
    expect((await call(`/ballots/${ballot}`)).status).toBe(410);
    expect((await castBallot(ballot, 'approve')).status).toBe(410);
  }, 60_000);
});

describe('ballots', () => {
  it('opening the ballot page casts no vote, so mail scanners that follow links change nothing', async () => {
    const { id, form } = await associateCity();
    const { approvalId } = await startVote(id);
    const ballot = await ballotOf(alice, form.city.name);
    for (let i = 0; i < 3; i++) {
      const page = await call(`/ballots/${ballot}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain(form.city.name);
      expect(page.text).toMatch(/<form[^>]*method="post"/i);
    }
    expect(hasBallotPageHeaders(await call(`/ballots/${ballot}`))).toBe(true);
    const approval = await call(`/approvals/${approvalId}`, { token: await secretariat() });
    expect(approval.body.tally).toEqual({ approve: 0, reject: 0, committeeSize: 3 });
  });

  it('records exactly one vote when ten requests race to use one ballot', async () => {
    const { id, form } = await associateCity();
    const { approvalId } = await startVote(id);
    const ballot = await ballotOf(bob, form.city.name);
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        call(`/ballots/${ballot}`, { method: 'POST', json: { decision: 'reject' } }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, ...Array(9).fill(409)]);
    const approval = await call(`/approvals/${approvalId}`, { token: await secretariat() });
    expect(approval.body.tally).toEqual({ approve: 0, reject: 1, committeeSize: 3 });
    expect((await call(`/ballots/${ballot}`)).status).toBe(409);
  });

  it('answers 404 for a ballot link that does not exist, and 400 for a bad decision', async () => {
    expect((await call(`/ballots/${randomBytes(32).toString('base64url')}`)).status).toBe(404);
    expect((await call('/ballots/not-a-ballot')).status).toBe(404);
    const { id, form } = await associateCity();
    await startVote(id);
    const ballot = await ballotOf(carol, form.city.name);
    expect((await call(`/ballots/${ballot}`, { method: 'POST', json: { decision: 'maybe' } })).status).toBe(
      400,
    );
  });

  it('never puts the task token in an email', async () => {
    const { id, form } = await associateCity();
    const { approvalId } = await startVote(id);
    await Promise.all(committee.map((m) => ballotOf(m.email, form.city.name)));
    // The workflow keeps its token on the approval while it waits: read it there, then look for it.
    let token = '';
    const deadline = Date.now() + 10_000;
    while (!token && Date.now() < deadline) {
      const meta = await db().send(
        new GetCommand({ TableName: tableName(), Key: { pk: `APPROVAL#${approvalId}`, sk: 'META' } }),
      );
      token = String(meta.Item?.taskToken ?? '');
      if (!token) await new Promise((r) => setTimeout(r, 200));
    }
    expect(token.length).toBeGreaterThan(20);
    const emails = await inbox();
    expect(emails.some((e) => (e.body.text ?? '').includes(form.city.name))).toBe(true);
    for (const e of emails) expect(`${e.subject}${e.body.text}${e.body.html}`).not.toContain(token);
    const approval = await call(`/approvals/${approvalId}`, { token: await secretariat() });
    expect(approval.text).not.toContain(token);
  });
});

describe('committee votes through the API', () => {
  it('answers 409 to a second vote by the same member, 403 to someone not on the roster', async () => {
    const { id, form } = await associateCity();
    const { approvalId } = await startVote(id);
    await ballotOf(alice, form.city.name);
    expect((await vote(approvalId, alice, 'approve')).status).toBe(201);
    expect((await vote(approvalId, alice, 'reject')).status).toBe(409);
    expect((await vote(approvalId, 'outsider@committee.example', 'approve')).status).toBe(403);
    const approval = await call(`/approvals/${approvalId}`, { token: await secretariat() });
    expect(approval.body.tally).toEqual({ approve: 1, reject: 0, committeeSize: 3 });
  });

  it('refuses to start a vote for a city that is not an Associate Member', async () => {
    const { id } = await associateCity();
    await startVote(id);
    const again = await call(`/members/${id}/full-membership`, {
      method: 'POST',
      token: await secretariat(),
    });
    expect(again.status).toBe(409);
  });
});

function hasBallotPageHeaders(res: Awaited<ReturnType<typeof call>>): boolean {
  return (
    (res.headers.get('content-security-policy') ?? '').includes("default-src 'none'") &&
    res.headers.get('referrer-policy') === 'no-referrer'
  );
}
