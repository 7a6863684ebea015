import { describe, expect, it } from 'vitest';
import { voteBody } from '../../../functions/approvals/vote-body.ts';
import * as z from '../../../functions/shared/zod.ts';

/** The ballot page's form always sends its comment textarea: left blank, it must not refuse the vote. */
describe('a vote’s body', () => {
  it('takes a comment left blank, as a browser posts the ballot form, as no comment', () => {
    for (const comment of ['', '   ', '\n']) {
      expect(z.parse(voteBody, { decision: 'approve', comment })).toEqual({ decision: 'approve' });
    }
  });

  it('keeps a comment, trimmed', () => {
    expect(z.parse(voteBody, { decision: 'reject', comment: '  Not yet.  ' })).toEqual({
      decision: 'reject',
      comment: 'Not yet.',
    });
  });

  it('still refuses a comment too long or with control characters, and an unknown decision', () => {
    expect(z.safeParse(voteBody, { decision: 'approve', comment: 'x'.repeat(1001) }).success).toBe(false);
    expect(z.safeParse(voteBody, { decision: 'approve', comment: 'a\u0000b' }).success).toBe(false);
    expect(z.safeParse(voteBody, { decision: 'maybe' }).success).toBe(false);
  });
});
