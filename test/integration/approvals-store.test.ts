import { createHash, randomUUID } from 'node:crypto';
import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { SendTaskSuccessCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { GetCommand, QueryCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Application } from '../../functions/membership/application.ts';
import { conflictOnce } from '../support/transaction-conflict.ts';
import { lambdaContext } from '../unit/support/http-event.ts';

// Read at import by the modules under test; the table and endpoint come from the global setup.
process.env.CURSOR_SECRET = 'integration-cursor-secret';
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
const { ddb, tableName } = await import('../../functions/shared/ddb.ts');
const { transact } = await import('../../functions/shared/transaction.ts');
const { ballotEmail } = await import('../../functions/approvals/emails.ts');
const { closeApprovalUpdate, getApproval, openApprovalPut, registerTaskToken, settleIfDecided } =
  await import('../../functions/approvals/approvals.ts');
const { ballotOf, issueBallots, toVoter } = await import('../../functions/approvals/ballots.ts');
const { VoteRefused, castVote } = await import('../../functions/approvals/votes.ts');
const { approvalOfBallot } = await import('../../functions/approvals/ballot-id.ts');

/** The voter an emailed ballot id belongs to: the ballot, then the voter's record. */
async function voterByBallot(ballotId: string) {
  const ballot = await ballotOf(ballotId);
  if (!ballot) return undefined;
  const out = await ddb.send(
    new GetCommand({
      TableName: tableName,
      Key: { pk: `APPROVAL#${ballot.approval.id}`, sk: `VOTER#${ballot.email}` },
      ConsistentRead: true,
    }),
  );
  return out.Item ? toVoter(out.Item) : undefined;
}

/** Step Functions is never called for real: the module-scope client's send is stubbed. */
const sfn = mockClient(SFNClient);

beforeEach(() => {
  sfn.reset();
  sfn.on(SendTaskSuccessCommand).resolves({});
});

const unique = () => randomUUID().slice(0, 8);
const VOTING_SECONDS = 7 * 24 * 3600;

/** A city waiting for the committee's vote (only the approval and the emails read it). */
function city(): Application {
  const tag = unique();
  return {
    id: `city-${tag}`,
    status: 'full_pending',
    city: { name: `Votetown ${tag}`, country: 'KR', region: 'asia', population: 50000 },
    mayor: { name: 'Mayor Park', officeEmail: `mayor-${tag}@city.example` },
    signatory: { name: 'Mayor Park', title: 'Mayor', isMayor: true, signedOn: '2026-01-10' },
    contact: { name: 'Contact', email: `contact-${tag}@city.example` },
    motivation: 'Ready for Full Membership.',
    submittedAt: '2026-01-10T00:00:00.000Z',
    updatedAt: '2026-01-11T00:00:00.000Z',
    memberSince: '2026-01-11T00:00:00.000Z',
  };
}

/** A roster of `size` members with mailboxes no other test uses. */
function roster(size: number) {
  const tag = unique();
  return Array.from({ length: size }, (_, i) => ({
    name: `Member ${i}`,
    email: `m${i}-${tag}@committee.example`,
  }));
}

interface Opened {
  approvalId: string;
  app: Application;
  openedAt: Date;
  members: { name: string; email: string }[];
  /** The raw ballot id emailed to each member, by email. */
  ballots: Map<string, string>;
}

/** Opens an approval as the full-membership route does, and issues the ballots as the workflow does. */
async function openVote(size: number, openedAt = new Date()): Promise<Opened> {
  const app = city();
  const approvalId = randomUUID();
  await transact([openApprovalPut(app, approvalId, 'secretariat@wego.example', openedAt, VOTING_SECONDS)]);
  const members = roster(size);
  const ballots = new Map<string, string>();
  await issueBallots(
    approvalId,
    members,
    (member, ballotId, approval) => {
      ballots.set(member.email, ballotId);
      return ballotEmail({
        voter: member,
        app,
        ballotUrl: `https://wego.example/ballots/${ballotId}`,
        closesAt: approval.closesAt,
      });
    },
    openedAt,
  );
  return { approvalId, app, openedAt, members, ballots };
}

/** The items of an approval's partition. */
async function partition(approvalId: string): Promise<Record<string, unknown>[]> {
  const out = await ddb.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `APPROVAL#${approvalId}` },
      ConsistentRead: true,
    }),
  );
  return out.Items ?? [];
}

/** Every item of the table whose JSON contains `needle` (a Scan: test code only). */
async function itemsContaining(needle: string): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await ddb.send(
      new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: start }),
    );
    found.push(...(out.Items ?? []).filter((i) => JSON.stringify(i).includes(needle)));
    start = out.LastEvaluatedKey;
  } while (start);
  return found;
}

/** Outbox emails addressed to one mailbox. */
async function outboxTo(address: string): Promise<Record<string, unknown>[]> {
  return (await itemsContaining(address)).filter((i) => String(i.pk).startsWith('OUTBOX#'));
}

/** Stores a task token as the await step would, without settling (to set up a decided-but-unsent vote). */
async function storeToken(approvalId: string, token: string) {
  await ddb.send(
    new UpdateCommand({
      TableName: tableName,
      Key: { pk: `APPROVAL#${approvalId}`, sk: 'META' },
      UpdateExpression: 'SET taskToken = :t',
      ExpressionAttributeValues: { ':t': token },
    }),
  );
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const sent = () => sfn.commandCalls(SendTaskSuccessCommand).map((c) => c.args[0].input);
const vote = (decision: 'approve' | 'reject') => ({ decision, via: 'api' as const });

async function refusalOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof VoteRefused) return error.reason;
    throw error;
  }
  throw new Error('expected the vote to be refused');
}

describe('opening an approval and issuing ballots', () => {
  it('opens the approval with an empty tally and its closing time', async () => {
    // Prepare
    const openedAt = new Date('2026-09-01T10:00:00Z');

    // Act
    const { approvalId, app } = await openVote(3, openedAt);

    // Assess
    expect(await getApproval(approvalId)).toEqual({
      id: approvalId,
      cityId: app.id,
      cityName: app.city.name,
      status: 'open',
      tally: { approve: 0, reject: 0, committeeSize: 3 },
      openedAt: openedAt.toISOString(),
      closesAt: new Date(openedAt.getTime() + VOTING_SECONDS * 1000).toISOString(),
    });
  });

  it('refuses to open the same approval twice', async () => {
    // Prepare
    const { approvalId, app } = await openVote(1);

    // Act, Assess
    await expect(
      transact([openApprovalPut(app, approvalId, 'secretariat@wego.example', new Date(), VOTING_SECONDS)]),
    ).rejects.toThrow();
  });

  it('issues the ballots once: a second call keeps the first committee and emails nobody', async () => {
    // Prepare
    const { approvalId, members } = await openVote(3);
    const latecomers = roster(5);
    const issueAgain = vi.fn(() => {
      throw new Error('no ballot email may be built on a second call');
    });

    // Act
    const again = await issueBallots(approvalId, latecomers, issueAgain);

    // Assess
    expect(again).toEqual({ committeeSize: 3 });
    expect(issueAgain).not.toHaveBeenCalled();
    expect((await getApproval(approvalId)).tally.committeeSize).toBe(3);
    const voters = (await partition(approvalId)).filter((i) => String(i.sk).startsWith('VOTER#'));
    expect(voters.map((v) => v.email).sort()).toEqual(members.map((m) => m.email).sort());
    for (const m of latecomers) expect(await outboxTo(m.email)).toEqual([]);
  });

  it('lets only one of two concurrent issues write ballots', async () => {
    // Prepare
    const app = city();
    const approvalId = randomUUID();
    await transact([
      openApprovalPut(app, approvalId, 'secretariat@wego.example', new Date(), VOTING_SECONDS),
    ]);
    const [first, second] = [roster(2), roster(4)];
    const email = (member: { name: string; email: string }, ballotId: string) =>
      ballotEmail({
        voter: member,
        app,
        ballotUrl: `https://wego.example/ballots/${ballotId}`,
        closesAt: new Date(),
      });

    // Act
    const results = await Promise.all([
      issueBallots(approvalId, first, email),
      issueBallots(approvalId, second, email),
    ]);

    // Assess
    const size = (await getApproval(approvalId)).tally.committeeSize;
    expect([2, 4]).toContain(size);
    expect(results).toEqual([{ committeeSize: size }, { committeeSize: size }]);
    const voters = (await partition(approvalId)).filter((i) => String(i.sk).startsWith('VOTER#'));
    expect(voters).toHaveLength(size);
  });

  it('emails each member one ballot with their own link', async () => {
    // Act
    const { members, ballots } = await openVote(3);

    // Assess
    expect(new Set(ballots.values()).size).toBe(3);
    for (const member of members) {
      const mails = await outboxTo(member.email);
      const link = `https://wego.example/ballots/${ballots.get(member.email)}`;
      expect(mails, member.email).toHaveLength(1);
      expect(mails[0]?.to).toEqual([member.email]);
      expect(String(mails[0]?.text)).toContain(link);
      expect(String(mails[0]?.html)).toContain(link);
      for (const [other, id] of ballots)
        if (other !== member.email) expect(String(mails[0]?.text)).not.toContain(id);
    }
  });

  it('stores only the SHA-256 of each ballot id with the approval, never the id itself', async () => {
    // Act
    const { approvalId, ballots } = await openVote(3);

    // Assess
    const items = await partition(approvalId);
    const json = JSON.stringify(items);
    for (const [email, ballotId] of ballots) {
      expect(json).not.toContain(ballotId);
      expect(items.find((i) => i.sk === `BALLOT#${sha256(ballotId)}`)).toMatchObject({ email });
      // The link names its approval (not a secret); the rest of it is the credential.
      expect(approvalOfBallot(ballotId)).toBe(approvalId);
    }
  });

  it('keeps the raw ballot ids only in unsent outbox emails: once sent, no item of the table holds one', async () => {
    // Prepare
    const { ballots } = await openVote(2);
    const ses = mockClient(SESClient).on(SendEmailCommand).resolves({ MessageId: 'm-1' });
    process.env.SENDER_EMAIL ??= 'no-reply@wego.example';
    process.env.SES_CONFIGURATION_SET ??= 'local';
    const { handler: notifier } = await import('../../functions/emails/notifier.ts');
    const outbox = (await Promise.all([...ballots.values()].map(itemsContaining))).flat();
    expect(outbox.map((i) => String(i.pk).startsWith('OUTBOX#'))).toEqual(outbox.map(() => true));

    // Act: the stream delivers the outbox items to the notifier
    await notifier(
      {
        Records: outbox.map((item, n) => ({
          eventName: 'INSERT',
          dynamodb: {
            SequenceNumber: String(n),
            NewImage: marshall(item, { removeUndefinedValues: true }) as never,
          },
        })),
      } as never,
      lambdaContext,
    );

    // Assess
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(outbox.length);
    for (const ballotId of ballots.values()) expect(await itemsContaining(ballotId)).toEqual([]);
  });

  it('finds the voter by the raw ballot id, and nobody by another id of the same vote or none', async () => {
    // Prepare
    const { approvalId, app, ballots, members } = await openVote(3);
    const member = members[1] as { name: string; email: string };
    const ballotId = ballots.get(member.email) ?? '';
    // Same approval, another secret: what someone who saw one link could forge.
    const forged = `${ballotId.slice(0, 22)}${'A'.repeat(21)}`;

    // Act
    const voter = await voterByBallot(ballotId);

    // Assess
    expect(voter).toEqual({ approvalId, email: member.email, name: member.name, cityId: app.id });
    expect(await ballotOf(forged)).toBeUndefined();
    expect(await ballotOf('A'.repeat(43))).toBeUndefined();
    expect(await ballotOf(sha256(ballotId))).toBeUndefined();
  });

  it('refuses to issue ballots to an empty committee', async () => {
    // Prepare
    const app = city();
    const approvalId = randomUUID();
    await transact([
      openApprovalPut(app, approvalId, 'secretariat@wego.example', new Date(), VOTING_SECONDS),
    ]);

    // Act, Assess
    await expect(issueBallots(approvalId, [], () => ({}) as never)).rejects.toThrow(/empty/);
    expect((await getApproval(approvalId)).tally.committeeSize).toBe(0);
  });
});

describe('castVote', () => {
  it('counts a vote and records it on the voter', async () => {
    // Prepare
    const { approvalId, members, ballots } = await openVote(3);
    const member = members[0] as { email: string };

    // Act
    const { tally } = await castVote(approvalId, member.email, vote('approve'));

    // Assess
    expect(tally).toEqual({ approve: 1, reject: 0, committeeSize: 3 });
    expect(await getApproval(approvalId)).toMatchObject({
      tally: { approve: 1, reject: 0, committeeSize: 3 },
    });
    expect(await voterByBallot(ballots.get(member.email) ?? '')).toMatchObject({ decision: 'approve' });
  });

  it("refuses a second vote of the same voter as 'already-voted' and keeps the first", async () => {
    // Prepare
    const { approvalId, members } = await openVote(3);
    const email = members[0]?.email ?? '';
    await castVote(approvalId, email, vote('approve'));

    // Act
    const reason = await refusalOf(castVote(approvalId, email, vote('reject')));

    // Assess
    expect(reason).toBe('already-voted');
    expect((await getApproval(approvalId)).tally).toEqual({ approve: 1, reject: 0, committeeSize: 3 });
  });

  it("refuses someone not on the committee as 'not-eligible'", async () => {
    // Prepare
    const { approvalId } = await openVote(3);

    // Act
    const reason = await refusalOf(
      castVote(approvalId, `stranger-${unique()}@city.example`, vote('approve')),
    );

    // Assess
    expect(reason).toBe('not-eligible');
    expect((await getApproval(approvalId)).tally).toEqual({ approve: 0, reject: 0, committeeSize: 3 });
    expect((await partition(approvalId)).filter((i) => String(i.sk).startsWith('VOTER#'))).toHaveLength(3);
  });

  it("refuses a vote after closesAt as 'closed'", async () => {
    // Prepare
    const openedAt = new Date(Date.now() - VOTING_SECONDS * 1000 - 60_000);
    const { approvalId, members } = await openVote(3, openedAt);

    // Act
    const reason = await refusalOf(castVote(approvalId, members[0]?.email ?? '', vote('approve')));

    // Assess
    expect(reason).toBe('closed');
    expect((await getApproval(approvalId)).tally.approve).toBe(0);
  });

  it("refuses a vote exactly at closesAt as 'closed'", async () => {
    // Prepare
    const openedAt = new Date('2026-10-01T00:00:00Z');
    const { approvalId, members } = await openVote(3, openedAt);
    const closesAt = new Date(openedAt.getTime() + VOTING_SECONDS * 1000);

    // Act
    const reason = await refusalOf(castVote(approvalId, members[0]?.email ?? '', vote('approve'), closesAt));

    // Assess
    expect(reason).toBe('closed');
  });

  it("refuses a vote on a closed approval as 'closed'", async () => {
    // Prepare
    const { approvalId, members } = await openVote(3);
    await transact([closeApprovalUpdate(approvalId, 'expired', new Date())]);

    // Act
    const reason = await refusalOf(castVote(approvalId, members[0]?.email ?? '', vote('approve')));

    // Assess
    expect(reason).toBe('closed');
  });

  it("refuses a vote on an unknown approval as 'unknown'", async () => {
    // Act
    const reason = await refusalOf(castVote(randomUUID(), 'a@committee.example', vote('approve')));

    // Assess
    expect(reason).toBe('unknown');
  });

  it('counts every one of 10 concurrent votes of a committee of 10', async () => {
    // Prepare
    const { approvalId, members } = await openVote(10);

    // Act
    const results = await Promise.allSettled(
      members.map((m, i) => castVote(approvalId, m.email, vote(i < 6 ? 'approve' : 'reject'))),
    );

    // Assess
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const { tally } = await getApproval(approvalId);
    expect(tally).toEqual({ approve: 6, reject: 4, committeeSize: 10 });
    expect(tally.approve + tally.reject).toBe(10);
    expect(sent()).toEqual([]); // nothing waits for the decision yet
  });

  it('lets only one of two concurrent votes of the same voter count', async () => {
    // Prepare
    const { approvalId, members } = await openVote(3);
    const email = members[0]?.email ?? '';

    // Act
    const results = await Promise.allSettled([
      castVote(approvalId, email, vote('approve')),
      castVote(approvalId, email, vote('reject')),
    ]);

    // Assess
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused).toHaveLength(1);
    expect(refused[0]?.reason).toMatchObject({ reason: 'already-voted' });
    const { tally } = await getApproval(approvalId);
    expect(tally.approve + tally.reject).toBe(1);
  });

  // On AWS, racing transactions on one item cancel one with TransactionConflict (DynamoDB Local never
  // does): transact() retries it, so the caller sees a retry or a 409, never a 500.
  it('counts a vote that lost a transaction conflict to another vote', async () => {
    // Prepare: DynamoDB cancels the first transaction as it cancels one of two racing ones
    const { approvalId, members } = await openVote(3);
    const conflicted = conflictOnce(ddb, ['None', 'TransactionConflict']);

    // Act
    const outcome = await castVote(approvalId, members[0]?.email ?? '', vote('approve')).catch(
      (e: Error) => e,
    );

    // Assess
    expect(conflicted()).toBe(true);
    expect(outcome).toEqual({ tally: { approve: 1, reject: 0, committeeSize: 3 } });
  });
});

describe('settleIfDecided', () => {
  it('hands the decision to the waiting workflow exactly once when 5 callers settle at the same time', async () => {
    // Prepare: a decided tally (2 of 3 approve) and a waiting workflow
    const { approvalId, members } = await openVote(3);
    await castVote(approvalId, members[0]?.email ?? '', vote('approve'));
    await castVote(approvalId, members[1]?.email ?? '', vote('approve'));
    const token = `token-${unique()}`;
    await storeToken(approvalId, token);
    expect(sent()).toEqual([]);

    // Act
    await Promise.all(Array.from({ length: 5 }, () => settleIfDecided(approvalId)));

    // Assess
    expect(sent()).toEqual([{ taskToken: token, output: '{"decision":"approved"}' }]);
    expect(JSON.parse(sent()[0]?.output ?? '')).toEqual({ decision: 'approved' });
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });

  it('hands over a rejection once a majority is out of reach', async () => {
    // Prepare
    const { approvalId, members } = await openVote(4);
    const token = `token-${unique()}`;
    await registerTaskToken(approvalId, token);

    // Act
    await castVote(approvalId, members[0]?.email ?? '', vote('reject'));
    const before = sent().length;
    await castVote(approvalId, members[1]?.email ?? '', vote('reject'));

    // Assess
    expect(before).toBe(0);
    expect(sent()).toEqual([{ taskToken: token, output: '{"decision":"rejected"}' }]);
  });

  it('hands the decision over exactly once when the deciding votes race', async () => {
    // Prepare
    const { approvalId, members } = await openVote(5);
    const token = `token-${unique()}`;
    await registerTaskToken(approvalId, token);

    // Act
    await Promise.all(members.map((m) => castVote(approvalId, m.email, vote('approve'))));

    // Assess
    expect(sent()).toEqual([{ taskToken: token, output: '{"decision":"approved"}' }]);
  });

  it('sends nothing while no task token is registered, and registerTaskToken then sends it', async () => {
    // Prepare
    const { approvalId, members } = await openVote(1);
    await castVote(approvalId, members[0]?.email ?? '', vote('approve'));

    // Act
    await settleIfDecided(approvalId);
    const beforeToken = sent().length;
    const token = `token-${unique()}`;
    await registerTaskToken(approvalId, token);

    // Assess
    expect(beforeToken).toBe(0);
    expect(sent()).toEqual([{ taskToken: token, output: '{"decision":"approved"}' }]);
  });

  it('sends nothing while the vote is undecided, even with a token', async () => {
    // Prepare
    const { approvalId, members } = await openVote(3);
    await registerTaskToken(approvalId, `token-${unique()}`);

    // Act
    await castVote(approvalId, members[0]?.email ?? '', vote('approve'));
    await settleIfDecided(approvalId);

    // Assess
    expect(sent()).toEqual([]);
  });

  it('refuses to register a token for a closed approval', async () => {
    // Prepare
    const { approvalId } = await openVote(1);
    await transact([closeApprovalUpdate(approvalId, 'expired', new Date())]);

    // Act, Assess
    await expect(registerTaskToken(approvalId, 'token')).rejects.toThrow(/not open/);
    expect(sent()).toEqual([]);
  });

  it('returns normally when the workflow no longer waits (TaskTimedOut)', async () => {
    // Prepare
    const { approvalId, members } = await openVote(1);
    await castVote(approvalId, members[0]?.email ?? '', vote('approve'));
    await storeToken(approvalId, `token-${unique()}`);
    sfn
      .on(SendTaskSuccessCommand)
      .rejects(Object.assign(new Error('Task Timed Out'), { name: 'TaskTimedOut' }));

    // Act
    const settled = await settleIfDecided(approvalId);

    // Assess
    expect(settled.id).toBe(approvalId);
    expect(sent()).toHaveLength(1);
  });

  it('lets any other error of Step Functions propagate', async () => {
    // Prepare
    const { approvalId, members } = await openVote(1);
    await castVote(approvalId, members[0]?.email ?? '', vote('approve'));
    await storeToken(approvalId, `token-${unique()}`);
    sfn
      .on(SendTaskSuccessCommand)
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));

    // Act, Assess
    await expect(settleIfDecided(approvalId)).rejects.toMatchObject({ name: 'ThrottlingException' });
    expect(sent()).toHaveLength(1);
  });

  // A failed hand-over of the decision gives the claim back, so the next settle sends it again.
  it('hands the decision over on a later settle when the first send failed', async () => {
    // Prepare
    const { approvalId, members } = await openVote(1);
    await castVote(approvalId, members[0]?.email ?? '', vote('approve'));
    await storeToken(approvalId, `token-${unique()}`);
    sfn
      .on(SendTaskSuccessCommand)
      .rejectsOnce(Object.assign(new Error('socket hang up'), { name: 'ECONNRESET' }))
      .resolves({});
    await settleIfDecided(approvalId).catch(() => undefined);

    // Act
    await settleIfDecided(approvalId);

    // Assess
    expect(sent()).toHaveLength(2);
  });
});
