import { SendTaskSuccessCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { logger } from '../shared/logger.ts';
import type { Decision } from './tally.ts';

/** The Step Functions client, at module scope; the endpoint comes from AWS_ENDPOINT_URL_SFN locally. */
const sfn = new SFNClient({});

/** Starts the approval workflow; named by the approval id, so a retry cannot start a second one. */
export async function startApprovalWorkflow(
  stateMachineArn: string,
  input: { approvalId: string; cityId: string },
) {
  await sfn.send(
    new StartExecutionCommand({ stateMachineArn, name: input.approvalId, input: JSON.stringify(input) }),
  );
}

/** Errors that mean the workflow no longer waits for this token: the vote already expired or ended. */
const GONE = new Set(['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken']);

/**
 * Hands the decision to the waiting workflow. Returns false when the workflow no longer waits (the
 * vote expired meanwhile): the timeout path then closes the vote. Never logs the token.
 */
export async function sendDecision(
  taskToken: string,
  approvalId: string,
  decision: Decision,
): Promise<boolean> {
  try {
    await sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify({ decision }) }));
    return true;
  } catch (error) {
    const name = (error as Error).name;
    if (!GONE.has(name)) throw error;
    logger.warn('The approval workflow no longer waits for a decision', { approvalId, errorName: name });
    return false;
  }
}
