import { applicationView } from '../../membership/responses.ts';
import { idPath } from '../../shared/params.ts';
import { reasonBody } from '../../shared/reason.ts';
import { defineRoute } from '../../shared/route.ts';

export const route = defineRoute({
  name: 'members/withdraw',
  method: 'POST',
  path: '/members/{id}/withdraw',
  access: ['secretariat'],
  summary: "Withdraw an application or a membership, with a reason; the Mayor's office is emailed",
  request: { params: idPath, body: reasonBody },
  responses: { 200: { description: 'The application, now `withdrawn`', schema: applicationView } },
});
