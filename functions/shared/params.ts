import * as z from 'zod';

/** Path ids are opaque strings; an id that does not exist is a 404, found by looking it up. */
export const idParam = z.string().min(1).max(128);
export const idPath = z.strictObject({ id: idParam });
/** `{cityId}`: the city a CPS or Open311 route is about. */
export const cityPath = z.strictObject({ cityId: idParam });

/** `?limit=` (1..100, default 25) and `?cursor=` of every list (cursor.ts signs and checks the cursor). */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2048).optional(),
};
