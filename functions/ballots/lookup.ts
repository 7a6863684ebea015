import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { BALLOT_ID } from '../approvals/ballot-id.ts';
import { approvalKey } from '../approvals/keys.ts';
import { type Voter, voterByBallot } from '../approvals/store.ts';
import type { Application } from '../membership/application.ts';
import { cityKey } from '../membership/keys.ts';
import { toApplication } from '../membership/store.ts';
import { ddb, tableName } from '../shared/ddb.ts';

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
  const out = await ddb.send(
    new BatchGetCommand({
      RequestItems: { [tableName]: { Keys: [approvalKey(voter.approvalId), cityKey(voter.cityId)] } },
    }),
  );
  const items = out.Responses?.[tableName] ?? [];
  const approval = items.find((i) => i.sk === 'META');
  const city = items.find((i) => i.sk === 'PROFILE');
  if (!approval || !city) throw new Error(`ballot of approval ${voter.approvalId} has no approval or city`);
  const closesAt = String(approval.closesAt);
  return {
    voter,
    app: toApplication(city),
    closesAt,
    open: approval.status === 'open' && closesAt > now.toISOString(),
  };
}
