import * as z from 'zod';
import { REGIONS } from '../functions/shared/regions.ts';

const STAGE = /^[a-z][a-z0-9-]{1,19}$/;

/** A regional office of WeGO: its city, its address, and the regions it serves. */
const regionalOffice = z.strictObject({
  name: z.string().trim().min(1, 'a regional office needs a name (its city)').max(60),
  email: z.email('a regional office needs an email address'),
  regions: z.array(z.enum(REGIONS)).min(1, 'a regional office serves at least one region'),
});

/**
 * The offices when the context names none: Ulyanovsk for Europe and Chengdu for Asia (the Secretariat
 * in Seoul serves every region), at the Secretariat's domain.
 */
export const defaultRegionalOffices = (secretariatEmail: string) => {
  const domain = secretariatEmail.slice(secretariatEmail.lastIndexOf('@') + 1);
  return [
    { name: 'Ulyanovsk', email: `ulyanovsk@${domain}`, regions: ['europe'] },
    { name: 'Chengdu', email: `chengdu@${domain}`, regions: ['asia'] },
  ];
};

/**
 * The context values a deployment needs (`cdk deploy -c stage=prod -c senderEmail=...`). `opsEmail`, the
 * address the alarm topic emails, is optional and defaults to the Secretariat's address.
 */
export const configSchema = z
  .strictObject({
    stage: z
      .string()
      .regex(STAGE, 'stage must be 2-20 lowercase letters, digits or dashes, starting with a letter'),
    senderEmail: z.email('senderEmail must be an email address verified in SES'),
    secretariatEmail: z.email('secretariatEmail must be an email address'),
    opsEmail: z.email('opsEmail must be an email address (it receives the operations alarms)').optional(),
    publicBaseUrl: z
      .url({ protocol: /^https?$/, error: 'publicBaseUrl must be http(s) and absolute' })
      .refine(
        (u) => !URL.parse(u)?.search && !URL.parse(u)?.hash,
        'publicBaseUrl must have no query or fragment',
      )
      .transform((u) => u.replace(/\/+$/, '')),
    // Browsers send Origin as scheme://host[:port]: anything else would never match.
    corsOrigins: z
      .array(
        z
          .url({ protocol: /^https?$/, error: 'a CORS origin is an http(s) URL, never *' })
          .refine((u) => URL.parse(u)?.origin === u, 'a CORS origin is scheme://host[:port], without a path')
          // API Gateway reads https://* or https://*.host as wildcards: an origin is one exact site.
          .refine((u) => !u.includes('*'), 'a CORS origin is one exact site: no * wildcard'),
      )
      .min(1, 'corsOrigins needs at least one origin'),
    votingPeriodSeconds: z
      .number()
      .int()
      .min(1)
      .max(90 * 24 * 3600),
    // How long a closed civic request keeps the citizen's contact details.
    contactRetentionSeconds: z
      .number()
      .int()
      .min(1)
      .max(10 * 365 * 24 * 3600),
    // Each copied on the applications, acceptances and votes of the regions it serves.
    regionalOffices: z.array(regionalOffice).refine((offices) => {
      const regions = offices.flatMap((o) => o.regions);
      return new Set(regions).size === regions.length;
    }, 'a region is served by one regional office at most'),
  })
  .transform(({ opsEmail, ...config }) => ({ ...config, opsEmail: opsEmail ?? config.secretariatEmail }));

export type WegoConfig = z.infer<typeof configSchema>;

/** `-c regionalOffices='[...]'` passes JSON text; cdk.json passes the array itself. */
function officesOf(value: unknown, secretariatEmail: unknown): unknown {
  if (value === undefined) {
    return typeof secretariatEmail === 'string' ? defaultRegionalOffices(secretariatEmail) : [];
  }
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value; // refused by the schema, with the others
  }
}

/** Stages whose data must survive a `cdk destroy`. */
export const isEphemeralStage = (stage: string): boolean =>
  stage === 'dev' || stage === 'local' || stage.startsWith('test');

/**
 * Validates the raw context (strings from `-c`, JSON from cdk.json) and fails synth with one message
 * that lists every missing or malformed value.
 */
export function parseConfig(read: (key: string) => unknown): WegoConfig {
  const origins = read('corsOrigins');
  // Periods are given in days; the *Seconds values override them (local tests watch them pass).
  const inSeconds = (name: string, defaultDays: number) => {
    const seconds = read(`${name}Seconds`);
    const days = read(`${name}Days`);
    return seconds !== undefined
      ? Number(seconds)
      : Math.round((days === undefined ? defaultDays : Number(days)) * 24 * 3600);
  };
  const raw = {
    stage: read('stage'),
    senderEmail: read('senderEmail'),
    secretariatEmail: read('secretariatEmail'),
    opsEmail: read('opsEmail'),
    publicBaseUrl: read('publicBaseUrl'),
    corsOrigins: typeof origins === 'string' ? origins.split(',').map((o) => o.trim()) : origins,
    votingPeriodSeconds: inSeconds('votingPeriod', 14),
    contactRetentionSeconds: inSeconds('contactRetention', 365),
    regionalOffices: officesOf(read('regionalOffices'), read('secretariatEmail')),
  };
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join('.') || 'context'}: ${i.message}`);
    throw new Error(
      `Invalid CDK context. Pass the values with -c key=value or set them in cdk.json:\n${lines.join('\n')}`,
    );
  }
  return result.data;
}

/** The stack names of a stage: `WegoData-<stage>` (stateful) and `Wego-<stage>` (stateless). */
export const stackNames = (stage: string) => ({ data: `WegoData-${stage}`, app: `Wego-${stage}` });
