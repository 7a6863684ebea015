import { getRequest } from '../../cps/requests.ts';
import { httpHandler } from '../../shared/http.ts';
import { HttpError } from '../../shared/problem.ts';
import { checkPlainQuery, isRequestId } from '../filters.ts';
import { open311ErrorResponse, open311NotFound, open311Response, parseFileName } from '../format.ts';
import { jurisdiction } from '../store.ts';
import { lastPublicNote, requestEntry } from '../views.ts';
import { route } from './route.ts';

export const handler = httpHandler(
  route,
  async ({ params, query }) => {
    const file = parseFileName(params.requestFile);
    if (!file || !isRequestId(file.name)) {
      throw open311NotFound(`${params.requestFile} was not found: ask for <service_request_id>.json or .xml`);
    }
    checkPlainQuery(query);
    const notFound = open311NotFound(`service_request_id ${file.name} was not found`);
    const [, found] = await Promise.all([
      jurisdiction(params.cityId),
      getRequest(file.name).catch((error: unknown) => {
        if (error instanceof HttpError && error.status === 404) return undefined;
        throw error;
      }),
    ]);
    // Another city's request is not part of this jurisdiction.
    if (!found || found.request.cityId !== params.cityId) throw notFound;
    const entry = requestEntry(found.request, lastPublicNote(found.updates));
    return open311Response(200, file.format, 'service_requests', [entry]);
  },
  { errorResponse: open311ErrorResponse },
);
