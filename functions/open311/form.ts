import { attributeCode, attributeValues, DISTRICT, UNSPECIFIED_DISTRICT } from '../cps/attributes.ts';
import type { NewRequest } from '../cps/requests.ts';
import { serviceCode } from '../cps/schemas.ts';
import type { AppComment, KeptValues } from '../cps/types.ts';
import { zodFieldErrors } from '../shared/http.ts';
import { badRequest, type FieldError, HttpError } from '../shared/problem.ts';
import { email, line, phone, text } from '../shared/schemas.ts';
import { LAST_INSTANT, parseW3cDateTime } from '../shared/w3c-date.ts';
import * as z from '../shared/zod.ts';
import { isRequestId } from './filters.ts';

/**
 * The forms of GeoReport v2 "POST Service Request" and of FixMyStreet's "POST Service Request Update"
 * (application/x-www-form-urlencoded), checked and mapped to the CPS. Pure: no AWS.
 *
 * - "Optional Arguments": an empty field is the same as no field.
 * - `media_url` may be repeated (FixMyStreet's `multi_photos` sends one per photo): kept, in order.
 * - `attribute[code]` (`attribute[code][]` for a multivaluelist) answers the service's attributes;
 *   `attribute[district]` routes the request. Attributes the service does not define, and fields this
 *   API has no place for (FixMyStreet's `deviceid`, `account_id`, …), are kept with the request as sent,
 *   within bounds, for the official: never in a public answer, as they may carry personal data.
 * - Location: `lat` & `long` together, `address_string`, or `address_id` alone (FixMyStreet's
 *   `send_notpinpointed` sends `#NOTPINPOINTED#`): kept; the district or the city's default routes it.
 * - `description` is optional in the spec but the CPS needs one; a request without it says so.
 * - `api_key` may come in the body or the query string; it is never stored.
 */
export const NO_DESCRIPTION = 'No description given.';
const MAX_MEDIA = 10;
const MAX_EXTRA_FIELDS = 20;
const MAX_EXTRA_BYTES = 8 * 1024;
const ATTRIBUTE = /^attribute\[([^[\]]*)\](\[\])?$/;

/** Form fields as the body parser left them: a repeated field is a list. */
export type RawForm = Readonly<Record<string, string | readonly string[] | undefined>>;
type Query = Readonly<Record<string, string | undefined>>;

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

const mediaUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http or https URL' })
  .check(z.maxLength(2000));

/** A field kept as sent: a name people can read, and text without control characters. */
const keptName = z
  .string()
  .check(z.maxLength(100), z.regex(/^[^\p{Cc}\u2028\u2029]+$/u, { error: 'is not a field name' }));
const keptValue = z.union([text(2000), z.array(text(2000)).check(z.maxLength(20))]);

const requestFields = z
  .strictObject({
    api_key: z.optional(z.string()),
    jurisdiction_id: z.optional(z.string().check(z.maxLength(200))),
    service_code: z.string({ error: 'is required' }),
    lat: z.optional(coordinate(-90, 90)),
    long: z.optional(coordinate(-180, 180)),
    address_string: z.optional(line(300)),
    address_id: z.optional(line(200)),
    email: z.optional(email),
    device_id: z.optional(line(200)),
    account_id: z.optional(line(200)),
    first_name: z.optional(line(100)),
    last_name: z.optional(line(100)),
    phone: z.optional(phone),
    description: z.optional(text(4000)),
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
      if (form.lat === undefined && form.address_string === undefined && form.address_id === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['lat'],
          message: 'a location is required: send lat and long, address_string or address_id',
        });
      }
    }),
  );
const REQUEST_FIELDS = Object.keys(requestFields.def.shape);

/** The parts of a form: its known single fields, its media, its attributes, and the rest, kept. */
interface Parts {
  readonly values: Record<string, string>;
  readonly media: string[];
  readonly attributes: Record<string, string | string[]>;
  readonly extra: Record<string, string | string[]>;
  readonly errors: FieldError[];
}

/** Sorts the fields of a form; `withAttributes` reads `attribute[...]` as answers, else keeps them. */
function partsOf(raw: RawForm, known: readonly string[], withAttributes: boolean): Parts {
  const parts: Parts = { values: {}, media: [], attributes: {}, extra: {}, errors: [] };
  for (const [name, value] of Object.entries(raw)) {
    const sent = (typeof value === 'string' ? [value] : [...(value ?? [])]).filter((v) => v.trim() !== '');
    if (sent.length === 0) continue;
    const attribute = withAttributes ? ATTRIBUTE.exec(name) : null;
    const code = attribute?.[1] ?? '';
    if (name === 'media_url') {
      parts.media.push(...sent);
    } else if (attribute && attributeCode.safeParse(code).success) {
      parts.attributes[code] = attribute[2] || sent.length > 1 ? sent : (sent[0] as string);
    } else if (known.includes(name)) {
      if (sent.length > 1) parts.errors.push({ path: `body.${name}`, message: 'must be sent once' });
      else parts.values[name] = sent[0] as string;
    } else {
      parts.extra[name] = sent.length > 1 ? sent : (sent[0] as string);
    }
  }
  return parts;
}

/** Media links, and the kept fields within their bounds: each a field error when not. */
function checkKept(parts: Parts): { media: string[]; extra: Record<string, string | string[]> } {
  const media: string[] = [];
  parts.media.forEach((url, i) => {
    const checked = z.safeParse(mediaUrl, url.trim());
    if (checked.success) media.push(checked.data);
    else parts.errors.push(...zodFieldErrors(checked.error, `body.media_url.${i}`));
  });
  if (media.length > MAX_MEDIA)
    parts.errors.push({ path: 'body.media_url', message: `at most ${MAX_MEDIA} links` });
  const extra: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(parts.extra)) {
    const path = `body.${name.toWellFormed()}`;
    const checkedName = z.safeParse(keptName, name);
    const checked = z.safeParse(keptValue, value);
    if (!checkedName.success) parts.errors.push({ path, message: 'is not a field name this API can keep' });
    else if (!checked.success) parts.errors.push(...zodFieldErrors(checked.error, path));
    else extra[name] = checked.data;
  }
  if (
    Object.keys(extra).length > MAX_EXTRA_FIELDS ||
    Buffer.byteLength(JSON.stringify(extra)) > MAX_EXTRA_BYTES
  ) {
    parts.errors.push({
      path: 'body',
      message: `at most ${MAX_EXTRA_FIELDS} fields and ${MAX_EXTRA_BYTES / 1024} KB beyond those of the method are kept`,
    });
  }
  return { media, extra };
}

const refuse = (errors: FieldError[]) => badRequest('The form is not valid', errors);

/** The api_key: in the body or the query string, never two different ones. */
export function apiKeyOf(body: RawForm, query: Query = {}): string | undefined {
  const inBody = body.api_key;
  if (Array.isArray(inBody)) throw new HttpError(403, 'api_key is sent more than once');
  const keys = [typeof inBody === 'string' ? inBody : undefined, query.api_key]
    .map((k) => k?.trim())
    .filter((k): k is string => !!k);
  if (new Set(keys).size > 1)
    throw new HttpError(403, 'api_key is sent in the body and the query string with different values');
  return keys[0];
}

export interface PostedRequest {
  readonly request: NewRequest;
  /** The app's user, echoed in the answer (GeoReport v2 `account_id`). */
  readonly accountId?: string;
}

/**
 * Checks a POST Service Request form: a 400 that lists every field at fault, or a 404 for a
 * service_code that cannot be one (GeoReport v2: a service_code not found is a 404).
 */
export function parsePostForm(raw: RawForm): PostedRequest {
  const parts = partsOf(raw, REQUEST_FIELDS, true);
  const result = z.safeParse(requestFields, parts.values);
  if (!result.success) parts.errors.push(...zodFieldErrors(result.error, 'body'));
  const { media, extra } = checkKept(parts);
  const { [DISTRICT]: district, ...attributes } = parts.attributes;
  if (Array.isArray(district))
    parts.errors.push({ path: `body.attribute[${DISTRICT}]`, message: 'must be sent once' });
  const checkedDistrict = district === undefined ? undefined : z.safeParse(line(100), district);
  if (checkedDistrict && !checkedDistrict.success) {
    parts.errors.push(...zodFieldErrors(checkedDistrict.error, `body.attribute[${DISTRICT}]`));
  }
  const checkedAttributes = z.safeParse(attributeValues, attributes);
  if (!checkedAttributes.success) {
    parts.errors.push(
      ...zodFieldErrors(checkedAttributes.error, 'body.attributes').map((e) => ({
        ...e,
        path: attributePath(e.path),
      })),
    );
  }
  if (parts.errors.length > 0 || !result.success || !checkedAttributes.success) throw refuse(parts.errors);
  const form = result.data;
  if (!serviceCode.safeParse(form.service_code).success) {
    throw new HttpError(404, `service_code ${form.service_code} was not found`);
  }
  const name = [form.first_name, form.last_name].filter(Boolean).join(' ');
  const contact = {
    ...(name ? { name } : {}),
    ...(form.email ? { email: form.email } : {}),
    ...(form.phone ? { phone: form.phone } : {}),
  };
  const kept = {
    ...(form.device_id ? { device_id: form.device_id } : {}),
    ...(form.account_id ? { account_id: form.account_id } : {}),
    ...extra,
  };
  return {
    request: {
      service: form.service_code,
      district: checkedDistrict?.success ? checkedDistrict.data : UNSPECIFIED_DISTRICT,
      description: form.description ?? NO_DESCRIPTION,
      ...(form.lat !== undefined && form.long !== undefined
        ? { location: { lat: form.lat, lng: form.long } }
        : {}),
      ...(form.address_string ? { address: form.address_string } : {}),
      ...(form.address_id ? { addressId: form.address_id } : {}),
      ...(media.length > 0 ? { mediaUrls: media } : {}),
      ...(Object.keys(checkedAttributes.data).length > 0 ? { attributes: checkedAttributes.data } : {}),
      ...(Object.keys(kept).length > 0 ? { extra: kept } : {}),
      ...(Object.keys(contact).length > 0 ? { contact } : {}),
    },
    ...(form.account_id ? { accountId: form.account_id } : {}),
  };
}

/**
 * The CPS names an attribute's answer `body.attributes.<code>` and the district `body.district`; a
 * form names them `attribute[<code>]`.
 */
export function attributePath(path: string): string {
  if (path === 'body.district') return `body.attribute[${DISTRICT}]`;
  const m = /^body\.attributes\.([^.]+)(\..*)?$/.exec(path);
  return m ? `body.attribute[${m[1]}]${m[2] ?? ''}` : path;
}

/** FixMyStreet's statuses of an update (mySociety's `status_extended_upper`); the CPS keeps, not applies, them. */
const UPDATE_STATUSES = [
  'OPEN',
  'CLOSED',
  'FIXED',
  'IN_PROGRESS',
  'PLANNED',
  'ACTION_SCHEDULED',
  'INVESTIGATING',
  'DUPLICATE',
  'NOT_COUNCILS_RESPONSIBILITY',
  'NO_FURTHER_ACTION',
  'INTERNAL_REFERRAL',
  'CANCELLED',
  'REOPEN',
  'FOR_TRIAGE',
] as const;

const updateFields = z.strictObject({
  api_key: z.optional(z.string()),
  jurisdiction_id: z.optional(z.string().check(z.maxLength(200))),
  service_request_id: z
    .string({ error: 'is required' })
    .check(z.refine(isRequestId, { error: 'is not a service request id' })),
  update_id: z.optional(line(100)),
  // Bromley's name for update_id, which FixMyStreet sends there.
  update_id_ext: z.optional(line(100)),
  status: z.optional(
    z.pipe(
      z.string().check(z.trim(), z.toUpperCase()),
      z.enum(UPDATE_STATUSES, { error: `must be one of ${UPDATE_STATUSES.join(', ')}` }),
    ),
  ),
  updated_datetime: z.optional(
    z.string().check(
      z.trim(),
      z.refine(
        (s) => {
          const at = parseW3cDateTime(s);
          return at !== undefined && at.getTime() <= LAST_INSTANT;
        },
        { error: 'must be a w3 date-time with a time zone, e.g. 2010-01-01T00:00:00Z' },
      ),
    ),
  ),
  description: z.optional(text(4000)),
  first_name: z.optional(line(100)),
  last_name: z.optional(line(100)),
  email: z.optional(email),
  phone: z.optional(phone),
  account_id: z.optional(line(200)),
});
const UPDATE_FIELDS = Object.keys(updateFields.def.shape);

export interface PostedUpdate {
  readonly requestId: string;
  readonly note: string;
  /** What the CPS keeps of the app's comment; `app` (its name) is the caller's to fill in. */
  readonly comment: Omit<AppComment, 'app'>;
  readonly accountId?: string;
}

/** Checks a POST Service Request Update form (FixMyStreet's `post_service_request_update`). */
export function parseUpdateForm(raw: RawForm, photos = 0): PostedUpdate {
  const parts = partsOf(raw, UPDATE_FIELDS, false);
  const result = z.safeParse(updateFields, parts.values);
  if (!result.success) parts.errors.push(...zodFieldErrors(result.error, 'body'));
  const { media, extra } = checkKept(parts);
  if (result.success && !result.data.description && !result.data.status && media.length + photos === 0) {
    parts.errors.push({ path: 'body.description', message: 'is required: the comment says nothing' });
  }
  if (parts.errors.length > 0 || !result.success) throw refuse(parts.errors);
  const form = result.data;
  const name = [form.first_name, form.last_name].filter((n) => n && n !== '-').join(' ');
  const author = {
    ...(name ? { name } : {}),
    ...(form.email ? { email: form.email } : {}),
    ...(form.phone ? { phone: form.phone } : {}),
  };
  const updateId = form.update_id ?? form.update_id_ext;
  const kept = { ...(form.account_id ? { account_id: form.account_id } : {}), ...extra } as KeptValues;
  const note =
    form.description ??
    (form.status ? `The app reports the request as ${form.status}.` : 'The app sent photos.');
  return {
    requestId: form.service_request_id,
    note,
    comment: {
      ...(updateId ? { updateId } : {}),
      ...(form.status ? { reportedStatus: form.status } : {}),
      ...(form.updated_datetime ? { writtenAt: form.updated_datetime } : {}),
      ...(Object.keys(author).length > 0 ? { author } : {}),
      ...(media.length > 0 ? { mediaUrls: media } : {}),
      ...(Object.keys(kept).length > 0 ? { extra: kept } : {}),
    },
    ...(form.account_id ? { accountId: form.account_id } : {}),
  };
}
