import { describe, expect, it } from 'vitest';
import { monthsOf } from '../../../functions/cps/keys.ts';
import {
  checkPlainQuery,
  MAX_IDS,
  parseRequestQuery,
  parseUpdatesQuery,
} from '../../../functions/open311/filters.ts';
import { HttpError } from '../../../functions/shared/problem.ts';
import { parseW3cDateTime } from '../../../functions/shared/w3c-date.ts';

const NOW = new Date('2026-05-15T12:00:00Z');
const DAY = 24 * 3600_000;

function errorOf(fn: () => unknown): HttpError {
  try {
    fn();
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error('expected an HttpError');
}

describe('parseW3cDateTime (Date/time format: w3 note, time zone required)', () => {
  it.each([
    ['2010-01-01T00:00:00Z', '2010-01-01T00:00:00.000Z'],
    ['1994-11-05T08:15:30-05:00', '1994-11-05T13:15:30.000Z'],
    ['1994-11-05T13:15:30Z', '1994-11-05T13:15:30.000Z'],
    ['2010-04-14T06:37:38-08:00', '2010-04-14T14:37:38.000Z'],
    ['2010-01-01T10:20Z', '2010-01-01T10:20:00.000Z'],
    ['2010-01-01T10:20:30.25+01:00', '2010-01-01T09:20:30.250Z'],
    ['2010-01-01', '2010-01-01T00:00:00.000Z'],
  ])('reads %s', (value, iso) => {
    expect(parseW3cDateTime(value)?.toISOString()).toBe(iso);
  });

  it('reads an offset whose + arrived as a space (an unencoded + in a query string)', () => {
    expect(parseW3cDateTime('2010-01-01T05:00:00 05:00')?.toISOString()).toBe('2010-01-01T00:00:00.000Z');
  });

  it.each([
    '2010-01-01T00:00:00', // no time zone: the spec says it must be included
    '2010-13-01T00:00:00Z',
    '2010-02-30T00:00:00Z',
    '2010-01-01T24:00:00Z',
    '2010-01-01T00:00:00+15:00',
    '01/01/2010',
    'yesterday',
    '2010-01',
    '1262304000',
    '',
  ])('refuses %j', (value) => {
    expect(parseW3cDateTime(value)).toBeUndefined();
  });
});

describe('parseRequestQuery (GET Service Requests, optional arguments)', () => {
  it('defaults to the most recent 90 days', () => {
    const q = parseRequestQuery({}, NOW);

    expect(q).toEqual({
      kind: 'window',
      from: new Date(NOW.getTime() - 90 * DAY),
      to: NOW,
      page: { offset: 0, size: 1000 },
    });
  });

  it('treats an empty parameter as no parameter ("Optional Arguments")', () => {
    expect(parseRequestQuery({ start_date: '', end_date: ' ', status: '', service_code: '' }, NOW)).toEqual(
      parseRequestQuery({}, NOW),
    );
  });

  it('takes start_date and end_date as the window', () => {
    const q = parseRequestQuery(
      { start_date: '2026-01-01T00:00:00Z', end_date: '2026-02-01T00:00:00+01:00' },
      NOW,
    );

    expect(q).toMatchObject({
      kind: 'window',
      from: new Date('2026-01-01T00:00:00Z'),
      to: new Date('2026-01-31T23:00:00Z'),
    });
  });

  it('runs 90 days from start_date when only it is given, and 90 days up to end_date when only that is', () => {
    const start = parseRequestQuery({ start_date: '2026-01-01T00:00:00Z' }, NOW);
    const end = parseRequestQuery({ end_date: '2026-04-01T00:00:00Z' }, NOW);

    expect(start).toMatchObject({
      from: new Date('2026-01-01T00:00:00Z'),
      to: new Date('2026-04-01T00:00:00Z'),
    });
    expect(end).toMatchObject({
      from: new Date('2026-01-01T00:00:00Z'),
      to: new Date('2026-04-01T00:00:00Z'),
    });
  });

  it('refuses a range wider than 90 days ("may not span more than 90 days")', () => {
    const error = errorOf(() =>
      parseRequestQuery({ start_date: '2026-01-01T00:00:00Z', end_date: '2026-04-02T00:00:00Z' }, NOW),
    );

    expect(error.status).toBe(400);
    expect(error.errors?.[0]?.path).toBe('end_date');
  });

  it('refuses an end_date before start_date', () => {
    const error = errorOf(() =>
      parseRequestQuery({ start_date: '2026-02-01T00:00:00Z', end_date: '2026-01-01T00:00:00Z' }, NOW),
    );
    expect(error.status).toBe(400);
    expect(error.errors?.[0]?.message).toMatch(/before start_date/);
  });

  it.each([
    [
      'an end_date a zone offset carries into the year 10000',
      { end_date: '9999-12-31T23:00:00-05:00' },
      'end_date',
    ],
    [
      'a start_date whose 90-day window ends in the year 10000',
      { start_date: '9999-12-01T00:00:00Z' },
      'start_date',
    ],
  ])('refuses %s with a 400, not a key that sorts wrong', (_, query, path) => {
    const error = errorOf(() => parseRequestQuery(query, NOW));
    expect(error.status).toBe(400);
    expect(error.errors?.[0]?.path).toBe(path);
  });

  it('accepts a window that ends on the last day of 9999', () => {
    const q = parseRequestQuery(
      { start_date: '9999-12-01T00:00:00Z', end_date: '9999-12-31T23:59:59Z' },
      NOW,
    );
    expect(q.kind).toBe('window');
  });

  it('refuses a date that is not in w3 format, naming the argument', () => {
    const error = errorOf(() => parseRequestQuery({ start_date: 'last week' }, NOW));

    expect(error.status).toBe(400);
    expect(error.errors).toEqual([{ path: 'start_date', message: expect.stringMatching(/w3/) }]);
  });

  it('reads service_code and status as comma lists', () => {
    const q = parseRequestQuery({ service_code: 'pothole, graffiti,pothole', status: 'open,closed' }, NOW);

    expect(q).toMatchObject({ serviceCodes: ['pothole', 'graffiti'], statuses: ['open', 'closed'] });
  });

  it('refuses a status other than open or closed', () => {
    const error = errorOf(() => parseRequestQuery({ status: 'in_progress' }, NOW));
    expect(error.errors?.[0]).toEqual({ path: 'status', message: expect.stringMatching(/open or closed/) });
  });

  it('answers a service_code that cannot be one as not found (404), as GeoReport v2 answers unknown codes', () => {
    const error = errorOf(() => parseRequestQuery({ service_code: 'pothole,PO.01' }, NOW));
    expect(error.status).toBe(404);
    expect(error.detail).toBe('service_code PO.01 was not found');
  });

  it('reads page_size and page (three sends page_size for requests(count=n)) as a slice of the list', () => {
    expect(parseRequestQuery({ page_size: '5' }, NOW)).toMatchObject({ page: { offset: 0, size: 5 } });
    expect(parseRequestQuery({ page_size: '50', page: '3' }, NOW)).toMatchObject({
      page: { offset: 100, size: 50 },
    });
    expect(parseRequestQuery({ page: '2' }, NOW)).toMatchObject({ page: { offset: 1000, size: 1000 } });
  });

  it.each([
    ['page_size', '0'],
    ['page_size', '1001'],
    ['page_size', '5.5'],
    ['page', '-1'],
    ['page', 'two'],
  ])('refuses %s=%s, naming it', (key, value) => {
    const error = errorOf(() => parseRequestQuery({ [key]: value }, NOW));
    expect(error.status).toBe(400);
    expect(error.errors?.[0]?.path).toBe(key);
  });

  it('lets service_request_id override all other arguments', () => {
    const q = parseRequestQuery(
      { service_request_id: 'ABC123, DEF456,ABC123', status: 'bogus', start_date: 'not a date' },
      NOW,
    );

    expect(q).toEqual({ kind: 'ids', ids: ['ABC123', 'DEF456'] });
  });

  it(`takes ${MAX_IDS} ids (FixMyStreet asks for all its open reports at once)`, () => {
    const ids = Array.from({ length: MAX_IDS }, (_, i) => `ID${i}`);
    expect(parseRequestQuery({ service_request_id: ids.join(',') }, NOW)).toEqual({ kind: 'ids', ids });
  });

  it(`refuses more than ${MAX_IDS} ids and ids that cannot be request ids`, () => {
    const many = Array.from({ length: MAX_IDS + 1 }, (_, i) => `ID${i}`).join(',');
    expect(errorOf(() => parseRequestQuery({ service_request_id: many }, NOW)).status).toBe(400);
    expect(errorOf(() => parseRequestQuery({ service_request_id: 'REQUEST#X' }, NOW)).status).toBe(400);
  });

  it('accepts and ignores jurisdiction_id and api_key', () => {
    expect(parseRequestQuery({ jurisdiction_id: 'city.gov', api_key: 'k' }, NOW)).toEqual(
      parseRequestQuery({}, NOW),
    );
  });

  it('refuses an unknown argument, so a typo never returns everything', () => {
    const error = errorOf(() => parseRequestQuery({ stauts: 'open' }, NOW));

    expect(error.status).toBe(400);
    expect(error.errors).toEqual([{ path: 'stauts', message: 'is not a parameter of this method' }]);
  });
});

describe('parseUpdatesQuery (GET Service Request Updates, FixMyStreet)', () => {
  it('takes the window of start_date and end_date, 90 days by default', () => {
    expect(
      parseUpdatesQuery(
        { start_date: '2026-05-15T10:00:00Z', end_date: '2026-05-15T12:00:00Z', api_key: 'k' },
        NOW,
      ),
    ).toEqual({ from: new Date('2026-05-15T10:00:00Z'), to: new Date('2026-05-15T12:00:00Z') });
    expect(parseUpdatesQuery({}, NOW)).toEqual({ from: new Date(NOW.getTime() - 90 * DAY), to: NOW });
  });

  it('refuses request filters, bad dates and dates past 9999', () => {
    expect(errorOf(() => parseUpdatesQuery({ status: 'open' }, NOW)).status).toBe(400);
    expect(errorOf(() => parseUpdatesQuery({ start_date: 'yesterday' }, NOW)).errors?.[0]?.path).toBe(
      'start_date',
    );
    expect(errorOf(() => parseUpdatesQuery({ end_date: '9999-12-31T23:00:00-05:00' }, NOW)).status).toBe(400);
  });
});

describe('checkPlainQuery', () => {
  it('accepts no arguments, jurisdiction_id and api_key', () => {
    expect(() => checkPlainQuery({})).not.toThrow();
    expect(() => checkPlainQuery({ jurisdiction_id: 'city.gov', api_key: 'x' })).not.toThrow();
  });

  it('refuses request filters on documents that take none', () => {
    expect(errorOf(() => checkPlainQuery({ status: 'open' })).status).toBe(400);
  });
});

describe('monthsOf: the gsi2 month partitions of a window, newest first', () => {
  it('lists every month a 90-day window touches', () => {
    expect(monthsOf(new Date('2026-02-14T00:00:00Z'), new Date('2026-05-15T12:00:00Z'))).toEqual([
      '2026-05',
      '2026-04',
      '2026-03',
      '2026-02',
    ]);
  });

  it('crosses a year boundary', () => {
    expect(monthsOf(new Date('2025-11-30T00:00:00Z'), new Date('2026-01-02T00:00:00Z'))).toEqual([
      '2026-01',
      '2025-12',
      '2025-11',
    ]);
  });

  it('is one month for a window inside a month', () => {
    expect(monthsOf(new Date('2026-03-01T00:00:00Z'), new Date('2026-03-31T23:59:59Z'))).toEqual(['2026-03']);
  });

  it('uses UTC months, as the keys do', () => {
    // 2026-03-31T23:30-01:00 is April in UTC.
    const from = parseW3cDateTime('2026-03-31T23:30:00-01:00') as Date;
    expect(monthsOf(from, from)).toEqual(['2026-04']);
  });
});
