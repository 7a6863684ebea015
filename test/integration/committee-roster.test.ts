import { describe, expect, it } from 'vitest';

// The code under test reads TABLE_NAME and the DynamoDB endpoint that the global setup exported.
const { getRoster, replaceRoster } = await import('../../functions/approvals/roster.ts');

describe('committee roster storage', () => {
  it('replaces the roster and removes members no longer listed', async () => {
    const first = await replaceRoster(
      await getRoster(),
      [
        { name: 'A', email: 'a@city.example' },
        { name: 'B', email: 'b@city.example' },
      ],
      'sec@wego.example',
    );
    await replaceRoster(first, [{ name: 'B', email: 'b@city.example' }], 'sec@wego.example');

    const roster = await getRoster();
    expect(roster.members).toEqual([{ name: 'B', email: 'b@city.example' }]);
    expect(roster.version).toBe(first.version + 1);
    expect(roster.updatedBy).toBe('sec@wego.example');
  });

  it('refuses a replacement based on a stale read with 409, and keeps the winner', async () => {
    const read = await getRoster();
    await replaceRoster(read, [{ name: 'Winner', email: 'w@city.example' }], 'one@wego.example');
    await expect(
      replaceRoster(read, [{ name: 'Loser', email: 'l@city.example' }], 'two@wego.example'),
    ).rejects.toMatchObject({
      status: 409,
    });
    expect((await getRoster()).members).toEqual([{ name: 'Winner', email: 'w@city.example' }]);
  });

  it('lets exactly one of two racing replacements win', async () => {
    const read = await getRoster();
    const results = await Promise.allSettled([
      replaceRoster(read, [{ name: 'X', email: 'x@city.example' }], 'x@wego.example'),
      replaceRoster(read, [{ name: 'Y', email: 'y@city.example' }], 'y@wego.example'),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await getRoster()).members).toHaveLength(1);
  });
});
