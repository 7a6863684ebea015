import { z } from 'zod';
import { REGIONS } from '../../membership/application.ts';
import { directory } from '../../membership/lists.ts';
import { pageQuery } from '../../shared/cursor.ts';
import { httpHandler, json } from '../../shared/http.ts';
import { route } from './route.ts';

const query = z.strictObject({
  status: z.enum(['associate', 'full']).optional(),
  region: z.enum(REGIONS).optional(),
  ...pageQuery,
});

export const handler = httpHandler(route, { query }, async ({ query: q }) =>
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
