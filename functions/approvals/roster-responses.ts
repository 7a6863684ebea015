import { describes, timestamp } from '../shared/responses.ts';
import * as z from '../shared/zod.ts';
import type { CommitteeMember } from './roster.ts';

/** What the committee routes answer (for the OpenAPI document; see shared/responses.ts). */
export const rosterView = z.object({
  members: z.array(describes<CommitteeMember>()(z.object({ name: z.string(), email: z.string() }))),
  updatedAt: z.optional(timestamp).check(z.describe('Absent until the roster is first set')),
});
