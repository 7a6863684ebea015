import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalCloud, type LocalCloudOptions, startLocalCloud } from '../../lib/local/cloud.ts';
import { waitFor } from '../../lib/local/wait.ts';
import { freePort } from '../support/free-port.ts';
import {
  applicationForm,
  associateCity,
  ballotOf,
  committee,
  secretariat,
  setRoster,
  startVote,
  submit,
  vote,
  waitForStatus,
} from './membership-support.ts';
import { call, db, inbox, tableName } from './support.ts';

/**
 * The local stack stopped with Ctrl-C and started again, as a developer does with `npm start`, loses
 * nothing: every vote ends and every email is sent exactly once. This file runs its own local cloud
 * (persisted data, its own state folder and free ports), not the e2e global one, and points the
 * support helpers at it. The tests run in order on one state folder, three starts in all: a vote whose
 * deadline passes while the stack is down; a vote open across the next Ctrl-C, which comes in the
 * middle of a burst of emails; then the count of every email sent.
 */

const [alice, bob, carol] = committee.map((m) => m.email) as [string, string, string];
const stateDir = mkdtempSync(join(tmpdir(), 'wego-restart-'));
const logs: string[] = [];
let ports: Pick<LocalCloudOptions, 'apiPort' | 'sitePort' | 'sesPort' | 'dynamoPort' | 'sfnPort' | 's3Port'>;
let cloud: LocalCloud | undefined;
const supportEnv = ['E2E_API_URL', 'E2E_INBOX_URL', 'E2E_DYNAMODB_ENDPOINT', 'E2E_STATE_DIR'] as const;
const globalEnv = Object.fromEntries(supportEnv.map((name) => [name, process.env[name]]));

/** Starts the cloud on the state folder (what the runs before left there) and points the helpers at it. */
async function start(votingPeriodSeconds: number): Promise<number> {
  cloud = await startLocalCloud({
    projectDir: resolve(import.meta.dirname, '../..'),
    stateDir,
    ...ports,
    votingPeriodSeconds,
    sfnRetryMs: 100,
    streamRetryMs: 100,
    reset: false,
    inMemory: false,
    log: (line) => logs.push(line),
  });
  Object.assign(process.env, {
    E2E_API_URL: cloud.apiUrl,
    E2E_INBOX_URL: cloud.inboxUrl,
    E2E_DYNAMODB_ENDPOINT: cloud.dynamoEndpoint,
    E2E_STATE_DIR: stateDir,
  });
  return Date.now();
}

/** This process's children in its own process group, which a terminal's Ctrl-C would reach too. */
function childrenInOurGroup(): number[] {
  const rows = execFileSync('ps', ['-A', '-o', 'pid=,ppid=,pgid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((row) => row.trim().split(/\s+/).map(Number));
  const group = rows.find(([pid]) => pid === process.pid)?.[2];
  return rows
    .filter(([, ppid, pgid]) => ppid === process.pid && pgid === group)
    .map(([pid]) => pid as number);
}

/**
 * Ctrl-C on `npm start`: the terminal sends SIGINT to its whole foreground process group, and the
 * stack stops on it. Here the group is the test's: the children of this process in it get SIGINT (the
 * test runner itself must not), then the cloud stops as bin/local.ts stops it on SIGINT.
 */
async function ctrlC(): Promise<void> {
  for (const pid of childrenInOurGroup()) {
    try {
      process.kill(pid, 'SIGINT');
    } catch {
      // Ended since the listing (ps itself is one of them).
    }
  }
  await cloud?.stop();
  cloud = undefined;
}

async function approval(approvalId: string) {
  return (await call(`/approvals/${approvalId}`, { token: await secretariat() })).body;
}

/** Every OUTBOX# item: one per email the stack has had to send, across all runs (same table). */
async function outbox(): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new ScanCommand({
        TableName: tableName(),
        FilterExpression: 'begins_with(pk, :outbox)',
        ExpressionAttributeValues: { ':outbox': 'OUTBOX#' },
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

beforeAll(async () => {
  // Ports nothing listens on: never the e2e stack's nor another developer's. The restarts reuse them.
  const free = new Set<number>();
  while (free.size < 6) free.add(await freePort());
  const [apiPort, sesPort, dynamoPort, sfnPort, sitePort, s3Port] = [...free] as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  ports = { apiPort, sitePort, sesPort, dynamoPort, sfnPort, s3Port };
});

afterAll(async () => {
  await cloud?.stop();
  for (const [name, value] of Object.entries(globalEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  if (process.env.E2E_KEEP_STATE) console.log(`restart test state kept in ${stateDir}\n${logs.join('\n')}`);
  else rmSync(stateDir, { recursive: true, force: true });
});

describe('the local stack across Ctrl-C and npm start', () => {
  it('closes a vote at once, as expired, when its deadline passed while the stack was down', async () => {
    // Run 1: a 25-second vote (time for its setup on a busy machine), stopped while it waits for the committee.
    await start(25);
    await setRoster();
    const city = await associateCity();
    const opened = await startVote(city.id);
    const unusedBallot = await ballotOf(carol, city.form.city.name);
    expect((await vote(opened.approvalId, alice, 'approve')).status).toBe(201);
    await ctrlC();
    const stopped = Date.now();

    // Run 2, once the deadline has passed while the stack was down: the timeout path closes the vote.
    await new Promise((r) =>
      setTimeout(r, Math.max(0, Date.parse(opened.votingClosesAt) + 500 - Date.now())),
    );
    const restarted = await start(120);
    expect(Date.parse(opened.votingClosesAt)).toBeLessThan(restarted);
    await waitForStatus(city.id, 'associate', 15_000);
    const closed = await approval(opened.approvalId);
    expect(closed).toMatchObject({ status: 'expired', tally: { approve: 1, reject: 0, committeeSize: 3 } });
    expect(Date.parse(closed.closedAt)).toBeGreaterThan(stopped);
    expect((await call(`/ballots/${unusedBallot}`)).status).toBe(410);
  }, 240_000);

  it('settles a vote open across a Ctrl-C, in the middle of a burst of emails, with a ballot cast after it', async () => {
    // Run 2 goes on: a 2-minute vote with one approval, then 30 submissions (two emails each), then
    // Ctrl-C while their emails are going out.
    const city = await associateCity();
    const opened = await startVote(city.id);
    await ballotOf(bob, city.form.city.name);
    expect((await vote(opened.approvalId, alice, 'approve')).status).toBe(201);
    await Promise.all(Array.from({ length: 30 }, () => submit(applicationForm())));
    expect((await outbox()).filter((item) => !item.sentAt).length).toBeGreaterThan(0);
    await ctrlC();

    // Run 3: the vote still waits for the committee, and the ballot that decides it settles it.
    await start(120);
    expect((await approval(opened.approvalId)).status).toBe('open');
    expect((await vote(opened.approvalId, bob, 'approve')).status).toBe(201);
    await waitForStatus(city.id, 'full');
    expect(await approval(opened.approvalId)).toMatchObject({ status: 'approved' });
  }, 180_000);

  it('has sent every email of the three runs exactly once, and none to the DLQ', async () => {
    // Generous: after the third start the stream is read from where the second run stopped, and on a
    // busy machine (CI runs the infra project's synths beside this file) the notifier's first, cold
    // batches have taken over 90 s. A failure prints the stack's own log: what the poller said.
    await waitFor('every outbox item to be sent', 180_000, async () => {
      const unsent = (await outbox()).filter((item) => !item.sentAt);
      if (unsent.length > 0) throw new Error(`${unsent.length} outbox item(s) not sent`);
    }).catch((error: Error) => {
      throw new Error(`${error.message}\nlocal stack log (last 60 lines):\n${logs.slice(-60).join('\n')}`);
    });
    // The SES stand-in keeps its store per process: this inbox lists what every run of this file sent.
    const sent = (await inbox()).map((email) => email.messageId);
    expect(sent.sort()).toEqual((await outbox()).map((item) => item.messageId).sort());
    expect(existsSync(join(stateDir, 'dlq')) ? readdirSync(join(stateDir, 'dlq')) : []).toEqual([]);
  }, 210_000);
});
