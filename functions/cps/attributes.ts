import type { FieldError } from '../shared/problem.ts';
import { line, text } from '../shared/schemas.ts';
import { LAST_INSTANT, parseW3cDateTime } from '../shared/w3c-date.ts';
import * as z from '../shared/zod.ts';
import { type Answer, ATTRIBUTE_TYPES, type KeptValues, type ServiceAttribute } from './types.ts';

/**
 * Service attributes (GeoReport v2 service definitions): how the Secretariat defines them, and how a
 * request's answers are checked against them. Pure: no AWS.
 *
 * `district` is the routing attribute. Every service has it: as the Secretariat defined it (a string
 * or a list of the city's districts, required or not), or else as an optional string. A request without
 * one has the district `unspecified`, which only routing rules for any district (`*`) match.
 */
export const DISTRICT = 'district';
export const UNSPECIFIED_DISTRICT = 'unspecified';

const LIST_TYPES: readonly string[] = ['singlevaluelist', 'multivaluelist'];
const MAX_ATTRIBUTES = 50;

export const attributeCode = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_-]{1,40}$/, { error: 'must be 1-40 letters, digits, - or _' }));

const attributeValue = z.strictObject({ key: line(100), name: line(200) });

export const serviceAttribute = z
  .strictObject({
    code: attributeCode,
    datatype: z.enum(ATTRIBUTE_TYPES),
    required: z._default(z.boolean(), false),
    description: line(300).check(z.describe('The question, as an app shows it')),
    datatypeDescription: z.optional(line(300)),
    order: z.optional(z.number().check(z.int(), z.gte(1), z.lte(1000))),
    values: z.optional(z.array(attributeValue).check(z.minLength(1), z.maxLength(200))),
  })
  .check(
    z.superRefine((a, ctx) => {
      const isList = LIST_TYPES.includes(a.datatype);
      if (isList && !a.values) {
        ctx.addIssue({ code: 'custom', path: ['values'], message: `a ${a.datatype} needs its values` });
      }
      if (!isList && a.values) {
        ctx.addIssue({ code: 'custom', path: ['values'], message: `a ${a.datatype} takes no values` });
      }
      const keys = new Set<string>();
      a.values?.forEach((v, i) => {
        if (keys.has(v.key))
          ctx.addIssue({ code: 'custom', path: ['values', i, 'key'], message: 'is listed twice' });
        keys.add(v.key);
      });
      if (a.code === DISTRICT && a.datatype !== 'string' && a.datatype !== 'singlevaluelist') {
        ctx.addIssue({
          code: 'custom',
          path: ['datatype'],
          message: 'district names one district: it is a string or a singlevaluelist',
        });
      }
    }),
  );

export const serviceAttributes = z.array(serviceAttribute).check(
  z.maxLength(MAX_ATTRIBUTES),
  z.superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((a, i) => {
      if (seen.has(a.code)) ctx.addIssue({ code: 'custom', path: [i, 'code'], message: 'is listed twice' });
      seen.add(a.code);
    });
  }),
);

/** The district attribute of a service that does not define one. */
const IMPLICIT_DISTRICT: ServiceAttribute = {
  code: DISTRICT,
  datatype: 'string',
  required: false,
  description: 'District',
  datatypeDescription:
    'The district of the city where the need is: it routes the request to the official in charge. Without it, the official for the whole city gets it.',
};

/** Every attribute of a service in the order an app asks them: district first, then by `order`, then by code. */
export function attributesOf(service: {
  readonly attributes?: readonly ServiceAttribute[];
}): ServiceAttribute[] {
  const defined = service.attributes ?? [];
  const district = defined.find((a) => a.code === DISTRICT) ?? IMPLICIT_DISTRICT;
  const others = defined
    .filter((a) => a.code !== DISTRICT)
    .sort((a, b) => (a.order ?? 1001) - (b.order ?? 1001) || a.code.localeCompare(b.code));
  return [district, ...others];
}

/**
 * The request's answers to the service's questions (district aside: it is the request's own field), in
 * the order they were asked. Kept with the request: the Secretariat may reword or drop a question later,
 * and the official must read what the citizen answered to.
 */
export function answersOf(
  service: { readonly attributes?: readonly ServiceAttribute[] },
  values: KeptValues,
): Answer[] {
  return attributesOf(service).flatMap((d) => {
    const value = values[d.code];
    if (d.code === DISTRICT || value === undefined) return [];
    const names = new Map((d.values ?? []).map((v) => [v.key, v.name]));
    const chosen = typeof value === 'string' ? [value] : [...value];
    return [
      {
        code: d.code,
        question: d.description,
        datatype: d.datatype,
        answer: chosen.map((v) => names.get(v) ?? v),
      },
    ];
  });
}

/** Values a request may carry per attribute: one text, or a list of texts. */
export const attributeValues = z
  .record(attributeCode, z.union([text(4000), z.array(line(300)).check(z.minLength(1), z.maxLength(200))]))
  .check(
    z.refine((values) => Object.keys(values).length <= MAX_ATTRIBUTES, {
      error: `at most ${MAX_ATTRIBUTES} attributes`,
    }),
  );

const single: Record<string, z.ZodMiniType<string>> = {
  string: line(300),
  text: text(4000),
  number: z.string().check(
    z.trim(),
    z.regex(/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,3})?$/, { error: 'must be a number' }),
    z.refine((s) => Number.isFinite(Number(s)), { error: 'must be a finite number' }),
  ),
  datetime: z.string().check(
    z.trim(),
    z.refine(
      (s) => {
        const at = parseW3cDateTime(s);
        return at !== undefined && at.getTime() <= LAST_INSTANT;
      },
      { error: 'must be a w3 date-time with a time zone, e.g. 2010-01-01T00:00:00Z' },
    ),
  ),
};

const issue = (error: z.core.$ZodError) => error.issues[0]?.message ?? 'is not valid';

/** One answer checked against its definition: the value to keep, or what is wrong with it. */
function checkOne(
  definition: ServiceAttribute,
  value: string | readonly string[],
): { value: string | string[] } | { error: string } {
  const list = typeof value === 'string' ? [value] : [...value];
  if (definition.datatype === 'multivaluelist') {
    const keys = new Set(definition.values?.map((v) => v.key));
    const unknown = list.find((v) => !keys.has(v));
    if (unknown !== undefined) return { error: `${unknown} is not one of its values` };
    return { value: [...new Set(list)] };
  }
  if (list.length !== 1) return { error: 'takes one value' };
  const [one = ''] = list;
  if (definition.datatype === 'singlevaluelist') {
    return definition.values?.some((v) => v.key === one)
      ? { value: one }
      : { error: `${one} is not one of its values` };
  }
  const result = z.safeParse(single[definition.datatype] ?? line(300), one);
  return result.success ? { value: result.data } : { error: issue(result.error) };
}

/**
 * A request's answers checked against its service's definitions. Errors name `body.attributes.<code>`
 * (`body.district` for the district). An attribute the service does not define is an error, or, with
 * `keepUnknown` (clients that send attributes of their own, as Open311 apps do), kept as sent.
 */
export function checkAttributes(
  service: { readonly attributes?: readonly ServiceAttribute[] },
  sent: KeptValues,
  district: string | undefined,
  keepUnknown: boolean,
): { attributes: Record<string, string | string[]>; errors: FieldError[] } {
  const definitions = attributesOf(service);
  const byCode = new Map(definitions.map((d) => [d.code, d]));
  const attributes: Record<string, string | string[]> = {};
  const errors: FieldError[] = [];
  for (const [code, value] of Object.entries(sent)) {
    const path = `body.attributes.${code}`;
    const definition = byCode.get(code);
    if (code === DISTRICT) {
      errors.push({ path, message: 'send the district as the district field' });
    } else if (definition) {
      const checked = checkOne(definition, value);
      if ('error' in checked) errors.push({ path, message: checked.error });
      else attributes[code] = checked.value;
    } else if (keepUnknown) {
      attributes[code] = typeof value === 'string' ? value : [...value];
    } else {
      errors.push({ path, message: 'is not an attribute of this service' });
    }
  }
  for (const definition of definitions) {
    if (definition.code === DISTRICT) {
      if (district === undefined) {
        if (definition.required)
          errors.push({ path: 'body.district', message: 'is required for this service' });
      } else if (definition.datatype === 'singlevaluelist') {
        const checked = checkOne(definition, district);
        if ('error' in checked) errors.push({ path: 'body.district', message: checked.error });
      }
    } else if (definition.required && !(definition.code in sent)) {
      errors.push({ path: `body.attributes.${definition.code}`, message: 'is required for this service' });
    }
  }
  return { attributes, errors };
}
