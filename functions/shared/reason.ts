import * as z from 'zod';
import { text } from './schemas.ts';

/** The body of decisions that must say why (reject, withdraw). */
export const reasonBody = z.strictObject({ reason: text(2000) });
