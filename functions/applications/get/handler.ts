import { getApplication } from '../../membership/store.ts';
import { httpHandler, json } from '../../shared/http.ts';
import { idPath } from '../../shared/params.ts';
import { route } from './route.ts';

export const handler = httpHandler(route, { params: idPath }, async ({ params }) =>
  json(200, await getApplication(params.id)),
);
