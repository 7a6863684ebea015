import type { App } from 'aws-cdk-lib';
import { WegoAppStack } from './app-stack.ts';
import { parseConfig, stackNames } from './config.ts';
import { WegoDataStack } from './data-stack.ts';

/** Both stacks of the stage the app's context names, the stateless one depending on the stateful one. */
export function addWegoStacks(app: App): { data: WegoDataStack; app: WegoAppStack } {
  const config = parseConfig((key) => app.node.tryGetContext(key));
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  const names = stackNames(config.stage);
  const tags = { project: 'wego', stage: config.stage };
  const data = new WegoDataStack(app, names.data, {
    config,
    env,
    tags,
    description: `WeGO platform, stateful: table, user pool, keys, sending identity, uploads (${config.stage})`,
  });
  const stateless = new WegoAppStack(app, names.app, {
    config,
    env,
    tags,
    description: `WeGO platform: membership, Full Membership approval, CPS, Open311 (${config.stage})`,
  });
  stateless.addStackDependency(
    data,
    'imports its table, user pool, keys, sending identity and uploads bucket',
  );
  return { data, app: stateless };
}
