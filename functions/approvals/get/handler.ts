import { httpHandler, json } from '../../shared/http.ts';
import { getApproval } from '../store.ts';
import { route } from './route.ts';

export const handler = httpHandler(route, async ({ params }) =>
  json(200, await getApproval(params.approvalId)),
);
