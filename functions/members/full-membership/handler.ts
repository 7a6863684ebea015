import { closeApprovalUpdate, closesAt, newApprovalId, openApprovalPut } from '../../approvals/store.ts';
import { startApprovalWorkflow } from '../../approvals/workflow.ts';
import { getRoster } from '../../committee/roster.ts';
import { changeStatus, getApplication } from '../../membership/store.ts';
import { requireEnv } from '../../shared/env.ts';
import { httpHandler, json } from '../../shared/http.ts';
import { logger } from '../../shared/logger.ts';
import { conflict } from '../../shared/problem.ts';
import { route } from './route.ts';

const stateMachineArn = requireEnv('STATE_MACHINE_ARN');
const votingSeconds = Number(requireEnv('VOTING_PERIOD_SECONDS'));

export const handler = httpHandler(route, async ({ params, caller }) => {
  // The roster and the application are read together; the transaction then checks the status read.
  const [roster, current] = await Promise.all([getRoster(), getApplication(params.id)]);
  if (roster.members.length === 0)
    throw conflict('The Executive Committee roster is empty: set it with PUT /committee first');
  const actor = caller?.email ?? 'secretariat';
  const approvalId = newApprovalId();
  const now = new Date();
  const app = await changeStatus(
    params.id,
    {
      action: 'requestFullMembership',
      actor,
      set: { approvalId },
      with: (a) => [openApprovalPut(a, approvalId, actor, now, votingSeconds)],
    },
    now,
    current,
  );
  try {
    await startApprovalWorkflow(stateMachineArn, { approvalId, cityId: app.id });
  } catch (error) {
    // No workflow, no vote: undo the opening so the city is not left waiting for nothing.
    logger.error('Approval workflow did not start', { approvalId, errorName: (error as Error).name });
    await changeStatus(app.id, {
      action: 'returnToAssociate',
      actor: 'system',
      note: 'the approval workflow could not be started',
      remove: ['approvalId'],
      with: () => [closeApprovalUpdate(approvalId, 'failed', new Date())],
    });
    throw error;
  }
  return json(202, { approvalId, status: app.status, votingClosesAt: closesAt(now, votingSeconds) });
});
