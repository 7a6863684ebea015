import { createHash, randomBytes } from 'node:crypto';

/**
 * A ballot link id: the approval's id (16 bytes of its UUID, not a secret) then 16 random bytes (the
 * secret), base64url: 43 characters. The approval it belongs to is read from the link, so the
 * approval and the ballot are looked up together. Only the SHA-256 of the whole id is stored, so a
 * table leak opens no ballot.
 */
export const newBallotId = (approvalId: string): string =>
  Buffer.concat([Buffer.from(approvalId.replaceAll('-', ''), 'hex'), randomBytes(16)]).toString('base64url');

/** The approval a ballot id names, or undefined when the id is not one. */
export function approvalOfBallot(ballotId: string): string | undefined {
  if (!BALLOT_ID.test(ballotId)) return undefined;
  const hex = Buffer.from(ballotId, 'base64url').subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const hashBallotId = (ballotId: string): string => createHash('sha256').update(ballotId).digest('hex');

/** What a ballot id looks like; anything else is answered 404 without a lookup. */
export const BALLOT_ID = /^[A-Za-z0-9_-]{43}$/;
