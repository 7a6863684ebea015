import { z } from 'zod';
import { history } from '../../membership/lists.ts';
import { getApplication } from '../../membership/store.ts';
import { pageQuery } from '../../shared/cursor.ts';
import { httpHandler, json } from '../../shared/http.ts';
import { idPath } from '../../shared/params.ts';
import { route } from './route.ts';

export const handler = httpHandler(
  route,
  { params: idPath, query: z.strictObject(pageQuery) },
  async ({ params, query }) => {
    const [page] = await Promise.all([
      history(params.id, query.limit, query.cursor),
      getApplication(params.id),
    ]);
    return json(200, page);
  },
);
