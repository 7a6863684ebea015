import { httpHandler, json } from '../../shared/http.ts';
import { getRoster, replaceRoster } from '../roster.ts';
import { route } from './route.ts';

export const handler = httpHandler(route, async ({ body, caller }) => {
  const current = await getRoster();
  const roster = await replaceRoster(current, body.members, caller?.email ?? 'unknown');
  return json(200, { members: roster.members, updatedAt: roster.updatedAt });
});
