import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHANGE_STATUSES,
  nextState,
  PRACTICE_STATUSES,
  type PracticeAction,
  type ReviewState,
} from '../../../../functions/knowledge/practice-status.ts';
import { HttpError } from '../../../../functions/shared/problem.ts';

const tryNext = (s: ReviewState, a: PracticeAction) => {
  try {
    return nextState(s, a);
  } catch (error) {
    if (error instanceof HttpError && error.status === 409) return 'refused';
    throw error;
  }
};

describe('the review of a practice', () => {
  it('goes draft → in review → published, or back with changes requested', () => {
    expect(nextState({ status: 'draft' }, 'submit')).toEqual({ status: 'in_review' });
    expect(nextState({ status: 'in_review' }, 'return')).toEqual({ status: 'changes_requested' });
    expect(nextState({ status: 'changes_requested' }, 'edit')).toEqual({ status: 'changes_requested' });
    expect(nextState({ status: 'changes_requested' }, 'submit')).toEqual({ status: 'in_review' });
    expect(nextState({ status: 'in_review' }, 'publish')).toEqual({ status: 'published' });
    expect(nextState({ status: 'published' }, 'retire')).toEqual({ status: 'retired' });
  });

  it('keeps a published practice published while a change to it is written and reviewed', () => {
    const change = nextState({ status: 'published' }, 'edit');
    expect(change).toEqual({ status: 'published', change: 'draft' });
    const submitted = nextState(change, 'submit');
    expect(submitted).toEqual({ status: 'published', change: 'in_review' });
    expect(nextState(submitted, 'return')).toEqual({ status: 'published', change: 'changes_requested' });
    expect(nextState(submitted, 'publish')).toEqual({ status: 'published' });
  });

  it('refuses an edit while in review, and any change of a retired practice', () => {
    expect(tryNext({ status: 'in_review' }, 'edit')).toBe('refused');
    expect(tryNext({ status: 'published', change: 'in_review' }, 'edit')).toBe('refused');
    for (const a of ['edit', 'submit', 'publish', 'return', 'retire'] as const) {
      expect(tryNext({ status: 'retired' }, a), a).toBe('refused');
    }
  });

  it('never publishes or returns what is not in review, and never leaves published except by retiring', () => {
    const states = fc.record({
      status: fc.constantFrom(...PRACTICE_STATUSES),
      change: fc.option(fc.constantFrom(...CHANGE_STATUSES), { nil: undefined }),
    });
    const actions = fc.constantFrom<PracticeAction>('edit', 'submit', 'publish', 'return', 'retire');
    fc.assert(
      fc.property(states, actions, (raw, action) => {
        const s: ReviewState = raw.status === 'published' && raw.change ? raw : { status: raw.status };
        const next = tryNext(s, action);
        const inReview = s.status === 'in_review' || s.change === 'in_review';
        if (action === 'publish' || action === 'return') expect(next === 'refused').toBe(!inReview);
        if (s.status === 'published' && next !== 'refused' && action !== 'retire') {
          expect(next.status).toBe('published');
        }
      }),
    );
  });
});
