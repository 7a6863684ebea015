import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as z from 'zod';
import { applicationBody } from '../../../functions/membership/application.ts';
import { cityNameKey } from '../../../functions/membership/keys.ts';
import { normalizeName } from '../../../functions/shared/text.ts';

/** Today, fixed: 26 November 2026, 12:00 UTC. */
const NOW = new Date('2026-11-26T12:00:00Z');

/** The documented example body of the Membership Application Form, filled in. */
function exampleBody() {
  return {
    city: {
      name: 'Ulyanovsk',
      country: 'RU',
      region: 'europe',
      population: 620000,
      website: 'https://ulgov.example',
    },
    mayor: { name: 'Ivan Petrov', officeEmail: 'mayor@city.example' },
    signatory: { name: 'Ivan Petrov', title: 'Mayor', isMayor: true, signedOn: '2026-11-20' },
    contact: { name: 'Olga Ivanova', email: 'ict@city.example', phone: '+7 8422 41 00 00' },
    motivation: 'We want to share our e-government experience.\nAnd learn from other cities.',
  };
}

type Body = ReturnType<typeof exampleBody>;

/** The example with one part changed. */
function withChange(change: (body: Body & Record<string, unknown>) => void): unknown {
  const body = exampleBody() as Body & Record<string, unknown>;
  change(body);
  return body;
}

/** The paths zod reports for a refused body (empty when the body is accepted). */
function refusedPaths(body: unknown): string[] {
  const result = applicationBody.safeParse(body);
  if (result.success) return [];
  return result.error.issues.flatMap((i: z.core.$ZodIssue) =>
    i.code === 'unrecognized_keys'
      ? i.keys.map((k) => [...i.path, k].join('.'))
      : [i.path.map(String).join('.')],
  );
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('the Membership Application Form', () => {
  it('accepts the documented example body as it is', () => {
    // Prepare
    const body = exampleBody();

    // Act
    const result = applicationBody.safeParse(body);

    // Assess
    expect(result.error?.issues).toBeUndefined();
    expect(result.data).toEqual(body);
  });

  it('accepts a body without the optional website and phone', () => {
    // Prepare
    const body = withChange((b) => {
      delete (b.city as Partial<Body['city']>).website;
      delete (b.contact as Partial<Body['contact']>).phone;
    });

    // Act
    const paths = refusedPaths(body);

    // Assess
    expect(paths).toEqual([]);
  });

  it('trims single-line fields and lower-cases email addresses', () => {
    // Prepare
    const body = withChange((b) => {
      b.city.name = '  Ulyanovsk  ';
      b.mayor.officeEmail = 'Mayor@City.Example';
    });

    // Act
    const parsed = applicationBody.parse(body);

    // Assess
    expect(parsed.city.name).toBe('Ulyanovsk');
    expect(parsed.mayor.officeEmail).toBe('mayor@city.example');
  });

  describe('country', () => {
    it.each(['ru', 'Kr', 'br'])('accepts the lowercase code %s and upper-cases it', (code) => {
      // Act
      const parsed = applicationBody.parse(withChange((b) => (b.city.country = code)));

      // Assess
      expect(parsed.city.country).toBe(code.toUpperCase());
    });

    it.each(['XX', 'EU', 'UN', 'ZZ', 'AA', 'UK', 'EL', 'R', 'RUS', 'R1', '', '12'])(
      'refuses %j, which is no ISO 3166-1 alpha-2 country',
      (code) => {
        // Act
        const paths = refusedPaths(withChange((b) => (b.city.country = code)));

        // Assess
        expect(paths).toEqual(['city.country']);
      },
    );

    it('answers UK with the code ISO 3166-1 gives the United Kingdom', () => {
      const result = applicationBody.safeParse(withChange((b) => (b.city.country = 'uk')));
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe(
        'must be an ISO 3166-1 alpha-2 country code (did you mean GB?)',
      );
    });
  });

  describe('region', () => {
    it.each(['asia', 'europe', 'africa', 'americas', 'middle-east', 'oceania'])('accepts %s', (region) => {
      expect(refusedPaths(withChange((b) => (b.city.region = region)))).toEqual([]);
    });

    it.each(['Europe', 'antarctica', 'middle east', 'north-america', ''])('refuses %j', (region) => {
      // Act
      const paths = refusedPaths(withChange((b) => (b.city.region = region)));

      // Assess
      expect(paths).toEqual(['city.region']);
    });
  });

  describe('signedOn', () => {
    it.each(['0000-01-01', '1066-10-14', '1899-12-31'])('refuses %j, before 1900', (signedOn) => {
      const result = applicationBody.safeParse(withChange((b) => (b.signatory.signedOn = signedOn)));
      expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
        ['signatory.signedOn', 'must not be before 1900-01-01'],
      ]);
    });

    it('accepts 1900-01-01', () => {
      expect(refusedPaths(withChange((b) => (b.signatory.signedOn = '1900-01-01')))).toEqual([]);
    });

    it('accepts today and the past', () => {
      for (const signedOn of ['2026-11-26', '2026-11-25', '1999-01-01', '2024-02-29']) {
        expect(refusedPaths(withChange((b) => (b.signatory.signedOn = signedOn))), signedOn).toEqual([]);
      }
    });

    it.each(['2026-11-28', '2027-01-01', '2099-12-31'])(
      'refuses %s, a date in the future everywhere',
      (signedOn) => {
        // Prepare: 26 November, 10:00 UTC; even in Kiribati (UTC+14) it is only the 27th
        vi.setSystemTime(new Date('2026-11-26T10:00:00Z'));

        // Act
        const paths = refusedPaths(withChange((b) => (b.signatory.signedOn = signedOn)));

        // Assess
        expect(paths).toEqual(['signatory.signedOn']);
      },
    );

    it.each([
      '2026-02-30',
      '2025-02-29',
      '2026-13-01',
      '2026-04-31',
      '2026-1-5',
      '20-11-2026',
      '2026-11-20T10:00:00Z',
      'yesterday',
    ])('refuses %j, which is not a real date as YYYY-MM-DD', (signedOn) => {
      // Act
      const result = applicationBody.safeParse(withChange((b) => (b.signatory.signedOn = signedOn)));

      // Assess
      expect(result.success).toBe(false);
      const issues = result.error?.issues ?? [];
      expect(new Set(issues.map((i) => i.path.join('.')))).toEqual(new Set(['signatory.signedOn']));
      expect(issues.map((i) => i.message)).toContain('must be a date as YYYY-MM-DD');
    });

    // At 23:00 UTC it is already the next day east of UTC (08:00 in Seoul, 12:00 in Auckland): a form
    // signed and sent the same local day is not from the future.
    it('accepts a form signed today in a time zone east of UTC (Seoul, UTC+9)', () => {
      // Prepare: 27 November, 08:00 in Seoul is 26 November, 23:00 UTC
      vi.setSystemTime(new Date('2026-11-26T23:00:00Z'));

      // Act
      const paths = refusedPaths(withChange((b) => (b.signatory.signedOn = '2026-11-27')));

      // Assess
      expect(paths).toEqual([]);
    });
  });

  describe('population', () => {
    it.each([0, -1, -620000, 1.5, 620000.25, Number.NaN, '620000', null])('refuses %j', (population) => {
      // Act
      const paths = refusedPaths(
        withChange((b) => ((b.city as Record<string, unknown>).population = population)),
      );

      // Assess
      expect(paths).toEqual(['city.population']);
    });

    it('accepts a population of 1', () => {
      expect(refusedPaths(withChange((b) => (b.city.population = 1)))).toEqual([]);
    });
  });

  describe('website', () => {
    it.each(['http://city.example', 'https://city.example/en/'])('accepts %s', (website) => {
      expect(refusedPaths(withChange((b) => (b.city.website = website)))).toEqual([]);
    });

    it.each([
      'ftp://city.example',
      'javascript:alert(1)',
      'mailto:mayor@city.example',
      'file:///etc/passwd',
      'city.example',
      'not a url',
    ])('refuses %j, which is not an http(s) URL', (website) => {
      // Act
      const paths = refusedPaths(withChange((b) => (b.city.website = website)));

      // Assess
      expect(paths).toEqual(['city.website']);
    });
  });

  describe('single-line fields', () => {
    const singleLine: [string, (b: Body, v: string) => void][] = [
      ['city.name', (b, v) => (b.city.name = v)],
      ['mayor.name', (b, v) => (b.mayor.name = v)],
      ['signatory.name', (b, v) => (b.signatory.name = v)],
      ['signatory.title', (b, v) => (b.signatory.title = v)],
      ['contact.name', (b, v) => (b.contact.name = v)],
    ];

    it.each(singleLine)('refuse CR or LF inside %s', (path, set) => {
      for (const value of ['Ulyanovsk\r\nBcc: all@city.example', 'Ulya\nnovsk', 'Ulya\rnovsk', 'a\u2028b']) {
        // Act
        const paths = refusedPaths(withChange((b) => set(b, value)));

        // Assess
        expect(paths, JSON.stringify(value)).toEqual([path]);
      }
    });

    it.each(singleLine)('refuse an empty or blank %s', (path, set) => {
      expect(refusedPaths(withChange((b) => set(b, '   ')))).toEqual([path]);
    });

    it('let the motivation span several lines', () => {
      expect(refusedPaths(withChange((b) => (b.motivation = 'one\r\ntwo\nthree')))).toEqual([]);
    });
  });

  describe('unknown keys', () => {
    it.each([
      ['', (b: Record<string, unknown>) => (b.motivaton = 'typo')],
      ['city', (b: Body) => ((b.city as Record<string, unknown>).populaton = 1)],
      ['mayor', (b: Body) => ((b.mayor as Record<string, unknown>).email = 'x@city.example')],
      ['signatory', (b: Body) => ((b.signatory as Record<string, unknown>).signed = '2026-11-20')],
      ['contact', (b: Body) => ((b.contact as Record<string, unknown>).fax = '+7 000')],
    ] as const)('are refused at the level %j, with the key named', (level, add) => {
      // Act
      const paths = refusedPaths(withChange((b) => add(b as Body & Record<string, unknown>)));

      // Assess
      expect(paths).toHaveLength(1);
      expect(paths[0]).toMatch(level ? new RegExp(`^${level}\\.[a-z]+$`) : /^[a-z]+$/);
    });
  });

  it('refuses a missing section', () => {
    // Act
    const paths = refusedPaths(withChange((b) => delete (b as Partial<Body>).mayor));

    // Assess
    expect(paths).toEqual(['mayor']);
  });
});

describe('normalizeName', () => {
  it('folds accents, case, spacing and punctuation to one name', () => {
    // Act
    const names = ['São Paulo', 'sao  paulo', 'SAO-PAULO', ' São. Paulo! ', 'SÃO_PAULO'].map(normalizeName);

    // Assess
    expect(new Set(names)).toEqual(new Set(['sao-paulo']));
  });

  it.each([
    ['Zürich', 'Zurich'],
    ['Ḥamāh', 'hamah'],
    ['Saint-Étienne', 'saint etienne'],
    ['서울', ' 서울 '],
  ])('treats %j and %j as the same city', (a, b) => {
    expect(normalizeName(a)).toBe(normalizeName(b));
  });

  it.each([
    ['Paris', 'Parish'],
    ['San Jose', 'San Juan'],
    ['서울', '부산'],
  ])('keeps %j and %j apart', (a, b) => {
    expect(normalizeName(a)).not.toBe(normalizeName(b));
  });

  it('gives the same name claim key for the same city spelled differently', () => {
    // Act
    const one = cityNameKey('BR', 'São Paulo');
    const two = cityNameKey('BR', 'sao  paulo');

    // Assess
    expect(one).toEqual(two);
    expect(one).toEqual({ pk: 'CITYNAME#BR#sao-paulo', sk: 'UNIQUE' });
    expect(cityNameKey('PT', 'São Paulo')).not.toEqual(one);
  });
});
