import { text } from '../shared/schemas.ts';
import * as z from '../shared/zod.ts';

/**
 * A comment left blank is no comment: the ballot page's form always sends its textarea, empty or not,
 * and a browser's vote must not be refused for it.
 */
const comment = z.pipe(
  z.pipe(
    z.string().check(z.describe('Up to 1000 characters, recorded with the vote; blank is no comment')),
    z.transform((s: string) => (s.trim() === '' ? undefined : s)),
  ),
  z.optional(text(1000)),
);

/** A committee member's vote, from the API (JSON) or the ballot page (form). */
export const voteBody = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  comment: z.optional(comment),
});
