import { api } from '../api-client.ts';
import { messagePage, type PageResult } from '../server.ts';
import type { T } from './report-views.ts';
import type { PublicRequest } from './timeline.ts';

/** The public view of a request (`GET /requests/{id}`, never contact details), as the pages read it. */
export async function publicRequestOf(id: string): Promise<PublicRequest | undefined> {
  const answer = await api(`/requests/${encodeURIComponent(id)}`);
  if (answer.status === 404 || answer.status === 400) return undefined;
  if (answer.status !== 200) throw new Error(`GET /requests answered ${answer.status}`);
  return answer.body;
}

/** No request has this reference. */
export function unknownRequest(t: T, id: string): PageResult {
  return {
    status: 404,
    page: messagePage(t('follow.unknown.title'), t('follow.unknown.body', { id })),
  };
}
