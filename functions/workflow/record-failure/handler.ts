import * as z from 'zod';
import { approvalForWorkflow, closeApprovalUpdate } from '../../approvals/store.ts';
import { workflowFailedEmail } from '../../membership/emails.ts';
import { changeStatus, getApplication } from '../../membership/store.ts';
import { secretariatEmail } from '../../shared/config.ts';
import { logger } from '../../shared/logger.ts';
import { outboxPuts } from '../../shared/outbox.ts';
import { transact } from '../../shared/transaction.ts';

const secretariat = secretariatEmail();
const input = z.object({
  approvalId: z.string(),
  cityId: z.string(),
  step: z.string(),
  failure: z.object({ Error: z.string().optional(), Cause: z.string().optional() }).optional(),
});

/**
 * The Catch of every workflow step: records the failure on the approval, returns the city to
 * `associate` (so the Secretariat can start a new vote) and emails the Secretariat.
 */
export async function handler(event: unknown): Promise<{ recorded: true }> {
  const { approvalId, cityId, step, failure } = input.parse(event);
  const error = `${failure?.Error ?? 'Error'}: ${failure?.Cause ?? 'no cause given'}`.slice(0, 1000);
  logger.error('Approval workflow step failed', { approvalId, step, errorName: failure?.Error });
  const [approval, app] = await Promise.all([approvalForWorkflow(approvalId), getApplication(cityId)]);
  const now = new Date();
  const email = workflowFailedEmail(secretariat, { approvalId, cityName: app.city.name, step, error });
  const close =
    approval.status === 'open'
      ? [closeApprovalUpdate(approvalId, 'failed', now, { failure: { step, error } })]
      : [];
  if (app.status === 'full_pending' && app.approvalId === approvalId) {
    await changeStatus(
      app.id,
      {
        action: 'returnToAssociate',
        actor: 'system',
        note: `the approval workflow failed at ${step}`,
        with: () => [...close, ...outboxPuts(email, now)],
      },
      now,
    );
  } else {
    await transact([...close, ...outboxPuts(email, now)]);
  }
  return { recorded: true };
}
