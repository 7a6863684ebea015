import { httpHandler } from '../../shared/http.ts';
import { checkPlainQuery } from '../filters.ts';
import { open311ErrorResponse, open311NotFound, open311Response, parseFileName } from '../format.ts';
import { findService, jurisdiction } from '../store.ts';
import { serviceDefinition } from '../views.ts';
import { route } from './route.ts';

export const handler = httpHandler(
  route,
  async ({ params, query }) => {
    const file = parseFileName(params.serviceFile);
    if (!file)
      throw open311NotFound(`${params.serviceFile} was not found: ask for <service_code>.json or .xml`);
    checkPlainQuery(query);
    const [, service] = await Promise.all([
      jurisdiction(params.cityId),
      findService(params.cityId, file.name),
    ]);
    if (!service) throw open311NotFound(`service_code ${file.name} was not found`);
    return open311Response(200, file.format, 'service_definition', serviceDefinition(service.code), {
      'cache-control': 'public, max-age=60',
    });
  },
  { errorResponse: open311ErrorResponse },
);
