import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Decision, decide, majorityOf, type Tally } from '../../../functions/approvals/tally.ts';

/** Every possible tally of a committee: approve + reject never exceeds the committee size. */
function tallies(committeeSize: number): Tally[] {
  const all: Tally[] = [];
  for (let approve = 0; approve <= committeeSize; approve++) {
    for (let reject = 0; approve + reject <= committeeSize; reject++) {
      all.push({ approve, reject, committeeSize });
    }
  }
  return all;
}

/** The documented rule (docs/architecture.md), stated independently of the code: more than half approve, or can no longer. */
function expectedDecision({ approve, reject, committeeSize }: Tally): Decision | undefined {
  if (2 * approve > committeeSize) return 'approved';
  const best = committeeSize - reject; // every member who has not rejected approves
  if (2 * best <= committeeSize) return 'rejected';
  return undefined;
}

describe('majorityOf', () => {
  it.each([
    [1, 1],
    [2, 2],
    [3, 2],
    [4, 3],
    [5, 3],
    [6, 4],
    [7, 4],
  ])('is more than half of a committee of %i: %i', (size, majority) => {
    // Act
    const result = majorityOf(size);

    // Assess
    expect(result).toBe(majority);
    expect(2 * result).toBeGreaterThan(size);
    expect(2 * (result - 1)).toBeLessThanOrEqual(size);
  });
});

describe('decide', () => {
  it.each([1, 2, 3, 4, 5, 6, 7])(
    'decides every tally of a committee of %i as the majority rule says',
    (size) => {
      for (const tally of tallies(size)) {
        // Act
        const decision = decide(tally);

        // Assess
        expect(decision, JSON.stringify(tally)).toBe(expectedDecision(tally));
      }
    },
  );

  it.each([
    [{ approve: 1, reject: 0, committeeSize: 1 }, 'approved'],
    [{ approve: 0, reject: 1, committeeSize: 1 }, 'rejected'],
    [{ approve: 1, reject: 0, committeeSize: 2 }, undefined],
    [{ approve: 0, reject: 1, committeeSize: 2 }, 'rejected'],
    [{ approve: 2, reject: 0, committeeSize: 3 }, 'approved'],
    [{ approve: 1, reject: 1, committeeSize: 3 }, undefined],
    [{ approve: 0, reject: 2, committeeSize: 3 }, 'rejected'],
    [{ approve: 2, reject: 1, committeeSize: 4 }, undefined],
    [{ approve: 1, reject: 2, committeeSize: 4 }, 'rejected'],
    [{ approve: 3, reject: 0, committeeSize: 4 }, 'approved'],
    [{ approve: 3, reject: 2, committeeSize: 7 }, undefined],
    [{ approve: 4, reject: 0, committeeSize: 7 }, 'approved'],
    [{ approve: 0, reject: 4, committeeSize: 7 }, 'rejected'],
    [{ approve: 3, reject: 3, committeeSize: 6 }, 'rejected'],
  ] as const)('decides %o as %s', (tally, expected) => {
    // Act
    const decision = decide(tally);

    // Assess
    expect(decision).toBe(expected);
  });

  it('stays undecided before anyone votes in every committee of 2 or more', () => {
    for (let size = 2; size <= 7; size++) {
      expect(decide({ approve: 0, reject: 0, committeeSize: size }), `size ${size}`).toBeUndefined();
    }
  });

  it('approves as soon as a majority approves, with nobody else having voted', () => {
    for (let size = 1; size <= 7; size++) {
      // Prepare
      const majority = majorityOf(size);

      // Act, Assess
      expect(decide({ approve: majority - 1, reject: 0, committeeSize: size }), `size ${size}`).not.toBe(
        'approved',
      );
      expect(decide({ approve: majority, reject: 0, committeeSize: size }), `size ${size}`).toBe('approved');
    }
  });

  it('rejects as soon as a majority is out of reach, before everyone has voted', () => {
    for (let size = 1; size <= 7; size++) {
      // Prepare: the fewest rejections that leave fewer than a majority able to approve
      const rejectionsToLose = size - majorityOf(size) + 1;

      // Act, Assess
      expect(
        decide({ approve: 0, reject: rejectionsToLose - 1, committeeSize: size }),
        `size ${size}`,
      ).toBeUndefined();
      expect(decide({ approve: 0, reject: rejectionsToLose, committeeSize: size }), `size ${size}`).toBe(
        'rejected',
      );
    }
  });

  it.each([
    { approve: 0, reject: 0, committeeSize: 0 },
    { approve: 1, reject: 0, committeeSize: 0 },
    { approve: 0, reject: 1, committeeSize: 0 },
    { approve: 5, reject: 5, committeeSize: 0 },
    { approve: 3, reject: 0, committeeSize: -1 },
  ])('never decides for a committee of size 0 or less: %o', (tally) => {
    // Act
    const decision = decide(tally);

    // Assess
    expect(decision).toBeUndefined();
  });
});

describe('decide, for any committee and any order of votes', () => {
  /** A committee size and the votes its members cast, in order (some may not vote). */
  const committeeVotes = fc
    .integer({ min: 1, max: 25 })
    .chain((size) =>
      fc.tuple(fc.constant(size), fc.array(fc.constantFrom('approve', 'reject'), { maxLength: size })),
    );

  it('never approves without a strict majority of the committee approving', () => {
    fc.assert(
      fc.property(committeeVotes, ([committeeSize, votes]) => {
        // Prepare
        const approve = votes.filter((v) => v === 'approve').length;
        const tally = { approve, reject: votes.length - approve, committeeSize };

        // Act
        const decision = decide(tally);

        // Assess
        if (decision === 'approved') expect(2 * approve).toBeGreaterThan(committeeSize);
        if (decision === 'rejected')
          expect(2 * (committeeSize - tally.reject)).toBeLessThanOrEqual(committeeSize);
      }),
    );
  });

  it('never changes its decision when more votes come in', () => {
    fc.assert(
      fc.property(committeeVotes, ([committeeSize, votes]) => {
        // Prepare
        let first: Decision | undefined;
        const tally = { approve: 0, reject: 0, committeeSize };

        for (const vote of votes) {
          // Act
          tally[vote] += 1;
          const decision = decide(tally);

          // Assess
          if (first) expect(decision).toBe(first);
          first ??= decision;
        }
      }),
    );
  });

  it('has decided once every member has voted', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 25 }).chain((size) => fc.tuple(fc.constant(size), fc.nat({ max: size }))),
        ([committeeSize, approve]) => {
          // Act
          const decision = decide({ approve, reject: committeeSize - approve, committeeSize });

          // Assess
          expect(decision).toBeDefined();
        },
      ),
    );
  });
});
