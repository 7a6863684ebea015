import { defineRoute } from '../../shared/route.ts';

export const route = defineRoute({
  name: 'open311/service-get',
  method: 'GET',
  path: '/open311/v2/{cityId}/services/{serviceFile}',
  access: 'public',
  summary: 'Open311 GeoReport v2 service definition: services/<service_code>.{json|xml}',
});
