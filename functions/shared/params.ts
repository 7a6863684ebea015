import { z } from 'zod';

/** Path ids are opaque strings; an id that does not exist is a 404, found by looking it up. */
export const idParam = z.string().min(1).max(128);
export const idPath = z.strictObject({ id: idParam });
