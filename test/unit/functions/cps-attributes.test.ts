import { describe, expect, it } from 'vitest';
import {
  answersOf,
  attributesOf,
  checkAttributes,
  serviceAttribute,
  serviceAttributes,
} from '../../../functions/cps/attributes.ts';
import type { ServiceAttribute } from '../../../functions/cps/types.ts';
import * as z from '../../../functions/shared/zod.ts';

const size: ServiceAttribute = {
  code: 'size',
  datatype: 'singlevaluelist',
  required: true,
  description: 'How big is it?',
  order: 2,
  values: [
    { key: 'small', name: 'Smaller than a hand' },
    { key: 'big', name: 'Bigger than a wheel' },
  ],
};
const kinds: ServiceAttribute = {
  code: 'kinds',
  datatype: 'multivaluelist',
  required: false,
  description: 'What is damaged?',
  order: 1,
  values: [
    { key: 'road', name: 'Road' },
    { key: 'curb', name: 'Curb' },
  ],
};
const depth: ServiceAttribute = {
  code: 'depth',
  datatype: 'number',
  required: false,
  description: 'Depth (cm)',
};
const seen: ServiceAttribute = {
  code: 'seen',
  datatype: 'datetime',
  required: false,
  description: 'Seen at',
};
const districts: ServiceAttribute = {
  code: 'district',
  datatype: 'singlevaluelist',
  required: true,
  description: 'District',
  values: [
    { key: 'Centro', name: 'Centro' },
    { key: 'Norte', name: 'Norte' },
  ],
};
const service = { attributes: [size, kinds, depth, seen] };

describe('attributesOf: the questions of a service, in the order an app asks them', () => {
  it('asks the district first (an optional string unless defined), then by order, then by code', () => {
    expect(attributesOf(service).map((a) => a.code)).toEqual(['district', 'kinds', 'size', 'depth', 'seen']);
    expect(attributesOf({})).toEqual([
      expect.objectContaining({ code: 'district', datatype: 'string', required: false }),
    ]);
    expect(attributesOf({ attributes: [districts] })).toEqual([districts]);
  });
});

describe('answersOf: the answers in the words the citizen was asked', () => {
  const service = {
    attributes: [
      {
        code: 'who',
        datatype: 'multivaluelist',
        required: false,
        description: 'Who is affected?',
        order: 2,
        values: [
          { key: 'walkers', name: 'People walking' },
          { key: 'drivers', name: 'Drivers' },
        ],
      },
      { code: 'width', datatype: 'number', required: true, description: 'How wide?', order: 1 },
      { code: 'district', datatype: 'string', required: false, description: 'District' },
    ] satisfies ServiceAttribute[],
  };

  it('lists answered questions in their order, with the chosen names, leaving out the district and app fields', () => {
    expect(
      answersOf(service, { who: ['drivers', 'walkers'], width: '1.5', district: 'Centro', uprn: '42' }),
    ).toEqual([
      { code: 'width', question: 'How wide?', datatype: 'number', answer: ['1.5'] },
      {
        code: 'who',
        question: 'Who is affected?',
        datatype: 'multivaluelist',
        answer: ['Drivers', 'People walking'],
      },
    ]);
  });

  it('is empty when nothing was asked or answered', () => {
    expect(answersOf({}, { uprn: '42' })).toEqual([]);
    expect(answersOf(service, {})).toEqual([]);
  });
});

describe('checkAttributes', () => {
  const check = (sent: Record<string, string | string[]>, district?: string, keep = false) =>
    checkAttributes(service, sent, district, keep);

  it('keeps valid answers: one key of a singlevaluelist, keys of a multivaluelist, a number, a date-time', () => {
    expect(
      check({
        size: 'big',
        kinds: ['road', 'curb', 'road'],
        depth: ' 12.5 ',
        seen: '2026-05-01T10:00:00+02:00',
      }),
    ).toEqual({
      attributes: { size: 'big', kinds: ['road', 'curb'], depth: '12.5', seen: '2026-05-01T10:00:00+02:00' },
      errors: [],
    });
  });

  it('enforces required attributes and the values of lists, naming each attribute', () => {
    expect(check({ kinds: ['road', 'bridge'] }).errors).toEqual([
      { path: 'body.attributes.kinds', message: 'bridge is not one of its values' },
      { path: 'body.attributes.size', message: 'is required for this service' },
    ]);
    expect(check({ size: ['big', 'small'] }).errors).toEqual([
      { path: 'body.attributes.size', message: 'takes one value' },
    ]);
    expect(check({ size: 'big', depth: 'deep', seen: 'yesterday' }).errors.map((e) => e.path)).toEqual([
      'body.attributes.depth',
      'body.attributes.seen',
    ]);
  });

  it('refuses an attribute the service does not define, or keeps it as sent for apps', () => {
    expect(check({ size: 'big', uprn: '100023336956' }).errors).toEqual([
      { path: 'body.attributes.uprn', message: 'is not an attribute of this service' },
    ]);
    expect(check({ size: 'big', uprn: '100023336956' }, undefined, true)).toEqual({
      attributes: { size: 'big', uprn: '100023336956' },
      errors: [],
    });
  });

  it('checks the district against its definition: required, one of the districts', () => {
    const withDistricts = { attributes: [districts] };
    expect(checkAttributes(withDistricts, {}, undefined, true).errors).toEqual([
      { path: 'body.district', message: 'is required for this service' },
    ]);
    expect(checkAttributes(withDistricts, {}, 'Sul', true).errors).toEqual([
      { path: 'body.district', message: 'Sul is not one of its values' },
    ]);
    expect(checkAttributes(withDistricts, {}, 'Norte', true).errors).toEqual([]);
    // Not defined: optional, any text.
    expect(checkAttributes({}, {}, undefined, false).errors).toEqual([]);
    expect(checkAttributes({}, { district: 'x' }, undefined, true).errors[0]?.path).toBe(
      'body.attributes.district',
    );
  });
});

describe('serviceAttribute (what the Secretariat defines)', () => {
  const ok = (value: unknown) => z.safeParse(serviceAttribute, value).success;

  it('takes the six datatypes, values for the list types only', () => {
    expect(ok(size)).toBe(true);
    expect(ok({ code: 'note', datatype: 'text', description: 'Anything else?' })).toBe(true);
    expect(ok({ ...size, values: undefined })).toBe(false);
    expect(ok({ ...depth, values: [{ key: 'a', name: 'A' }] })).toBe(false);
    expect(ok({ ...depth, datatype: 'boolean' })).toBe(false);
    expect(
      ok({
        ...size,
        values: [
          { key: 'a', name: 'A' },
          { key: 'a', name: 'B' },
        ],
      }),
    ).toBe(false);
    expect(ok({ ...depth, code: 'not a code' })).toBe(false);
  });

  it('lets district be a string or a singlevaluelist only', () => {
    expect(ok(districts)).toBe(true);
    expect(ok({ ...districts, datatype: 'multivaluelist' })).toBe(false);
    expect(ok({ code: 'district', datatype: 'number', description: 'District' })).toBe(false);
  });

  it('refuses a code listed twice, and more than 50 attributes', () => {
    expect(z.safeParse(serviceAttributes, [depth, depth]).success).toBe(false);
    const many = Array.from({ length: 51 }, (_, i) => ({ ...depth, code: `a${i}` }));
    expect(z.safeParse(serviceAttributes, many).success).toBe(false);
  });
});
