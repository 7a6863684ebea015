import { defineRoute } from '../../shared/route.ts';

export const route = defineRoute({
  name: 'open311/document-get',
  method: 'GET',
  path: '/open311/v2/{cityId}/{document}',
  access: 'public',
  summary:
    'Open311 GeoReport v2 of a member city: discovery.{json|xml}, services.{json|xml}, requests.{json|xml}',
});
