import { newRequestEmails } from '../../cps/request-emails.ts';
import { createRequest } from '../../cps/requests.ts';
import { httpHandler } from '../../shared/http.ts';
import { HttpError } from '../../shared/problem.ts';
import { apiKeyOf, parsePostForm, toRequestForm } from '../form.ts';
import { open311ErrorResponse, open311NotFound, open311Response, parseFileName } from '../format.ts';
import { verifyKey } from '../keys.ts';
import { jurisdiction } from '../store.ts';
import { createdEntry } from '../views.ts';
import { route } from './route.ts';

export const handler = httpHandler(
  route,
  async ({ params, body }) => {
    const file = parseFileName(params.document);
    if (file?.name !== 'requests') {
      throw open311NotFound(
        `${params.document} was not found: POST service requests to requests.json or requests.xml`,
      );
    }
    const cityId = params.cityId;
    const apiKey = apiKeyOf(body);
    const [, valid] = await Promise.all([jurisdiction(cityId), verifyKey(cityId, apiKey)]);
    if (!apiKey) throw new HttpError(403, "api_key is missing -- can't proceed with create_request");
    if (!valid) throw new HttpError(403, "Invalid api_key received -- can't proceed with create_request");

    const form = parsePostForm(body);
    const request = await createRequest(cityId, toRequestForm(form), newRequestEmails).catch(
      (error: unknown) => {
        if (error instanceof HttpError && error.errors?.some((e) => e.path === 'body.service')) {
          throw open311NotFound(`service_code ${form.service_code} was not found`);
        }
        // The city stopped being a member between the check above and the write.
        if (error instanceof HttpError && error.status === 409)
          throw open311NotFound(`jurisdiction ${cityId} was not found`);
        throw error;
      },
    );
    return open311Response(201, file.format, 'service_requests', [createdEntry(request, form.account_id)], {
      location: `/open311/v2/${cityId}/requests/${request.id}.${file.format}`,
    });
  },
  { errorResponse: open311ErrorResponse },
);
