import { defineRoute } from '../../shared/route.ts';
import { rawQuery, requestPath } from '../params.ts';

export const route = defineRoute({
  name: 'open311/request-get',
  method: 'GET',
  path: '/open311/v2/{cityId}/requests/{requestFile}',
  access: 'public',
  summary: 'Open311 GeoReport v2 service request: requests/<service_request_id>.{json|xml}',
  errorFormat: 'open311',
  request: { params: requestPath, query: rawQuery },
  responses: {
    200: {
      description: 'The service request, in the format of the extension',
      contentType: ['application/json', 'text/xml'],
    },
  },
});
