import { withdrawnEmail } from '../../membership/emails.ts';
import { changeStatus, releaseName } from '../../membership/store.ts';
import { httpHandler, json } from '../../shared/http.ts';
import { route } from './route.ts';

/** A vote still open on a withdrawn city ends on its own; its outcome then leaves the city withdrawn. */
export const handler = httpHandler(route, async ({ params, body, caller }) => {
  const app = await changeStatus(params.id, {
    action: 'withdraw',
    actor: caller?.email ?? 'secretariat',
    note: body.reason,
    set: { withdrawalReason: body.reason },
    with: (a) => [releaseName(a)],
    emails: (a) => [withdrawnEmail(a, body.reason)],
  });
  return json(200, app);
});
