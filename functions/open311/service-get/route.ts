import { defineRoute } from '../../shared/route.ts';
import { rawQuery, servicePath } from '../params.ts';

export const route = defineRoute({
  name: 'open311/service-get',
  method: 'GET',
  path: '/open311/v2/{cityId}/services/{serviceFile}',
  access: 'public',
  summary: 'Open311 GeoReport v2 service definition: services/<service_code>.{json|xml}',
  errorFormat: 'open311',
  request: { params: servicePath, query: rawQuery },
  responses: {
    200: {
      description: 'The service definition, in the format of the extension',
      contentType: ['application/json', 'text/xml'],
    },
  },
});
