import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { handOverEmail } from '../../cps/emails.ts';
import { officialKey } from '../../cps/keys.ts';
import { requestUrl } from '../../cps/links.ts';
import { toOfficial } from '../../cps/officials.ts';
import { checkHandOver } from '../../cps/request-status.ts';
import { getRequest, handOver } from '../../cps/requests.ts';
import { assertInCharge, fullView } from '../../cps/views.ts';
import { ddb, tableName } from '../../shared/ddb.ts';
import { httpHandler, json } from '../../shared/http.ts';
import { badRequest, conflict } from '../../shared/problem.ts';
import { route } from './route.ts';

export const handler = httpHandler(route, async ({ params, body, caller }) => {
  const { request, updates } = await getRequest(params.id);
  assertInCharge(caller, request);
  checkHandOver(request.status);
  const found = await ddb.send(
    new GetCommand({ TableName: tableName, Key: officialKey(request.cityId, body.officialId) }),
  );
  if (!found.Item) {
    throw badRequest('No such official in this city', [
      { path: 'body.officialId', message: 'is not an official of this city' },
    ]);
  }
  const official = toOfficial(found.Item);
  if (request.assignedTo?.officialId === official.id)
    throw conflict('The request is already assigned to this official');
  const to = { officialId: official.id, name: official.name, title: official.title, email: official.email };
  const updated = await handOver(
    request,
    to,
    { reason: body.reason, actor: caller?.email ?? 'unknown' },
    (r) => [handOverEmail(r, to, body.reason, requestUrl(r.id))],
  );
  return json(200, fullView(updated, updates));
});
