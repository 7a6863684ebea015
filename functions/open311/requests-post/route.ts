import * as z from 'zod';
import { defineRoute } from '../../shared/route.ts';
import { documentPath } from '../params.ts';

export const route = defineRoute({
  name: 'open311/requests-post',
  method: 'POST',
  path: '/open311/v2/{cityId}/{document}',
  access: 'public',
  summary: 'Open311 GeoReport v2 POST Service Request: requests.{json|xml}, form-urlencoded, with api_key',
  throttle: { rate: 10, burst: 20 },
  idempotent: true,
  errorFormat: 'open311',
  request: {
    params: documentPath,
    // The form as parsed; its fields are checked in the handler, after the api_key (403 comes before 400).
    body: z
      .record(z.string(), z.union([z.string(), z.array(z.string())]))
      .describe(
        'GeoReport v2 POST Service Request arguments: api_key, service_code, lat & long or address_string, attribute[district], description, email, first_name, last_name, phone, media_url, ...',
      ),
    bodyTypes: ['form'],
  },
  responses: {
    201: {
      description: 'The service request is filed: its service_request_id, in the format of the extension',
      contentType: ['application/json', 'text/xml'],
    },
    403: { description: 'The api_key is missing or is not a key of this city' },
  },
});
