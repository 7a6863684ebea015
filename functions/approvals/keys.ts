/**
 * Keys of an approval (a Full Membership vote) in the single table:
 * - `APPROVAL#<id>` / `META`: status, tally, closing time, and the workflow's task token (never shown)
 * - `APPROVAL#<id>` / `VOTER#<email>`: one per committee member at opening: eligibility, the ballot
 *   (gsi3: `BALLOT#<sha256 of the ballot id>`, so the emailed id itself is stored nowhere) and the vote
 */
export const approvalKey = (id: string) => ({ pk: `APPROVAL#${id}`, sk: 'META' });
export const voterKey = (approvalId: string, email: string) => ({
  pk: `APPROVAL#${approvalId}`,
  sk: `VOTER#${email}`,
});
export const ballotIndex = (ballotHash: string) => ({ gsi3pk: `BALLOT#${ballotHash}`, gsi3sk: 'BALLOT' });
