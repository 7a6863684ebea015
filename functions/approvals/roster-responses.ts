import * as z from 'zod';
import { describes, timestamp } from '../shared/responses.ts';
import type { CommitteeMember } from './roster.ts';

/** What the committee routes answer (for the OpenAPI document; see shared/responses.ts). */
export const rosterView = z.object({
  members: z.array(describes<CommitteeMember>()(z.object({ name: z.string(), email: z.string() }))),
  updatedAt: timestamp.optional().describe('Absent until the roster is first set'),
});
