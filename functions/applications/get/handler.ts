import { getApplication } from '../../membership/store.ts';
import { httpHandler, json } from '../../shared/http.ts';
import { route } from './route.ts';

export const handler = httpHandler(route, async ({ params }) => json(200, await getApplication(params.id)));
