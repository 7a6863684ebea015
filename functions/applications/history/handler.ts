import { history } from '../../membership/lists.ts';
import { getApplication } from '../../membership/store.ts';
import { httpHandler, json } from '../../shared/http.ts';
import { route } from './route.ts';

export const handler = httpHandler(route, async ({ params, query }) => {
  const [page] = await Promise.all([
    history(params.id, query.limit, query.cursor),
    getApplication(params.id),
  ]);
  return json(200, page);
});
