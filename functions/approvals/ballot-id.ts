import { createHash, randomBytes } from 'node:crypto';

/** A ballot link id: 256 random bits. Only its SHA-256 is stored, so a table leak opens no ballot. */
export const newBallotId = (): string => randomBytes(32).toString('base64url');

export const hashBallotId = (ballotId: string): string => createHash('sha256').update(ballotId).digest('hex');

/** What a ballot id looks like; anything else is answered 404 without a lookup. */
export const BALLOT_ID = /^[A-Za-z0-9_-]{43}$/;
