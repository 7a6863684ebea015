import * as z from 'zod';
import { email, line } from '../shared/schemas.ts';

/** Each member is two transaction items at most (delete + put), and a transaction holds 100. */
export const MAX_COMMITTEE = 49;

export const rosterBody = z
  .strictObject({
    members: z
      .array(z.strictObject({ name: line(200), email }))
      .min(1, { error: 'the committee needs at least one member' })
      .max(MAX_COMMITTEE),
  })
  .superRefine((body, ctx) => {
    const seen = new Set<string>();
    body.members.forEach((m, i) => {
      if (seen.has(m.email))
        ctx.addIssue({ code: 'custom', path: ['members', i, 'email'], message: 'is listed twice' });
      seen.add(m.email);
    });
  });
