import { httpHandler, json } from '../../shared/http.ts';
import { buildDocument } from '../document.ts';
import { route } from './route.ts';

/** Built once per cold start: it changes only with a deployment. */
const document = buildDocument();

export const handler = httpHandler(route, async () =>
  json(200, document, { 'cache-control': 'public, max-age=300' }),
);
