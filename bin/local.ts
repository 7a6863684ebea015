#!/usr/bin/env node
/**
 * `npm start`: the whole WeGO app on this machine, from the same synthesized template as `cdk deploy`.
 * `npm start -- --reset` starts with no data. Ports: SITE_PORT (the site, 8080), PORT (API, 3000), SES_PORT (inbox, 8005),
 * DYNAMODB_PORT (8000), SFN_PORT (Step Functions, 8083), S3_PORT (the S3 stand-in, 4568). VOTING_PERIOD_SECONDS shortens Full Membership
 * votes (default: the CDK context, 14 days); CONTACT_RETENTION_SECONDS how long closed civic requests keep
 * the citizen's contact (default 365 days). SCHEDULE_INTERVAL_SECONDS runs the scheduled rules (e.g. the
 * CPS escalation, every 5 minutes in AWS) at that interval instead. State (data, keys, logs) lives in
 * WEGO_STATE_DIR (default .local).
 */
import { resolve } from 'node:path';
import { startLocalCloud } from '../lib/local/cloud.ts';

const projectDir = resolve(import.meta.dirname, '..');
const started = Date.now();
const log = (line: string) => console.log(`[local] ${line}`);

const scheduleSeconds = process.env.SCHEDULE_INTERVAL_SECONDS || undefined;
if (scheduleSeconds !== undefined && !(Number(scheduleSeconds) > 0)) {
  console.error(
    `[local] SCHEDULE_INTERVAL_SECONDS must be a positive number of seconds, not "${scheduleSeconds}"`,
  );
  process.exit(2);
}

const cloud = await startLocalCloud({
  projectDir,
  stateDir: resolve(projectDir, process.env.WEGO_STATE_DIR ?? '.local'),
  apiPort: Number(process.env.PORT ?? 3000),
  sitePort: Number(process.env.SITE_PORT ?? 8080),
  sesPort: Number(process.env.SES_PORT ?? 8005),
  dynamoPort: Number(process.env.DYNAMODB_PORT ?? 8000),
  sfnPort: Number(process.env.SFN_PORT ?? 8083),
  s3Port: Number(process.env.S3_PORT ?? 4568),
  ...(process.env.VOTING_PERIOD_SECONDS
    ? { votingPeriodSeconds: Number(process.env.VOTING_PERIOD_SECONDS) }
    : {}),
  ...(process.env.CONTACT_RETENTION_SECONDS
    ? { contactRetentionSeconds: Number(process.env.CONTACT_RETENTION_SECONDS) }
    : {}),
  ...(scheduleSeconds !== undefined ? { scheduleIntervalMs: Number(scheduleSeconds) * 1000 } : {}),
  reset: process.argv.includes('--reset'),
  log,
}).catch((error: Error) => {
  console.error(`[local] could not start: ${error.message}`);
  process.exit(1);
});

console.log(
  `WeGO local stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s: site ${cloud.siteUrl}  API ${cloud.apiUrl}  inbox ${cloud.inboxUrl}  DynamoDB ${cloud.dynamoEndpoint}  Step Functions ${cloud.stepFunctionsEndpoint}  S3 ${cloud.s3Endpoint}`,
);

// SIGHUP too (the terminal closed): DynamoDB Local runs in its own process group and does not get it.
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    log('stopping...');
    await cloud.stop();
    process.exit(0);
  });
}
