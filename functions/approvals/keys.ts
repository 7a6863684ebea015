/**
 * Keys of an approval (a Full Membership vote) in the single table:
 * - `APPROVAL#<id>` / `META`: status, tally, closing time, and the workflow's task token (never shown)
 * - `APPROVAL#<id>` / `VOTER#<email>`: one per committee member at opening: eligibility and the vote
 * - `APPROVAL#<id>` / `BALLOT#<sha256 of the ballot id>`: whose emailed ballot it is; the id itself is
 *   stored nowhere
 */
export const approvalKey = (id: string) => ({ pk: `APPROVAL#${id}`, sk: 'META' });
export const voterKey = (approvalId: string, email: string) => ({
  pk: `APPROVAL#${approvalId}`,
  sk: `VOTER#${email}`,
});
export const ballotKey = (approvalId: string, ballotHash: string) => ({
  pk: `APPROVAL#${approvalId}`,
  sk: `BALLOT#${ballotHash}`,
});
