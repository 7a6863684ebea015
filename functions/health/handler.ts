import { httpHandler, json } from '../shared/http.ts';
import { route } from './route.ts';

export const handler = httpHandler(route, async () => json(200, { status: 'ok' }));
