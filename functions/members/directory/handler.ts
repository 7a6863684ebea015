import { directory } from '../../membership/lists.ts';
import { httpHandler, json } from '../../shared/http.ts';
import { route } from './route.ts';

export const handler = httpHandler(route, async ({ query: q }) =>
  json(
    200,
    await directory(
      { ...(q.status ? { status: q.status } : {}), ...(q.region ? { region: q.region } : {}) },
      q.limit,
      q.cursor,
    ),
    {
      'cache-control': 'public, max-age=60',
    },
  ),
);
