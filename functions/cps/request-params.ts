import * as z from '../shared/zod.ts';

export const requestPath = z.strictObject({ id: z.string().check(z.minLength(1), z.maxLength(64)) });
