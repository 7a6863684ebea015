import { ArnFormat, Duration, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { grantItemAccess } from './grants.ts';
import { WegoFunction } from './wego-function.ts';

export interface ApprovalWorkflowProps {
  readonly stage: string;
  readonly table: dynamodb.ITable;
  readonly votingPeriod: Duration;
  /** Environment of the step functions (table, public URL, Secretariat address). */
  readonly environment: Record<string, string>;
  readonly logRemovalPolicy: RemovalPolicy;
}

/** Lambda errors that mean the invocation itself failed, not the function's work. */
const LAMBDA_SERVICE_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
];

/**
 * The Executive Committee's Full Membership vote, a Standard state machine:
 * OpenVote (ballots emailed) → AwaitDecision (waitForTaskToken, timeout = voting period) → Choice →
 * CloseApproved | CloseRejected, or CloseExpired when the wait times out. Every Lambda step retries
 * with backoff and jitter, and its Catch records the failure, returns the city to associate and emails
 * the Secretariat. Execution data is not logged: the task token must stay out of every log.
 */
export class ApprovalWorkflow extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly stateMachineName: string;
  /** The one function behind every step; each task's payload names its `action`. */
  readonly steps: WegoFunction;

  constructor(scope: Construct, id: string, props: ApprovalWorkflowProps) {
    super(scope, id);
    this.stateMachineName = `wego-${props.stage}-full-membership`;
    this.steps = new WegoFunction(this, 'StepsFn', {
      entry: 'functions/approvals/workflow-steps.ts',
      description:
        'Full Membership workflow steps: open the vote, await the decision, close it, record a failure',
      environment: props.environment,
      timeout: Duration.seconds(30),
      logRemovalPolicy: props.logRemovalPolicy,
    });
    grantItemAccess(props.table, this.steps.fn);

    // The await step answers its own token when the ballots decided before it started waiting. Named ARN,
    // not a reference: the state machine already depends on this function.
    this.steps.fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['states:SendTaskSuccess'],
        resources: [
          Stack.of(this).formatArn({
            service: 'states',
            resource: 'stateMachine',
            resourceName: this.stateMachineName,
            arnFormat: ArnFormat.COLON_RESOURCE_NAME,
          }),
        ],
      }),
    );

    const retry = (task: tasks.LambdaInvoke, errors = [sfn.Errors.TASKS_FAILED]) =>
      task.addRetry({
        errors,
        interval: Duration.seconds(2),
        maxAttempts: 3,
        backoffRate: 2,
        maxDelay: Duration.seconds(30),
        jitterStrategy: sfn.JitterType.FULL,
      });

    const failed = new sfn.Fail(this, 'ApprovalWorkflowFailed', {
      error: 'ApprovalWorkflowFailed',
      cause: 'A step failed after its retries; the failure was recorded and the Secretariat emailed',
    });
    const recordFailureTask = new tasks.LambdaInvoke(this, 'RecordFailure', {
      lambdaFunction: this.steps.fn,
      payloadResponseOnly: true,
      retryOnServiceExceptions: false,
      payload: sfn.TaskInput.fromObject({
        action: 'record-failure',
        approvalId: sfn.JsonPath.stringAt('$.approvalId'),
        cityId: sfn.JsonPath.stringAt('$.cityId'),
        step: sfn.JsonPath.stringAt('$.failedStep'),
        failure: sfn.JsonPath.objectAt('$.failure'),
      }),
      resultPath: sfn.JsonPath.DISCARD,
      taskTimeout: sfn.Timeout.duration(Duration.seconds(60)),
    });
    retry(recordFailureTask);
    recordFailureTask.addCatch(failed, { resultPath: '$.failure' });
    recordFailureTask.next(failed);

    /** Each step's Catch names the step, then records the failure. */
    const catchInto = (task: sfn.TaskStateBase, name: string, errors = [sfn.Errors.ALL]) =>
      task.addCatch(
        new sfn.Pass(this, `${name}Failed`, {
          result: sfn.Result.fromString(name),
          resultPath: '$.failedStep',
        }).next(recordFailureTask),
        { errors, resultPath: '$.failure' },
      );

    const lambdaStep = (name: string, action: string, payload: Record<string, unknown>) => {
      const task = new tasks.LambdaInvoke(this, name, {
        lambdaFunction: this.steps.fn,
        payloadResponseOnly: true,
        retryOnServiceExceptions: false,
        payload: sfn.TaskInput.fromObject({ action, ...payload }),
        resultPath: sfn.JsonPath.DISCARD,
        taskTimeout: sfn.Timeout.duration(Duration.seconds(60)),
      });
      retry(task);
      catchInto(task, name);
      return task;
    };
    const ids = {
      approvalId: sfn.JsonPath.stringAt('$.approvalId'),
      cityId: sfn.JsonPath.stringAt('$.cityId'),
    };
    const closeStep = (name: string, outcome: string) =>
      lambdaStep(name, 'close-vote', { approvalId: ids.approvalId, outcome }).next(
        new sfn.Succeed(this, `${name}Done`),
      );

    const open = lambdaStep('OpenVote', 'open-vote', ids);
    const wait = new tasks.LambdaInvoke(this, 'AwaitDecision', {
      lambdaFunction: this.steps.fn,
      integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      retryOnServiceExceptions: false,
      payload: sfn.TaskInput.fromObject({
        action: 'await-decision',
        taskToken: sfn.JsonPath.taskToken,
        approvalId: ids.approvalId,
      }),
      resultPath: '$.vote',
      taskTimeout: sfn.Timeout.duration(props.votingPeriod),
    });
    // Retrying the wait would restart the voting period: only a failed invocation is retried.
    retry(wait, LAMBDA_SERVICE_ERRORS);
    wait.addCatch(closeStep('CloseExpired', 'expired'), {
      errors: [sfn.Errors.TIMEOUT],
      resultPath: '$.timeout',
    });
    catchInto(wait, 'AwaitDecision');

    const decide = new sfn.Choice(this, 'Decision')
      .when(sfn.Condition.stringEquals('$.vote.decision', 'approved'), closeStep('CloseApproved', 'approved'))
      .when(sfn.Condition.stringEquals('$.vote.decision', 'rejected'), closeStep('CloseRejected', 'rejected'))
      .otherwise(
        new sfn.Pass(this, 'UnknownDecision', {
          parameters: { Error: 'UnknownDecision', Cause: 'The decision was neither approved nor rejected' },
          resultPath: '$.failure',
        })
          .next(
            new sfn.Pass(this, 'DecisionFailed', {
              result: sfn.Result.fromString('Decision'),
              resultPath: '$.failedStep',
            }),
          )
          .next(recordFailureTask),
      );

    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: props.logRemovalPolicy,
    });
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineName: this.stateMachineName,
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromChainable(open.next(wait).next(decide)),
      timeout: props.votingPeriod.plus(Duration.days(1)),
      tracingEnabled: true,
      logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
    });
  }
}
