import { text } from '../shared/schemas.ts';
import * as z from '../shared/zod.ts';

/** A committee member's vote, from the API (JSON) or the ballot page (form). */
export const voteBody = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  comment: z.optional(text(1000)),
});
