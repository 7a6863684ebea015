import { text } from './schemas.ts';
import * as z from './zod.ts';

/** The body of decisions that must say why (reject, withdraw). */
export const reasonBody = z.strictObject({ reason: text(2000) });
