import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type App, type CfnElement, Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { featureApis, routes } from '../../functions/routes.ts';
import type { RouteSpec } from '../../functions/shared/route.ts';
import type { WegoAppStack } from '../../lib/app-stack.ts';
import { featureFunctionId } from '../../lib/constructs/http-api.ts';
import { dataExportNames, type WegoDataStack } from '../../lib/data-stack.ts';
import { addWegoStacks } from '../../lib/stacks.ts';
import { newApp } from './support/synth.ts';

/** The stage this file synthesizes: a production one, where the stateful resources are retained. */
const STAGE = 'prod';

/** The rule packs bin/wego.ts runs at every synth. */
function addNagPacks(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
}

interface ValidationReport {
  pluginReports: {
    pluginName: string;
    violations: {
      ruleName: string;
      severity?: string;
      violatingConstructs: { constructPath: string }[];
    }[];
  }[];
}

/** The findings left after acknowledgements, from the report aws-cdk-lib writes into the assembly. */
function findingsIn(assemblyDir: string): { rule: string; severity: string; path: string }[] {
  const report = JSON.parse(
    readFileSync(join(assemblyDir, 'validation-report.json'), 'utf8'),
  ) as ValidationReport;
  return report.pluginReports.flatMap((p) =>
    p.violations.flatMap((v) =>
      v.violatingConstructs.map((c) => ({
        rule: v.ruleName,
        severity: v.severity ?? 'unknown',
        path: c.constructPath,
      })),
    ),
  );
}

/** Every `Validations.of(x).acknowledge()` of the tree, as "<construct path> <rule id>", with its reason. */
function acknowledgementsOf(root: IConstruct): { entry: string; reason: string }[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) =>
        Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({
          // aws-cdk-lib qualifies the id with a namespace ("Annotation::"); the rule id is what was written.
          entry: `${construct.node.path} ${id.replace(/^[A-Za-z]+::/, '')}`,
          reason,
        })),
      ),
  );
}

/** What lib/nag-acknowledgements.ts declares for these two stacks and this route catalogue. */
function declaredAcknowledgements(stacks: { data: WegoDataStack; app: WegoAppStack }): string[] {
  const d = stacks.data.node.path;
  const s = stacks.app.node.path;
  const { workflow } = stacks.app;
  const stateful = [
    `${d}/Auth/UserPool AwsSolutions-COG2`,
    `${d}/Auth/UserPool AwsSolutions-COG8`,
    `${d}/CursorSigningKey AwsSolutions-SMG4`,
    // aws-cdk-lib acknowledges this cfn-lint warning itself on a bucket that receives access logs.
    `${d}/Uploads/AccessLogs CloudFormation-Validate::W3045`,
  ];
  const features = Object.keys(featureApis).map((feature) => `${s}/Http/${featureFunctionId(feature)}`);
  const perFeature = features.flatMap((fn) => [
    `${fn} AwsSolutions-IAM5[Resource::*]`,
    `${fn} Serverless-LambdaDLQ`,
  ]);
  // Functions of features with upload routes: the uploads bucket's prefixes, named by its export.
  const perUploadFeature = Object.entries(featureApis)
    .filter(([, featureRoutes]) => featureRoutes.some((r: RouteSpec) => r.uploads === true))
    .flatMap(([feature]) =>
      ['incoming', 'media', 'private'].map(
        (prefix) =>
          `${s}/Http/${featureFunctionId(feature)} AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${dataExportNames(STAGE).uploadsBucketName}/${prefix}/*]`,
      ),
    );
  // The search index's prefix: the indexer and the features whose routes search.
  const searchIndex = `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${dataExportNames(STAGE).uploadsBucketName}/search-index/*]`;
  const perSearchIndexUser = [
    `${s}/Knowledge/Indexer ${searchIndex}`,
    ...Object.entries(featureApis)
      .filter(([, featureRoutes]) => featureRoutes.some((r: RouteSpec) => r.searchIndex === true))
      .map(([feature]) => `${s}/Http/${featureFunctionId(feature)} ${searchIndex}`),
  ];
  const perPublicRoute = routes
    .filter((r) => r.access === 'public')
    .map((r) => `${s}/Http/Api/${r.method}${r.path.replaceAll('/', '--')} AwsSolutions-APIG4`);
  const role = workflow.stateMachine.role.node.path;
  const stepsFn = stacks.app.getLogicalId(workflow.steps.fn.node.defaultChild as CfnElement);
  const stateless = [
    // The table's ARN is imported, so the finding names its export.
    `${s} AwsSolutions-IAM5[Resource::${dataExportNames(STAGE).tableArn}/index/*]`,
    `${s}/Outbox/Dlq AwsSolutions-SQS3`,
    `${s}/Outbox/Dlq Serverless-SQSRedrivePolicy`,
    `${s}/Outbox/Notifier AwsSolutions-IAM5[Resource::*]`,
    `${s}/Outbox/Notifier Serverless-LambdaDLQ`,
    `${s}/Observability/OpsEmail Serverless-SNSRedrivePolicy`,
    `${s}/Escalation/EscalateOverdue AwsSolutions-IAM5[Resource::*]`,
    `${s}/Escalation/EscalateOverdue Serverless-LambdaDLQ`,
    `${s}/Escalation/Schedule Serverless-EventBusDLQ`,
    `${s}/Knowledge/Indexer AwsSolutions-IAM5[Resource::*]`,
    `${s}/Knowledge/Indexer Serverless-LambdaDLQ`,
    `${s}/Knowledge/Digest AwsSolutions-IAM5[Resource::*]`,
    `${s}/Knowledge/Digest Serverless-LambdaDLQ`,
    `${s}/Knowledge/WeeklyDigest Serverless-EventBusDLQ`,
    `${s}/Approval/StepsFn AwsSolutions-IAM5[Resource::*]`,
    `${s}/Approval/StepsFn Serverless-LambdaDLQ`,
    `${role} AwsSolutions-IAM5[Resource::<${stepsFn}.Arn>:*]`,
    `${role} AwsSolutions-IAM5[Resource::*]`,
  ];
  const { site } = stacks.app;
  const deployer = stacks.app.node.findAll().find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'))
    ?.node.path;
  const siteBucket = stacks.app.getLogicalId(site.bucket.node.defaultChild as CfnElement);
  const web = [
    ...['CFR1', 'CFR2', 'CFR4'].map((rule) => `${site.distribution.node.path} AwsSolutions-${rule}`),
    // aws-cdk-lib acknowledges this cfn-lint warning itself on a bucket that receives access logs.
    `${s}/Site/Logs CloudFormation-Validate::W3045`,
    ...[
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      ...['GetBucket*', 'GetObject*', 'List*', 'Abort*', 'DeleteObject*'].map(
        (action) => `AwsSolutions-IAM5[Action::s3:${action}]`,
      ),
      `AwsSolutions-IAM5[Resource::<${siteBucket}.Arn>/*]`,
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]',
      'AwsSolutions-L1',
      'Serverless-LambdaLatestVersion',
      'Serverless-LambdaDLQ',
      'Serverless-LambdaTracing',
    ].map((finding) => `${deployer} ${finding}`),
  ];
  return [
    ...stateful,
    ...stateless,
    ...perFeature,
    ...perUploadFeature,
    ...perSearchIndexUser,
    ...perPublicRoute,
    ...web,
  ].sort();
}

describe('cdk-nag (AwsSolutions and Serverless packs)', () => {
  let app: App;
  let stacks: { data: WegoDataStack; app: WegoAppStack };
  let dispose: () => void;

  beforeAll(() => {
    ({ app, dispose } = newApp({ stage: STAGE }));
    stacks = addWegoStacks(app);
    addNagPacks(app);
  });

  afterAll(() => dispose?.());

  it('finds no unacknowledged error in either stack', () => {
    // Act: an unacknowledged error makes synth throw with the whole report in its message.
    const assembly = app.synth();

    // Assess
    expect(assembly.stacks.map((s) => s.stackName).sort()).toEqual([`Wego-${STAGE}`, `WegoData-${STAGE}`]);
    expect(findingsIn(assembly.directory)).toEqual([]);
  });

  it('counts exactly the acknowledgements lib/nag-acknowledgements.ts declares', () => {
    // Act
    const acknowledged = acknowledgementsOf(app).map((a) => a.entry);

    // Assess: a new acknowledgement changes this list, and this test, on purpose.
    expect(acknowledged.sort()).toEqual(declaredAcknowledgements(stacks));
    const features = Object.keys(featureApis).length;
    const uploadFeatures = Object.values(featureApis).filter((f) =>
      f.some((r: RouteSpec) => r.uploads === true),
    ).length;
    const searchIndexFeatures = Object.values(featureApis).filter((f) =>
      f.some((r: RouteSpec) => r.searchIndex === true),
    ).length;
    // The indexer's search-index prefix, then one per feature that searches.
    expect(acknowledged).toHaveLength(
      4 +
        18 +
        16 +
        2 * features +
        3 * uploadFeatures +
        1 +
        searchIndexFeatures +
        routes.filter((r) => r.access === 'public').length,
    );
  });

  it('gives every acknowledgement a written reason', () => {
    for (const { entry, reason } of acknowledgementsOf(app)) {
      expect(reason.length, entry).toBeGreaterThanOrEqual(40);
    }
  });
});

describe('cdk-nag on a stack with an unacknowledged finding', () => {
  let outcome: { error: unknown; outdir: string };
  let dispose: () => void;

  beforeAll(() => {
    // Prepare: the real stacks plus a queue with neither TLS enforcement nor a DLQ, and no acknowledgement.
    const made = newApp({ stage: 'nag-probe' });
    dispose = made.dispose;
    const stacks = addWegoStacks(made.app);
    new sqs.Queue(stacks.app, 'UnacknowledgedQueue');
    addNagPacks(made.app);

    // Act
    let error: unknown;
    try {
      made.app.synth();
    } catch (e) {
      error = e;
    }
    outcome = { error, outdir: made.app.outdir };
  });

  afterAll(() => dispose?.());

  it('fails synthesis, naming the rule and the construct', () => {
    expect(outcome.error).toBeInstanceOf(Error);
    const message = (outcome.error as Error).message;
    expect(message).toContain('AwsSolutions-SQS4');
    expect(message).toContain('Wego-nag-probe/UnacknowledgedQueue/Resource');
  });

  it('reports errors on the unacknowledged queue only, so the stack acknowledgements are not blanket', () => {
    // Act
    const findings = findingsIn(outcome.outdir);

    // Assess
    expect(findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['AwsSolutions-SQS4']));
    for (const finding of findings) {
      expect(finding.path, finding.rule).toBe('Wego-nag-probe/UnacknowledgedQueue/Resource');
      expect(finding.severity, finding.rule).toBe('error');
    }
  });
});
