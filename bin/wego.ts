#!/usr/bin/env node
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { parseConfig } from '../lib/config.ts';
import { WegoStack } from '../lib/wego-stack.ts';

const app = new App();
const config = parseConfig((key) => app.node.tryGetContext(key));

new WegoStack(app, `Wego-${config.stage}`, {
  config,
  description: `WeGO platform: membership and the Civic Participation System (${config.stage})`,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  tags: { project: 'wego', stage: config.stage },
});

// cdk-nag runs at every synth; an unacknowledged finding fails it (see lib/nag-acknowledgements.ts).
Validations.of(app).addPlugins(
  new AwsSolutionsChecks(app, { verbose: true }),
  new ServerlessChecks(app, { verbose: true }),
);
