import { idParam } from '../shared/params.ts';
import * as z from '../shared/zod.ts';

/** Path parameters of the Open311 routes: whole segments such as `requests.json`, split by parseFileName. */
const segment = z.string().check(z.minLength(1), z.maxLength(200));
export const documentPath = z.strictObject({ cityId: idParam, document: segment });
export const servicePath = z.strictObject({ cityId: idParam, serviceFile: segment });
export const requestPath = z.strictObject({ cityId: idParam, requestFile: segment });
export const tokenPath = z.strictObject({ cityId: idParam, tokenFile: segment });
/** Whatever path under /open311/ no other route takes. */
export const anyPath = z.strictObject({ proxy: z.string().check(z.maxLength(2000)) });

/** Query strings are checked per method (filters.ts), so the chain only takes them as they come. */
export const rawQuery = z.record(z.string(), z.string());
