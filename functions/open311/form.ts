import type { RequestForm } from '../cps/schemas.ts';
import { serviceCode } from '../cps/schemas.ts';
import { zodFieldErrors } from '../shared/http.ts';
import { badRequest, type FieldError } from '../shared/problem.ts';
import { email, line, phone, text } from '../shared/schemas.ts';
import * as z from '../shared/zod.ts';
import { DISTRICT_ATTRIBUTE, UNSPECIFIED_DISTRICT } from './views.ts';

/**
 * The form of GeoReport v2 "POST Service Request" (application/x-www-form-urlencoded), checked and
 * mapped to the CPS request form. Pure: no AWS.
 *
 * - Every argument of the spec is known; any other field (or an attribute other than
 *   `attribute[district]`) is a 400, like unknown JSON fields elsewhere in the API.
 * - "Optional Arguments": an empty field is the same as no field.
 * - Location: `lat` & `long` together, or `address_string`. `address_id` is accepted but is not a
 *   location here: WeGO has no master address repository to resolve it.
 * - `description` is optional in the spec but the CPS needs one; a request without it says so.
 * - `media_url` has no field in the CPS yet: it is appended to the description, so the official sees it.
 * - `device_id` is accepted and not stored; `account_id` is echoed in the answer, not stored.
 */
const DISTRICT_FIELD = `attribute[${DISTRICT_ATTRIBUTE}]` as const;
export const NO_DESCRIPTION = 'No description given.';
const MAX_DESCRIPTION = 4000;

const coordinate = (min: number, max: number) =>
  z.pipe(
    z.pipe(
      z.string().check(z.regex(/^[+-]?(\d+(\.\d*)?|\.\d+)$/, { error: 'must be a decimal number (WGS84)' })),
      z.transform(Number),
    ),
    z
      .number()
      .check(
        z.gte(min, { error: `must be at least ${min}` }),
        z.lte(max, { error: `must be at most ${max}` }),
      ),
  );

export const postForm = z
  .strictObject({
    api_key: z.optional(z.string()),
    jurisdiction_id: z.optional(z.string().check(z.maxLength(200))),
    service_code: z.pipe(z.string({ error: 'is required' }), serviceCode),
    lat: z.optional(coordinate(-90, 90)),
    long: z.optional(coordinate(-180, 180)),
    address_string: z.optional(line(300)),
    address_id: z.optional(line(100)),
    email: z.optional(email),
    device_id: z.optional(line(200)),
    account_id: z.optional(line(200)),
    first_name: z.optional(line(100)),
    last_name: z.optional(line(100)),
    phone: z.optional(phone),
    description: z.optional(text(MAX_DESCRIPTION)),
    media_url: z.optional(
      z.url({ protocol: /^https?$/, error: 'must be an http or https URL' }).check(z.maxLength(2000)),
    ),
    [DISTRICT_FIELD]: z.optional(line(100)),
  })
  .check(
    z.superRefine((form, ctx) => {
      if ((form.lat === undefined) !== (form.long === undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: [form.lat === undefined ? 'lat' : 'long'],
          message: 'lat and long must be sent together',
        });
      }
      if (form.lat === undefined && form.long === undefined && form.address_string === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['lat'],
          message: form.address_id
            ? 'a location is required: this jurisdiction cannot resolve address_id, send lat and long or address_string'
            : 'a location is required: send lat and long, or address_string',
        });
      }
      if (describe(form).length > MAX_DESCRIPTION) {
        ctx.addIssue({
          code: 'custom',
          path: ['description'],
          message: `with media_url it exceeds ${MAX_DESCRIPTION} characters`,
        });
      }
    }),
  );
export type PostForm = z.infer<typeof postForm>;

function describe(form: { description?: string; media_url?: string }): string {
  const description = form.description ?? NO_DESCRIPTION;
  return form.media_url ? `${description}\n\nMedia: ${form.media_url}` : description;
}

/** Form fields as the body parser left them: a repeated field is an array. */
export type RawForm = Readonly<Record<string, string | readonly string[] | undefined>>;

/** The api_key as sent, if it was sent once. */
export function apiKeyOf(raw: RawForm): string | undefined {
  const value = raw.api_key;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Checks the form: a 400 that lists every field at fault. */
export function parsePostForm(raw: RawForm): PostForm {
  const values: Record<string, string> = {};
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (Array.isArray(value)) {
      errors.push({ path: `body.${key}`, message: 'must be sent once' });
    } else if (typeof value === 'string' && value.trim() !== '') {
      values[key] = value;
    }
  }
  const result = postForm.safeParse(values);
  if (!result.success) errors.push(...zodFieldErrors(result.error, 'body'));
  if (errors.length > 0 || !result.success) throw badRequest('The form is not valid', errors);
  return result.data;
}

/** The CPS request the form files. */
export function toRequestForm(form: PostForm): RequestForm {
  const name = [form.first_name, form.last_name].filter(Boolean).join(' ');
  const contact = {
    ...(name ? { name } : {}),
    ...(form.email ? { email: form.email } : {}),
    ...(form.phone ? { phone: form.phone } : {}),
  };
  return {
    service: form.service_code,
    district: form[DISTRICT_FIELD] ?? UNSPECIFIED_DISTRICT,
    description: describe(form),
    ...(form.lat !== undefined && form.long !== undefined
      ? { location: { lat: form.lat, lng: form.long } }
      : {}),
    ...(form.address_string ? { address: form.address_string } : {}),
    ...(Object.keys(contact).length > 0 ? { contact } : {}),
  };
}
