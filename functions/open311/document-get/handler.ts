import { listServices } from '../../cps/services.ts';
import { publicBaseUrl, secretariatEmail } from '../../shared/config.ts';
import { httpHandler } from '../../shared/http.ts';
import { checkPlainQuery, parseRequestQuery } from '../filters.ts';
import {
  type FileName,
  open311ErrorResponse,
  open311NotFound,
  open311Response,
  parseFileName,
} from '../format.ts';
import { jurisdiction, requestEntries, requestsById, requestsInWindow, servicesChangedAt } from '../store.ts';
import { discoveryDocument, serviceEntry, w3c } from '../views.ts';
import { route } from './route.ts';

const baseUrl = publicBaseUrl();
const secretariat = secretariatEmail();

const DOCUMENTS = ['discovery', 'services', 'requests'] as const;
type Document = (typeof DOCUMENTS)[number];

/** Discovery and the service list change rarely: caches may keep them a minute. */
const CACHEABLE = { 'cache-control': 'public, max-age=60' };

function documentOf(segment: string): FileName & { name: Document } {
  const file = parseFileName(segment);
  if (!file || !(DOCUMENTS as readonly string[]).includes(file.name)) {
    throw open311NotFound(
      `${segment} was not found: this endpoint serves discovery, services and requests, as .json or .xml`,
    );
  }
  return file as FileName & { name: Document };
}

export const handler = httpHandler(
  route,
  async ({ params, query }) => {
    const { name, format } = documentOf(params.document);
    const cityId = params.cityId;

    if (name === 'discovery') {
      checkPlainQuery(query);
      const [city, changedAt] = await Promise.all([jurisdiction(cityId), servicesChangedAt(cityId)]);
      const changeset = w3c(changedAt ?? city.memberSince ?? city.updatedAt);
      const document = discoveryDocument({
        baseUrl,
        cityId,
        cityName: city.city.name,
        changeset,
        secretariatEmail: secretariat,
      });
      return open311Response(200, format, 'discovery', document, CACHEABLE);
    }

    if (name === 'services') {
      checkPlainQuery(query);
      const [, services] = await Promise.all([jurisdiction(cityId), listServices(cityId)]);
      return open311Response(200, format, 'services', services.map(serviceEntry), CACHEABLE);
    }

    const filters = parseRequestQuery(query);
    // The jurisdiction check and the reads run together: a non-member city answers 404 either way.
    const [, requests] = await Promise.all([
      jurisdiction(cityId),
      filters.kind === 'ids' ? requestsById(cityId, filters.ids) : requestsInWindow(cityId, filters),
    ]);
    return open311Response(200, format, 'service_requests', await requestEntries(requests));
  },
  { errorResponse: open311ErrorResponse },
);
