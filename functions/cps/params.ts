import * as z from 'zod';
import { idParam } from '../shared/params.ts';

export const cityPath = z.strictObject({ cityId: idParam });
