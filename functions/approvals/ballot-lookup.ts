import type { Application } from '../membership/application.ts';
import { membership } from '../membership/members.ts';
import { batchGet, keyOf } from '../shared/batch-get.ts';
import { BALLOT_ID } from './ballot-id.ts';
import { approvalKey } from './keys.ts';
import { type Voter, voterByBallot } from './store.ts';

export interface Ballot {
  readonly voter: Voter;
  readonly app: Application;
  readonly closesAt: string;
  /** The vote still takes ballots. */
  readonly open: boolean;
}

/**
 * The ballot behind an emailed link, with its vote and city; undefined for a link that is not one.
 * Two round trips: the ballot index, then the approval and the city together.
 */
export async function findBallot(ballotId: string, now = new Date()): Promise<Ballot | undefined> {
  if (!BALLOT_ID.test(ballotId)) return undefined;
  const voter = await voterByBallot(ballotId);
  if (!voter) return undefined;
  const cityRead = membership.inBatch(voter.cityId);
  const found = await batchGet([approvalKey(voter.approvalId), cityRead.key]);
  const approval = found.get(keyOf(approvalKey(voter.approvalId)));
  const app = cityRead.any(found.get(keyOf(cityRead.key)));
  if (!approval || !app) throw new Error(`ballot of approval ${voter.approvalId} has no approval or city`);
  const closesAt = String(approval.closesAt);
  return {
    voter,
    app,
    closesAt,
    open: approval.status === 'open' && closesAt > now.toISOString(),
  };
}
