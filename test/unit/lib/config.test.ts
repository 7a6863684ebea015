import { describe, expect, it } from 'vitest';
import { isEphemeralStage, parseConfig } from '../../../lib/config.ts';

const valid = {
  stage: 'prod',
  senderEmail: 'no-reply@wego.example',
  secretariatEmail: 'secretariat@wego.example',
  publicBaseUrl: 'https://wego.example',
  corsOrigins: ['https://wego.example'],
  votingPeriodDays: 14,
};
const { votingPeriodDays: _validDays, ...validConfig } = valid;
const parsedValid = {
  ...validConfig,
  opsEmail: 'secretariat@wego.example',
  votingPeriodSeconds: 14 * 24 * 3600,
  contactRetentionSeconds: 365 * 24 * 3600,
  regionalOffices: [
    { name: 'Ulyanovsk', email: 'ulyanovsk@wego.example', regions: ['europe'] },
    { name: 'Chengdu', email: 'chengdu@wego.example', regions: ['asia'] },
  ],
};

/** A context reader over a plain object, as `app.node.tryGetContext` would read cdk.json or `-c`. */
const contextOf =
  (values: Record<string, unknown>) =>
  (key: string): unknown =>
    values[key];

function errorOf(values: Record<string, unknown>): Error {
  try {
    parseConfig(contextOf(values));
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected parseConfig to throw');
}

describe('parseConfig', () => {
  it('returns the typed config for a valid context', () => {
    expect(parseConfig(contextOf(valid))).toEqual(parsedValid);
  });

  it('reads the values as strings, the way -c key=value passes them', () => {
    // Act
    const config = parseConfig(
      contextOf({ ...valid, corsOrigins: 'https://wego.example', votingPeriodDays: '7' }),
    );

    // Assess
    expect(config.corsOrigins).toEqual(['https://wego.example']);
    expect(config.votingPeriodSeconds).toBe(7 * 24 * 3600);
  });

  it('defaults the voting period to 14 days', () => {
    const { votingPeriodDays: _days, ...withoutDays } = valid;
    expect(parseConfig(contextOf(withoutDays)).votingPeriodSeconds).toBe(14 * 24 * 3600);
  });

  it("keeps a citizen's contact for 365 days after closing unless told otherwise, in days or seconds", () => {
    expect(parseConfig(contextOf(valid)).contactRetentionSeconds).toBe(365 * 24 * 3600);
    expect(parseConfig(contextOf({ ...valid, contactRetentionDays: '30' })).contactRetentionSeconds).toBe(
      30 * 24 * 3600,
    );
    expect(parseConfig(contextOf({ ...valid, contactRetentionSeconds: 4 })).contactRetentionSeconds).toBe(4);
    expect(errorOf({ ...valid, contactRetentionDays: 0 }).message).toContain('- contactRetentionSeconds:');
  });

  it('lists every missing value together in one error message', () => {
    // Act
    const error = errorOf({ stage: 'prod', corsOrigins: 'https://wego.example' });

    // Assess
    expect(error.message).toMatch(/^Invalid CDK context/);
    for (const key of ['senderEmail', 'secretariatEmail', 'publicBaseUrl']) {
      expect(error.message).toContain(`- ${key}:`);
    }
    expect(error.message).not.toContain('- stage:');
    expect(error.message).not.toContain('- corsOrigins:');
  });

  it('sends the operations alarms to the Secretariat when no opsEmail is given', () => {
    expect(parseConfig(contextOf(valid)).opsEmail).toBe('secretariat@wego.example');
  });

  it('sends the operations alarms to opsEmail when it is given', () => {
    // Act
    const config = parseConfig(contextOf({ ...valid, opsEmail: 'ops@wego.example' }));

    // Assess
    expect(config.opsEmail).toBe('ops@wego.example');
    expect(config.secretariatEmail).toBe('secretariat@wego.example');
  });

  it('refuses a malformed or empty opsEmail instead of falling back to the Secretariat', () => {
    for (const opsEmail of ['ops-at-wego', '']) {
      expect(errorOf({ ...valid, opsEmail }).message, opsEmail).toContain(
        '- opsEmail: opsEmail must be an email address',
      );
    }
  });

  it('names a malformed sender email with a message that says what is expected', () => {
    const error = errorOf({ ...valid, senderEmail: 'not-an-email' });
    expect(error.message).toContain('senderEmail must be an email address verified in SES');
  });

  it('refuses * as a CORS origin', () => {
    // Act
    const error = errorOf({ ...valid, corsOrigins: '*' });

    // Assess
    expect(error.message).toContain('corsOrigins');
  });

  it('refuses * among other CORS origins', () => {
    expect(() => parseConfig(contextOf({ ...valid, corsOrigins: 'https://wego.example,*' }))).toThrow(
      /corsOrigins/,
    );
  });

  it('refuses an empty list of CORS origins', () => {
    expect(errorOf({ ...valid, corsOrigins: [] }).message).toContain('corsOrigins needs at least one origin');
  });

  it('accepts a comma-separated string of origins and trims the spaces around them', () => {
    // Act
    const config = parseConfig(
      contextOf({
        ...valid,
        corsOrigins: 'https://wego.example, https://admin.wego.example ,http://localhost:5173',
      }),
    );

    // Assess
    expect(config.corsOrigins).toEqual([
      'https://wego.example',
      'https://admin.wego.example',
      'http://localhost:5173',
    ]);
  });

  // Known gap (see the report): a browser's Origin header is scheme://host[:port] with no path and no
  // trailing slash, so these values never match and CORS breaks silently after deployment. Today
  // they pass validation. Remove `.fails` once lib/config.ts refuses them.
  it('refuses a CORS origin with a trailing slash, a path or a non-http scheme', () => {
    for (const origin of ['https://wego.example/', 'https://wego.example/app', 'javascript:alert(1)']) {
      expect(() => parseConfig(contextOf({ ...valid, corsOrigins: origin })), origin).toThrow(/corsOrigins/);
    }
  });

  it('strips the trailing slashes of publicBaseUrl, so links can append /ballots/<id>', () => {
    expect(parseConfig(contextOf({ ...valid, publicBaseUrl: 'https://wego.example/' })).publicBaseUrl).toBe(
      'https://wego.example',
    );
    expect(
      parseConfig(contextOf({ ...valid, publicBaseUrl: 'https://wego.example/app//' })).publicBaseUrl,
    ).toBe('https://wego.example/app');
  });

  it('refuses a publicBaseUrl that is not http(s)', () => {
    expect(errorOf({ ...valid, publicBaseUrl: 'ftp://wego.example' }).message).toContain(
      'publicBaseUrl must be http(s)',
    );
  });

  it('refuses a stage name that cannot be part of resource names', () => {
    expect(errorOf({ ...valid, stage: 'Prod_1' }).message).toContain('- stage:');
  });

  it('refuses a voting period that is not a positive number of days up to 90', () => {
    expect(errorOf({ ...valid, votingPeriodDays: '0' }).message).toContain('- votingPeriodSeconds:');
    expect(errorOf({ ...valid, votingPeriodDays: 91 }).message).toContain('- votingPeriodSeconds:');
    expect(errorOf({ ...valid, votingPeriodDays: 'two weeks' }).message).toContain('- votingPeriodSeconds:');
  });

  it('ignores unrelated context such as feature flags', () => {
    // parseConfig reads only the keys it knows; the strict schema never sees the rest of cdk.json.
    expect(parseConfig(contextOf({ ...valid, '@aws-cdk/core:checkSecretUsage': true }))).toEqual(parsedValid);
  });
});

describe('regional offices', () => {
  const offices = [
    { name: 'Ulyanovsk', email: 'europe@wego.example', regions: ['europe'] },
    { name: 'Chengdu', email: 'asia@wego.example', regions: ['asia', 'oceania'] },
  ];

  it('defaults to Ulyanovsk for Europe and Chengdu for Asia, at the Secretariat’s domain', () => {
    const config = parseConfig(contextOf({ ...valid, secretariatEmail: 'office@wego.org' }));
    expect(config.regionalOffices).toEqual([
      { name: 'Ulyanovsk', email: 'ulyanovsk@wego.org', regions: ['europe'] },
      { name: 'Chengdu', email: 'chengdu@wego.org', regions: ['asia'] },
    ]);
  });

  it('reads them as JSON from -c and as an array from cdk.json; an empty list means no office', () => {
    expect(
      parseConfig(contextOf({ ...valid, regionalOffices: JSON.stringify(offices) })).regionalOffices,
    ).toEqual(offices);
    expect(parseConfig(contextOf({ ...valid, regionalOffices: offices })).regionalOffices).toEqual(offices);
    expect(parseConfig(contextOf({ ...valid, regionalOffices: '[]' })).regionalOffices).toEqual([]);
  });

  it('refuses an office without an address, a region or with an unknown region, and malformed JSON', () => {
    const wrong = (regionalOffices: unknown) => errorOf({ ...valid, regionalOffices }).message;
    expect(wrong([{ name: 'Ulyanovsk', email: 'nope', regions: ['europe'] }])).toContain(
      '- regionalOffices.0.email:',
    );
    expect(wrong([{ name: 'Ulyanovsk', email: 'u@wego.example', regions: [] }])).toContain(
      'serves at least one region',
    );
    expect(wrong([{ name: 'Rome', email: 'r@wego.example', regions: ['mediterranean'] }])).toContain(
      '- regionalOffices.0.regions.0:',
    );
    expect(wrong('[{"name": "Ulyanovsk"')).toContain('- regionalOffices:');
  });

  it('refuses two offices for one region', () => {
    const twice = [...offices, { name: 'Seoul', email: 's@wego.example', regions: ['asia'] }];
    expect(errorOf({ ...valid, regionalOffices: twice }).message).toContain('one regional office at most');
  });
});

describe('isEphemeralStage', () => {
  it('treats dev, local and test-* stages as disposable and every other stage as keeping its data', () => {
    expect(['dev', 'local', 'test', 'test-pr-12'].map(isEphemeralStage)).toEqual([true, true, true, true]);
    expect(['prod', 'staging', 'devops'].map(isEphemeralStage)).toEqual([false, false, false]);
  });
});
