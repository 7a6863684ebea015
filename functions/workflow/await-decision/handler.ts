import * as z from 'zod';
import { registerTaskToken } from '../../approvals/store.ts';

const input = z.object({ taskToken: z.string().min(1), approvalId: z.string() });

/**
 * Workflow step 2 (waitForTaskToken): keeps the token with the approval, where the vote that decides
 * finds it. The token is never logged or returned.
 */
export async function handler(event: unknown): Promise<{ waiting: true }> {
  const { taskToken, approvalId } = input.parse(event);
  await registerTaskToken(approvalId, taskToken);
  return { waiting: true };
}
