import { applicationReceivedEmail } from '../../membership/emails.ts';
import { submitApplication } from '../../membership/store.ts';
import { httpHandler, json } from '../../shared/http.ts';
import { route } from './route.ts';

export const handler = httpHandler(route, async ({ body }) => {
  const app = await submitApplication(body, (a) => [applicationReceivedEmail(a)]);
  return json(
    201,
    { id: app.id, status: app.status, submittedAt: app.submittedAt },
    { location: `/applications/${app.id}` },
  );
});
