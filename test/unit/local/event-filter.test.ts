import { describe, expect, it } from 'vitest';
import { matchesAny } from '../../../lib/local/event-filter.ts';

// The pattern the outbox event source mapping synthesizes (lib/constructs/outbox.ts).
const outboxPattern = { eventName: ['INSERT'], dynamodb: { Keys: { pk: { S: [{ prefix: 'OUTBOX#' }] } } } };
const record = (eventName: string, pk: string) => ({
  eventName,
  dynamodb: { Keys: { pk: { S: pk }, sk: { S: 'EMAIL' } } },
});

describe('event filtering of stream records', () => {
  it('passes an INSERT of an OUTBOX# item', () => {
    expect(matchesAny([outboxPattern], record('INSERT', 'OUTBOX#1'))).toBe(true);
  });

  it('drops the MODIFY the notifier itself causes when it marks an email sent', () => {
    expect(matchesAny([outboxPattern], record('MODIFY', 'OUTBOX#1'))).toBe(false);
  });

  it('drops inserts of other item types', () => {
    expect(matchesAny([outboxPattern], record('INSERT', 'CITY#1'))).toBe(false);
    expect(matchesAny([outboxPattern], { eventName: 'INSERT' })).toBe(false);
  });

  it('passes a record that matches any one of several patterns', () => {
    const other = { eventName: ['REMOVE'] };
    expect(matchesAny([outboxPattern, other], record('REMOVE', 'CITY#1'))).toBe(true);
  });

  it('passes everything when the mapping has no filter', () => {
    expect(matchesAny([], record('MODIFY', 'CITY#1'))).toBe(true);
  });

  it('supports exists and anything-but rules', () => {
    expect(
      matchesAny([{ dynamodb: { NewImage: { sentAt: [{ exists: false }] } } }], {
        dynamodb: { NewImage: {} },
      }),
    ).toBe(true);
    expect(matchesAny([{ eventName: [{ 'anything-but': ['REMOVE'] }] }], { eventName: 'REMOVE' })).toBe(
      false,
    );
    expect(matchesAny([{ eventName: [{ 'anything-but': ['REMOVE'] }] }], { eventName: 'INSERT' })).toBe(true);
  });

  it('refuses a rule it does not understand instead of guessing', () => {
    expect(() => matchesAny([{ n: [{ numeric: ['>', 1] }] }], { n: 2 })).toThrow(/Unsupported/);
  });
});
