import { z } from 'zod';
import { MEMBERSHIP_STATUSES } from '../../membership/application.ts';
import { listByStatus } from '../../membership/lists.ts';
import { pageQuery } from '../../shared/cursor.ts';
import { httpHandler, json } from '../../shared/http.ts';
import { route } from './route.ts';

const query = z.strictObject({ status: z.enum(MEMBERSHIP_STATUSES).default('submitted'), ...pageQuery });

export const handler = httpHandler(route, { query }, async ({ query: q }) =>
  json(200, await listByStatus(q.status, q.limit, q.cursor)),
);
