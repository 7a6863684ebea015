import { listByStatus } from '../../membership/lists.ts';
import { httpHandler, json } from '../../shared/http.ts';
import { route } from './route.ts';

export const handler = httpHandler(route, async ({ query: q }) =>
  json(200, await listByStatus(q.status, q.limit, q.cursor)),
);
