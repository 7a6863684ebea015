import { email, line } from '../shared/schemas.ts';
import * as z from '../shared/zod.ts';

/** Each member is two transaction items at most (delete + put), and a transaction holds 100. */
export const MAX_COMMITTEE = 49;

const members = z
  .array(z.strictObject({ name: line(200), email }))
  .check(z.minLength(1, { error: 'the committee needs at least one member' }), z.maxLength(MAX_COMMITTEE));

export const rosterBody = z.strictObject({ members }).check(
  z.superRefine((body, ctx) => {
    const seen = new Set<string>();
    body.members.forEach((m, i) => {
      if (seen.has(m.email))
        ctx.addIssue({ code: 'custom', path: ['members', i, 'email'], message: 'is listed twice' });
      seen.add(m.email);
    });
  }),
);
