import * as z from 'zod';
import { text } from '../shared/schemas.ts';

/** A committee member's vote, from the API (JSON) or the ballot page (form). */
export const voteBody = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  comment: text(1000).optional(),
});
