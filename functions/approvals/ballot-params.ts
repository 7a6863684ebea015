import * as z from 'zod';

/** The ballot id of the emailed link: the credential itself, looked up by its hash. */
export const ballotPath = z.strictObject({ ballotId: z.string().max(200) });
