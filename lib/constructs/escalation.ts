import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import { grantItemAccess } from './grants.ts';
import { WegoFunction } from './wego-function.ts';

export interface EscalationProps {
  readonly table: dynamodb.ITable;
  readonly environment: Record<string, string>;
  readonly every: Duration;
  readonly logRemovalPolicy: RemovalPolicy;
}

/**
 * Escalation of overdue civic requests: an EventBridge schedule runs a function that finds open
 * requests past their expected time through the due index (no Scan), marks them overdue and emails the
 * Secretariat once per request.
 */
export class Escalation extends Construct {
  readonly fn: WegoFunction;
  readonly schedule: events.Rule;

  constructor(scope: Construct, id: string, props: EscalationProps) {
    super(scope, id);
    this.fn = new WegoFunction(this, 'EscalateOverdue', {
      entry: 'functions/cps/sweep.ts',
      description: 'CPS sweep: escalate overdue civic requests, remove contacts past their retention',
      environment: props.environment,
      timeout: Duration.seconds(60),
      logRemovalPolicy: props.logRemovalPolicy,
    });
    grantItemAccess(props.table, this.fn.fn);
    this.schedule = new events.Rule(this, 'Schedule', {
      description: 'Escalates overdue civic requests',
      schedule: events.Schedule.rate(props.every),
      targets: [
        new targets.LambdaFunction(this.fn.fn, { retryAttempts: 2, maxEventAge: Duration.minutes(10) }),
      ],
    });
  }
}
