import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { localContext, synthesize } from '../../lib/local/cloud.ts';
import { ensureTables, LOCAL_CREDENTIALS, startDynamo } from '../../lib/local/dynamodb.ts';
import { LOCAL_REGION, loadTemplate, TemplateReader } from '../../lib/local/template.ts';

/**
 * Integration tier: DynamoDB Local in memory, with the table the synthesized template defines
 * (synthesized without bundling: the table and the state machine definition are what matter here). Test workers inherit the env below,
 * so the code under test builds its real SDK clients against it.
 */
export default async function setup() {
  const outDir = mkdtempSync(join(tmpdir(), 'wego-int-'));
  const port = Number(process.env.INTEGRATION_DYNAMODB_PORT ?? 8110);
  const [, dynamo] = await Promise.all([
    synthesize(resolve(import.meta.dirname, '../..'), outDir, {
      // A 2-second vote, so the workflow test sees the wait time out.
      ...localContext({ api: 3000, site: 8080 }, { votingPeriodSeconds: 2 }),
      'aws:cdk:bundling-stacks': [],
    }),
    startDynamo(port, undefined),
  ]);
  const tables = new TemplateReader(loadTemplate(outDir), outDir).tables();
  await ensureTables(dynamo.client, tables);
  Object.assign(process.env, {
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    TABLE_NAME: tables[0]?.name,
    // The synthesized template, for tests that run its state machine.
    INTEGRATION_CDK_OUT: outDir,
  });
  return async () => {
    await dynamo.stop();
    rmSync(outDir, { recursive: true, force: true });
  };
}
