import { rejectedEmail } from '../../membership/emails.ts';
import { changeStatus, releaseName } from '../../membership/store.ts';
import { httpHandler, json } from '../../shared/http.ts';
import { route } from './route.ts';

export const handler = httpHandler(route, async ({ params, body, caller }) => {
  const app = await changeStatus(params.id, {
    action: 'reject',
    actor: caller?.email ?? 'secretariat',
    note: body.reason,
    set: { rejectionReason: body.reason },
    with: (a) => [releaseName(a)],
    emails: (a) => [rejectedEmail(a, body.reason)],
  });
  return json(200, app);
});
