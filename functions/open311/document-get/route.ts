import { defineRoute } from '../../shared/route.ts';
import { documentPath, rawQuery } from '../params.ts';

export const route = defineRoute({
  name: 'open311/document-get',
  method: 'GET',
  path: '/open311/v2/{cityId}/{document}',
  access: 'public',
  summary:
    'Open311 GeoReport v2 of a member city: discovery.{json|xml}, services.{json|xml}, requests.{json|xml}',
  errorFormat: 'open311',
  request: { params: documentPath, query: rawQuery },
  responses: {
    200: {
      description:
        'The document in the format of the extension. requests.{json|xml} takes the GeoReport v2 filters: service_request_id, service_code, start_date, end_date, status',
      contentType: ['application/json', 'text/xml'],
    },
  },
});
