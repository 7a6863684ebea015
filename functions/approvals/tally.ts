/**
 * The Executive Committee vote: the committee is the roster when the vote opens. Full Membership is
 * approved as soon as a majority of the committee approves, and rejected as soon as a majority can
 * no longer be reached; otherwise the vote stays open until it expires.
 */
export interface Tally {
  readonly approve: number;
  readonly reject: number;
  readonly committeeSize: number;
}

export type Decision = 'approved' | 'rejected';

export const majorityOf = (committeeSize: number): number => Math.floor(committeeSize / 2) + 1;

export function decide(t: Tally): Decision | undefined {
  if (t.committeeSize <= 0) return undefined;
  const majority = majorityOf(t.committeeSize);
  if (t.approve >= majority) return 'approved';
  const notYetVoted = t.committeeSize - t.approve - t.reject;
  if (t.approve + notYetVoted < majority) return 'rejected';
  return undefined;
}
