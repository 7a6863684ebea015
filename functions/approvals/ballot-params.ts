import * as z from '../shared/zod.ts';

/** The ballot id of the emailed link: the credential itself, looked up by its hash. */
export const ballotPath = z.strictObject({ ballotId: z.string().check(z.maxLength(200)) });
