import * as z from 'zod';

export const requestPath = z.strictObject({ id: z.string().min(1).max(64) });
