/**
 * zod for the functions: zod/mini, zod 4's tree-shakable API (functions and `.check(...)` instead of
 * method chains), so a bundle carries only the parts of zod its schemas use. Every schema under
 * functions/ imports zod from here (`import * as z from '../shared/zod.ts'`).
 *
 * Classic `zod` loads its English messages by itself; zod/mini does not, and would answer
 * "Invalid input" for every issue. The messages are part of the API (errors[].message), so they are
 * set here, once, before any schema parses.
 */
import { en } from 'zod/locales';
import { config, type core, safeParse } from 'zod/mini';

config(en());

export * from 'zod/mini';

/**
 * Parses or throws, like classic zod's `schema.parse`: the error is named `ZodError` as before (zod/mini
 * names it `$ZodError`), because the name is what logs show (`errorName`) and what the approval
 * workflow's Catch records as the failed step's error. Use `z.parse(schema, value)`, not `schema.parse`.
 */
export function parse<T extends core.$ZodType>(schema: T, value: unknown): core.output<T> {
  const result = safeParse(schema, value);
  if (result.success) return result.data;
  result.error.name = 'ZodError';
  throw result.error;
}
