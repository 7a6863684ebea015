import * as z from 'zod';
import { issueBallots } from '../../approvals/store.ts';
import { getRoster } from '../../committee/roster.ts';
import { ballotEmail } from '../../membership/emails.ts';
import { getApplication } from '../../membership/store.ts';
import { publicBaseUrl } from '../../shared/config.ts';

const baseUrl = publicBaseUrl();
const input = z.object({ approvalId: z.string(), cityId: z.string() });

/** Workflow step 1: one ballot per committee member on the roster now, each emailed its personal link. */
export async function handler(event: unknown): Promise<{ committeeSize: number }> {
  const { approvalId, cityId } = input.parse(event);
  const [roster, app] = await Promise.all([getRoster(), getApplication(cityId)]);
  return issueBallots(approvalId, roster.members, (member, ballotId, approval) =>
    ballotEmail({
      voter: member,
      app,
      ballotUrl: `${baseUrl}/ballots/${ballotId}`,
      closesAt: approval.closesAt,
    }),
  );
}
