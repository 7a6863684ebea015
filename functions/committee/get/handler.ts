import { httpHandler, json } from '../../shared/http.ts';
import { getRoster } from '../roster.ts';
import { route } from './route.ts';

export const handler = httpHandler(route, async () => {
  const roster = await getRoster();
  return json(200, { members: roster.members, ...(roster.updatedAt ? { updatedAt: roster.updatedAt } : {}) });
});
