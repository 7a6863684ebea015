import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type App, type CfnElement, Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../functions/routes.ts';
import type { WegoStack } from '../../lib/wego-stack.ts';
import { addWegoStack, newApp } from './support/synth.ts';

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

/** What lib/nag-acknowledgements.ts declares for this stack and route catalogue. */
function declaredAcknowledgements(stack: WegoStack): string[] {
  const fnPath = (name: string) => {
    const fn = stack.api.functions.get(name);
    if (!fn) throw new Error(`no function for route ${name}`);
    return fn.node.path;
  };
  const s = stack.node.path;
  const perRoute = routes.flatMap((r) => [
    `${fnPath(r.name)} AwsSolutions-IAM5[Resource::*]`,
    `${fnPath(r.name)} Serverless-LambdaDLQ`,
  ]);
  const perPublicRoute = routes
    .filter((r) => r.access === 'public')
    .map((r) => `${s}/Http/Api/${r.method}${r.path.replaceAll('/', '--')} AwsSolutions-APIG4`);
  const fixed = [
    `${s} AwsSolutions-IAM5[Resource::<DataTableFDBAD0F2.Arn>/index/*]`,
    `${s}/Auth/UserPool AwsSolutions-COG2`,
    `${s}/Auth/UserPool AwsSolutions-COG8`,
    `${s}/Outbox/Dlq AwsSolutions-SQS3`,
    `${s}/Outbox/Dlq Serverless-SQSRedrivePolicy`,
    `${s}/Outbox/Notifier AwsSolutions-IAM5[Resource::*]`,
    `${s}/Outbox/Notifier Serverless-LambdaDLQ`,
    `${s}/Observability/OpsEmail Serverless-SNSRedrivePolicy`,
    `${s}/Escalation/EscalateOverdue AwsSolutions-IAM5[Resource::*]`,
    `${s}/Escalation/EscalateOverdue Serverless-LambdaDLQ`,
    `${s}/Escalation/Schedule Serverless-EventBusDLQ`,
  ];
  const role = stack.workflow.stateMachine.role.node.path;
  const perStep = stack.workflow.functions.flatMap((fn) => [
    `${fn.node.path} AwsSolutions-IAM5[Resource::*]`,
    `${fn.node.path} Serverless-LambdaDLQ`,
    `${role} AwsSolutions-IAM5[Resource::<${stack.getLogicalId(fn.fn.node.defaultChild as CfnElement)}.Arn>:*]`,
  ]);
  const workflow = [`${role} AwsSolutions-IAM5[Resource::*]`, `${s}/CursorSigningKey AwsSolutions-SMG4`];
  return [...fixed, ...workflow, ...perStep, ...perRoute, ...perPublicRoute].sort();
}

describe('cdk-nag (AwsSolutions and Serverless packs)', () => {
  let app: App;
  let stack: WegoStack;
  let dispose: () => void;

  beforeAll(() => {
    ({ app, dispose } = newApp());
    stack = addWegoStack(app);
    addNagPacks(app);
  });

  afterAll(() => dispose?.());

  it('finds no unacknowledged error in the stack', () => {
    // Act: an unacknowledged error makes synth throw with the whole report in its message.
    const assembly = app.synth();

    // Assess
    expect(findingsIn(assembly.directory)).toEqual([]);
  });

  it('counts exactly the acknowledgements lib/nag-acknowledgements.ts declares', () => {
    // Act
    const acknowledged = acknowledgementsOf(app).map((a) => a.entry);

    // Assess: a new acknowledgement changes this list, and this test, on purpose.
    expect(acknowledged.sort()).toEqual(declaredAcknowledgements(stack));
    expect(acknowledged).toHaveLength(
      13 +
        3 * stack.workflow.functions.length +
        2 * routes.length +
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
    // Prepare: the real stack plus a queue with neither TLS enforcement nor a DLQ, and no acknowledgement.
    const made = newApp();
    dispose = made.dispose;
    const stack = addWegoStack(made.app, 'Wego-nag-probe');
    new sqs.Queue(stack, 'UnacknowledgedQueue');
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
