import { conflict } from '../shared/problem.ts';

/**
 * The review of a practice. `status` is its life: `draft` → `in_review` → `published`, `in_review` →
 * `changes_requested` → `in_review`, `published` → `retired`. A published practice stays published
 * while a change to it is written and reviewed: the change's own state is `change` (`draft`,
 * `in_review`, `changes_requested`), and publishing it replaces the public version.
 */
export const PRACTICE_STATUSES = ['draft', 'in_review', 'changes_requested', 'published', 'retired'] as const;
export type PracticeStatus = (typeof PRACTICE_STATUSES)[number];
export const CHANGE_STATUSES = ['draft', 'in_review', 'changes_requested'] as const;
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];

export interface ReviewState {
  readonly status: PracticeStatus;
  readonly change?: ChangeStatus;
}

export type PracticeAction = 'edit' | 'submit' | 'publish' | 'return' | 'retire';

const refuse = (action: PracticeAction, s: ReviewState): never => {
  const where = s.change
    ? `published with a change ${s.change.replace('_', ' ')}`
    : s.status.replace('_', ' ');
  throw conflict(`A practice ${where} cannot be ${DONE[action]}`);
};
const DONE: Record<PracticeAction, string> = {
  edit: 'edited (it is being reviewed, or retired)',
  submit: 'submitted',
  publish: 'published (it is not in review)',
  return: 'returned (it is not in review)',
  retire: 'retired',
};

/** The state after `action`, or a 409 that says why not. */
export function nextState(s: ReviewState, action: PracticeAction): ReviewState {
  const editable = (x: string | undefined) => x === 'draft' || x === 'changes_requested';
  switch (action) {
    case 'edit':
      if (editable(s.status)) return { status: s.status };
      if (s.status === 'published' && (s.change === undefined || editable(s.change)))
        return { status: 'published', change: s.change ?? 'draft' };
      return refuse(action, s);
    case 'submit':
      if (editable(s.status)) return { status: 'in_review' };
      if (s.status === 'published' && editable(s.change)) return { status: 'published', change: 'in_review' };
      return refuse(action, s);
    case 'publish':
      if (s.status === 'in_review' || (s.status === 'published' && s.change === 'in_review'))
        return { status: 'published' };
      return refuse(action, s);
    case 'return':
      if (s.status === 'in_review') return { status: 'changes_requested' };
      if (s.status === 'published' && s.change === 'in_review')
        return { status: 'published', change: 'changes_requested' };
      return refuse(action, s);
    case 'retire':
      if (s.status === 'published') return { status: 'retired' };
      return refuse(action, s);
  }
}

/** Waiting for the Secretariat: a first version or a change in review. */
export const inReview = (s: ReviewState): boolean => s.status === 'in_review' || s.change === 'in_review';
