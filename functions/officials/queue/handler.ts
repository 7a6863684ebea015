import { queue } from '../../cps/queue.ts';
import { fullView } from '../../cps/views.ts';
import { httpHandler, json } from '../../shared/http.ts';
import { route } from './route.ts';

/** The caller's own queue: the index is keyed by the assignee's email, which is the token's email. */
export const handler = httpHandler(route, async ({ query: q, caller }) => {
  const page = await queue(caller?.email ?? '', q.status, q.limit, q.cursor);
  // A queue entry is the request without its updates (GET /requests/{id} has those).
  const items = page.items.map((r) => {
    const { updates: _updates, ...entry } = fullView(r, []);
    return entry;
  });
  return json(200, { ...page, items });
});
