import { LANGUAGES } from '../shared/i18n.ts';
import { email, line, phone, text } from '../shared/schemas.ts';
import * as z from '../shared/zod.ts';
import { uploadIds } from '../uploads/schemas.ts';
import { attributeValues, serviceAttributes } from './attributes.ts';
import { districtKey } from './keys.ts';
import { REQUEST_STATUSES } from './request-status.ts';

/** Request bodies of the Civic Participation System. Objects are strict: unknown keys are a 400. */
export const serviceCode = z
  .string()
  .check(z.regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, { error: 'must be 1-40 lowercase letters, digits, - or _' }));

/** Refuses the second of two entries with the same key, naming the first one it collides with. */
const unique = <T>(
  list: readonly T[],
  key: (t: T) => string,
  path: (i: number) => (string | number)[],
  ctx: z.core.$RefinementCtx,
  sameAs = (first: number) => `is listed twice (also entry ${first})`,
) => {
  const seen = new Map<string, number>();
  list.forEach((item, i) => {
    const k = key(item);
    const first = seen.get(k);
    if (first !== undefined) ctx.addIssue({ code: 'custom', path: path(i), message: sameAs(first) });
    else seen.set(k, i);
  });
};

/** The `updatedAt` the client read (GET /cities/{cityId}/setup): if the set changed since, a 409 and nothing is written. */
const expectedUpdatedAt = z.optional(
  z.iso.datetime().check(z.describe('The updatedAt you read: a set changed since is a 409, nothing written')),
);

export const servicesBody = z
  .strictObject({
    services: z
      .array(
        z.strictObject({
          code: serviceCode,
          name: line(120),
          description: z.optional(text(1000)),
          group: z.optional(line(120)),
          slaHours: z.number().check(z.int(), z.gte(1), z.lte(24 * 365)),
          attributes: z
            .optional(serviceAttributes)
            .check(
              z.describe(
                'The questions a request for this service answers (Open311 service definitions). `district` may be defined here (a string or a singlevaluelist of districts); otherwise it is an optional string',
              ),
            ),
        }),
      )
      .check(z.maxLength(100)),
    expectedUpdatedAt,
  })
  .check(
    z.superRefine((b, ctx) =>
      unique(
        b.services,
        (s) => s.code,
        (i) => ['services', i, 'code'],
        ctx,
      ),
    ),
  );

/** The languages people use the CPS in: a citizen's emails follow their request's, an official's their own. */
const language = z.enum(LANGUAGES);

export const officialBody = z.strictObject({
  name: line(200),
  title: line(200),
  email,
  phone: z.optional(phone),
  language: z._default(language, 'en').check(z.describe('The language of the emails the official gets')),
});

const wildcardOr = <T extends z.ZodMiniType<string>>(schema: T) => z.union([z.literal('*'), schema]);

const ruleList = z
  .array(
    z.strictObject({
      district: wildcardOr(line(100)),
      service: wildcardOr(serviceCode),
      officialId: z.string().check(z.minLength(1), z.maxLength(64)),
    }),
  )
  .check(z.maxLength(200));

/** Two rules for the same district and service would leave routing to chance. */
const distinctRules = z.superRefine(
  (b: { rules?: readonly { district: string; service: string }[] }, ctx) =>
    b.rules &&
    unique(
      b.rules,
      // Districts match whatever their case, accents or punctuation: "Centro" and "Céntro!" are one.
      (r) => `${districtKey(r.district)}#${r.service}`,
      (i) => ['rules', i, 'district'],
      ctx,
      (first) =>
        `is the same district and service as rule ${first} ("${b.rules?.[first]?.district}"): case, accents and punctuation do not count`,
    ),
);

export const routingBody = z.strictObject({ rules: ruleList, expectedUpdatedAt }).check(distinctRules);

/** Where a request would go: by the saved rules, or by `rules` being edited (not saved). */
export const routingPreviewBody = z
  .strictObject({
    district: line(100),
    service: serviceCode,
    rules: z
      .optional(ruleList)
      .check(z.describe('Rules to try instead of the saved ones (nothing is saved)')),
  })
  .check(distinctRules);

export const requestBody = z.strictObject({
  service: serviceCode,
  district: line(100),
  description: text(4000),
  location: z.optional(
    z.strictObject({
      lat: z.number().check(z.gte(-90), z.lte(90)),
      lng: z.number().check(z.gte(-180), z.lte(180)),
    }),
  ),
  address: z.optional(line(300)),
  attributes: z
    .optional(attributeValues)
    .check(
      z.describe("Answers to the service's attributes, by code: a text, or a list for a multivaluelist"),
    ),
  contact: z.optional(
    z.strictObject({
      name: z.optional(line(200)),
      email: z.optional(email),
      phone: z.optional(phone),
    }),
  ),
  language: z
    .optional(language)
    .check(z.describe("The language the citizen used: the citizen's emails are in it (default en)")),
  media: z
    .optional(
      uploadIds('request-photo').check(
        z.superRefine((ids, ctx) =>
          unique(
            ids,
            (id) => id.toLowerCase(),
            (i) => [i],
            ctx,
          ),
        ),
      ),
    )
    .check(
      z.describe(
        'Photos: the `uploadId`s of uploads from `POST /cities/{cityId}/request-photos` (this city), at most 5; each is checked and attached once, with the request',
      ),
    ),
});
export type RequestForm = z.infer<typeof requestBody>;

export const updateBody = z.strictObject({
  status: z.enum(REQUEST_STATUSES),
  note: text(2000),
  public: z._default(z.boolean(), false),
});

export const assignBody = z.strictObject({
  officialId: z.string().check(z.minLength(1), z.maxLength(64)),
  reason: text(1000),
});

/** A citizen's secret from an email link (`?token=`): 256 random bits, base64url (citizen-tokens.ts). */
const citizenToken = z
  .string()
  .check(
    z.regex(/^[A-Za-z0-9_-]{43}$/, { error: 'is not a link token: copy the whole link from the email' }),
  );

const linkToken = citizenToken.check(z.describe("The `token` of the link in the citizen's email"));

export const feedbackBody = z.strictObject({
  token: linkToken,
  fixed: z
    .boolean()
    .check(
      z.describe('true: it is fixed (the request closes); false: it is not (it goes back to its official)'),
    ),
  note: z.optional(text(2000)).check(z.describe("The citizen's comment, for the official (never public)")),
});

export const contactRemovalBody = z.strictObject({ token: linkToken });
