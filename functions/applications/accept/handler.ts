import { acceptedEmail } from '../../membership/emails.ts';
import { changeStatus } from '../../membership/store.ts';
import { httpHandler, json } from '../../shared/http.ts';
import { route } from './route.ts';

export const handler = httpHandler(route, async ({ params, caller }) => {
  const now = new Date();
  const app = await changeStatus(
    params.id,
    {
      action: 'accept',
      actor: caller?.email ?? 'secretariat',
      set: { memberSince: now.toISOString() },
      emails: (a) => [acceptedEmail(a)],
    },
    now,
  );
  return json(200, app);
});
