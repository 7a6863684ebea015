#!/usr/bin/env node
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { addWegoStacks } from '../lib/stacks.ts';

const app = new App();
addWegoStacks(app);

// cdk-nag runs at every synth; an unacknowledged finding fails it (see lib/nag-acknowledgements.ts).
Validations.of(app).addPlugins(
  new AwsSolutionsChecks(app, { verbose: true }),
  new ServerlessChecks(app, { verbose: true }),
);
