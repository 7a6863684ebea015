import * as z from './zod.ts';

/** Path ids are opaque strings; an id that does not exist is a 404, found by looking it up. */
export const idParam = z.string().check(z.minLength(1), z.maxLength(128));
export const idPath = z.strictObject({ id: idParam });
/** `{cityId}`: the city a CPS or Open311 route is about. */
export const cityPath = z.strictObject({ cityId: idParam });

/** `?limit=` (1..100, default 25) and `?cursor=` of every list (cursor.ts signs and checks the cursor). */
export const pageQuery = {
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 25),
  cursor: z.optional(z.string().check(z.maxLength(2048))),
};
