import { defineRoute } from '../../shared/route.ts';

export const route = defineRoute({
  name: 'open311/request-get',
  method: 'GET',
  path: '/open311/v2/{cityId}/requests/{requestFile}',
  access: 'public',
  summary: 'Open311 GeoReport v2 service request: requests/<service_request_id>.{json|xml}',
});
