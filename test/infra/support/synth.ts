import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import type { WegoAppStack } from '../../../lib/app-stack.ts';
import type { WegoDataStack } from '../../../lib/data-stack.ts';
import { addWegoStacks } from '../../../lib/stacks.ts';

/** The context of a deployment, as cdk.json and `-c` give it (strings where the CLI passes strings). */
export const deploymentContext = {
  stage: 'prod',
  senderEmail: 'no-reply@wego.example',
  secretariatEmail: 'secretariat@wego.example',
  publicBaseUrl: 'https://wego.example',
  corsOrigins: 'https://wego.example,https://admin.wego.example',
  votingPeriodDays: 14,
};

export const CONFIGURED_ORIGINS = ['https://wego.example', 'https://admin.wego.example'];

/**
 * Context that keeps the tests fast and quiet: no esbuild bundling (asset hashes are computed from the
 * sources instead; NodejsFunction still checks that every entry file exists), and validation failures
 * thrown with the whole report in the message whatever NODE_ENV says.
 */
export const testContext = {
  'aws:cdk:bundling-stacks': [],
  '@aws-cdk/core:appMode': 'inmemory',
};

export interface Synthesized {
  readonly app: App;
  /** The stateless stack (functions, API, workflow, alarms) and its template. */
  readonly stack: WegoAppStack;
  readonly template: Template;
  /** The stateful stack (table, user pool, keys, sending identity) and its template. */
  readonly data: WegoDataStack;
  readonly dataTemplate: Template;
  /** Removes the cloud assembly written under the temporary folder. */
  readonly dispose: () => void;
}

/** An App with the same context a deployment gets, writing its assembly to a temporary folder. */
export function newApp(context: Record<string, unknown> = {}): { app: App; dispose: () => void } {
  const outdir = mkdtempSync(join(tmpdir(), 'wego-infra-'));
  const app = new App({ outdir, context: { ...deploymentContext, ...testContext, ...context } });
  return { app, dispose: () => rmSync(outdir, { recursive: true, force: true }) };
}

/** Synthesizes the WeGO stacks once, as bin/wego.ts builds them; call it from beforeAll and `dispose` in afterAll. */
export function synthesize(context: Record<string, unknown> = {}): Synthesized {
  const { app, dispose } = newApp(context);
  const stacks = addWegoStacks(app);
  return {
    app,
    stack: stacks.app,
    template: Template.fromStack(stacks.app),
    data: stacks.data,
    dataTemplate: Template.fromStack(stacks.data),
    dispose,
  };
}

/** The logical id of the CloudFormation resource behind an L2 construct. */
export function logicalIdOf(construct: IConstruct): string {
  const resource = construct.node.defaultChild as CfnElement | undefined;
  if (!resource) throw new Error(`${construct.node.path} has no CloudFormation resource`);
  return Stack.of(construct).getLogicalId(resource);
}

export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
  readonly DependsOn?: string[];
}

/** All resources of one type, by logical id. */
export function resourcesOf(template: Template, type: string): Record<string, CfnResource> {
  return template.findResources(type) as Record<string, CfnResource>;
}

/**
 * The deploy-time handler CDK adds for BucketDeployment (it copies the site's assets to S3 during a
 * deployment): a CDK-managed function that serves no request, so the rules for WeGO's own functions
 * (runtime, tracing, alarms, JSON logs) do not apply to it; its findings are acknowledged one by one.
 */
export const isDeploymentHandler = (logicalId: string) => logicalId.startsWith('CustomCDKBucketDeployment');

/** WeGO's own Lambda functions, by logical id: every function but CDK's deploy-time handler. */
export function applicationFunctions(template: Template): Record<string, CfnResource> {
  return Object.fromEntries(
    Object.entries(resourcesOf(template, 'AWS::Lambda::Function')).filter(([id]) => !isDeploymentHandler(id)),
  );
}

/** The logical id behind `{ Ref: id }` or `{ 'Fn::GetAtt': [id, attr] }`. */
export function refId(value: unknown): string {
  const v = value as { Ref?: string; 'Fn::GetAtt'?: [string, string] } | undefined;
  const id = v?.Ref ?? v?.['Fn::GetAtt']?.[0];
  if (typeof id !== 'string') throw new Error(`not a Ref or GetAtt: ${JSON.stringify(value)}`);
  return id;
}

/** The resource a Ref/GetAtt points to, which must exist in the template. */
export function resolve(template: Template, value: unknown): CfnResource & { id: string } {
  const id = refId(value);
  const resource = (template.toJSON().Resources as Record<string, CfnResource>)[id];
  if (!resource) throw new Error(`${id} is not a resource of the template`);
  return { ...resource, id };
}

/** The value a template exports under `exportName` (its Outputs' Export.Name), which must exist. */
export function exportedValue(template: Template, exportName: string): unknown {
  const outputs = (template.toJSON().Outputs ?? {}) as Record<
    string,
    { Value: unknown; Export?: { Name?: unknown } }
  >;
  const found = Object.values(outputs).filter((o) => o.Export?.Name === exportName);
  if (found.length !== 1) throw new Error(`${found.length} outputs export ${exportName}`);
  return found[0]?.Value;
}

/** Every export name a template imports with Fn::ImportValue, anywhere in it. */
export function importedNames(template: Template): string[] {
  const names = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'Fn::ImportValue') {
          if (typeof inner !== 'string') throw new Error(`computed import name: ${JSON.stringify(inner)}`);
          names.add(inner);
        } else visit(inner);
      }
    }
  };
  visit(template.toJSON());
  return [...names].sort();
}

/**
 * The table name as the stateless stack computes it from the imported table ARN
 * (arn:<partition>:dynamodb:<region>:<account>:table/<name>): the 6th ':' field, after 'table/'.
 */
export const importedTableName = (tableArnExport: string) => ({
  'Fn::Select': [
    1,
    {
      'Fn::Split': [
        '/',
        { 'Fn::Select': [5, { 'Fn::Split': [':', { 'Fn::ImportValue': tableArnExport }] }] },
      ],
    },
  ],
});
