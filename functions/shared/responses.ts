import * as z from './zod.ts';

/**
 * Building blocks of the response schemas that route files declare for the OpenAPI document.
 * Handlers build their answers from their own types; `describes` ties a schema to such a type, so the
 * document cannot drift from what the handler returns without the build failing.
 */

type DeepReadonly<T> = T extends readonly (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never]
  ? unknown
  : { keysDiffer: [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] };

/**
 * `describes<Application>()(z.object({...}))` compiles only when a value of the type is a valid
 * instance of the schema's output and both name the same top-level fields.
 */
export const describes =
  <T>() =>
  <S extends z.core.$ZodType>(
    schema: S &
      ([T] extends [DeepReadonly<z.output<S>>] ? unknown : { typeDoesNotFit: T }) &
      SameKeys<T, z.output<S>>,
  ): S =>
    schema;

/** Times in answers: ISO 8601 in UTC. */
export const timestamp = z.iso.datetime();

/** `{ items, nextCursor? }` of every list (`?limit=` and `?cursor=`). */
export const pageOf = <T extends z.core.$ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z
      .optional(z.string())
      .check(z.describe('Opaque; send it back as `?cursor=` for the next page. Absent on the last page.')),
  });
