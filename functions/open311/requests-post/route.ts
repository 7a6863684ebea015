import { defineRoute } from '../../shared/route.ts';

export const route = defineRoute({
  name: 'open311/requests-post',
  method: 'POST',
  path: '/open311/v2/{cityId}/{document}',
  access: 'public',
  summary: 'Open311 GeoReport v2 POST Service Request: requests.{json|xml}, form-urlencoded, with api_key',
  throttle: { rate: 10, burst: 20 },
});
