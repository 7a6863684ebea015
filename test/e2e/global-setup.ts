import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startLocalCloud } from '../../lib/local/cloud.ts';

/**
 * End-to-end tier: the whole local stack (`npm start`) on its own ports and state folder, so it never
 * touches a developer's running stack or data. Tests find it through the E2E_* variables.
 */
export default async function setup() {
  const stateDir = mkdtempSync(join(tmpdir(), 'wego-e2e-'));
  const apiPort = Number(process.env.E2E_API_PORT ?? 3100);
  const lines: string[] = [];
  const cloud = await startLocalCloud({
    projectDir: resolve(import.meta.dirname, '../..'),
    stateDir,
    apiPort,
    sitePort: Number(process.env.E2E_SITE_PORT ?? 8180),
    sesPort: Number(process.env.E2E_SES_PORT ?? 8105),
    dynamoPort: Number(process.env.E2E_DYNAMODB_PORT ?? 8101),
    sfnPort: Number(process.env.E2E_SFN_PORT ?? 8183),
    s3Port: Number(process.env.E2E_S3_PORT ?? 8169),
    // Short enough for a test to watch a vote expire, long enough for the other journeys to vote in time.
    votingPeriodSeconds: Number(process.env.E2E_VOTING_SECONDS ?? 12),
    // Closed requests lose the citizen's contact this soon: the retention test watches it go.
    contactRetentionSeconds: Number(process.env.E2E_CONTACT_RETENTION_SECONDS ?? 4),
    sfnRetryMs: 100,
    scheduleIntervalMs: Number(process.env.E2E_SCHEDULE_MS ?? 1000),
    streamRetryMs: 100,
    reset: true,
    inMemory: true,
    log: (line) => lines.push(line),
  });
  Object.assign(process.env, {
    E2E_API_URL: cloud.apiUrl,
    E2E_SITE_URL: cloud.siteUrl,
    E2E_INBOX_URL: cloud.inboxUrl,
    E2E_DYNAMODB_ENDPOINT: cloud.dynamoEndpoint,
    E2E_S3_ENDPOINT: cloud.s3Endpoint,
    E2E_VOTING_SECONDS: String(process.env.E2E_VOTING_SECONDS ?? 12),
    E2E_CONTACT_RETENTION_SECONDS: String(process.env.E2E_CONTACT_RETENTION_SECONDS ?? 4),
    E2E_STATE_DIR: stateDir,
  });
  return async () => {
    await cloud.stop();
    if (process.env.E2E_KEEP_STATE) console.log(`e2e state kept in ${stateDir}\n${lines.join('\n')}`);
    else rmSync(stateDir, { recursive: true, force: true });
  };
}
