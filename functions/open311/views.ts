import type { FeedUpdate } from '../cps/city-updates.ts';
import { open311Status } from '../cps/request-status.ts';
import type { CivicRequest, Service, ServiceAttribute } from '../cps/types.ts';
import { MIME_TYPES } from './format.ts';

/**
 * The CPS in GeoReport v2 terms. Pure: no AWS. What goes out is built field by field from an explicit
 * list, so the citizen's contact details (and the official's email) can never leak into an answer.
 */
export const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';

/** W3C date-time as the spec's examples write it: `2010-01-01T00:00:00Z`, no milliseconds. */
export const w3c = (iso: string): string => iso.replace(/\.\d+Z$/, 'Z');

export function discoveryDocument(input: {
  readonly baseUrl: string;
  readonly cityId: string;
  readonly cityName: string;
  readonly changeset: string;
  readonly secretariatEmail: string;
}) {
  return {
    changeset: input.changeset,
    contact: `${input.cityName} on the WeGO Civic Participation System. For help with this endpoint, email the WeGO Secretariat: ${input.secretariatEmail}`,
    key_service: `API keys to post service requests are issued by the WeGO Secretariat: ask ${input.secretariatEmail}`,
    endpoints: [
      {
        specification: SPECIFICATION,
        // With the trailing slash: FixMyStreet and `three` append `services.xml` to it as it is.
        url: `${input.baseUrl.replace(/\/+$/, '')}/open311/v2/${encodeURIComponent(input.cityId)}/`,
        changeset: input.changeset,
        type: 'production',
        formats: [...MIME_TYPES],
      },
    ],
  };
}

/** A service of the list (GET services): every one has metadata, at least the district attribute. */
export function serviceEntry(service: Service) {
  return {
    service_code: service.code,
    service_name: service.name,
    description: service.description ?? null,
    metadata: true,
    type: 'realtime',
    keywords: [service.code, service.group].filter(Boolean).join(', '),
    group: service.group ?? null,
  };
}

/**
 * GET Service Definition: the service's attributes in the order an app asks them (`order` numbers them
 * from 1). A request answers each as `attribute[code]` (`attribute[code][]` for a multivaluelist).
 */
export function serviceDefinition(serviceCode: string, attributes: readonly ServiceAttribute[]) {
  return {
    service_code: serviceCode,
    attributes: attributes.map((a, i) => ({
      variable: true,
      code: a.code,
      datatype: a.datatype,
      required: a.required,
      datatype_description: a.datatypeDescription ?? null,
      order: i + 1,
      description: a.description,
      ...(a.values ? { values: a.values.map((v) => ({ key: v.key, name: v.name })) } : {}),
    })),
  };
}

/** What the city expects to do: who handles the request and by when. Never the official's email. */
export function serviceNotice(request: Pick<CivicRequest, 'assignedTo' | 'expectedAt'>): string {
  const due = w3c(request.expectedAt);
  return request.assignedTo
    ? `Assigned to the ${request.assignedTo.title}; the city expects to deal with it by ${due}.`
    : `Received; the WeGO Secretariat will pass it to the office in charge. The city expects to deal with it by ${due}.`;
}

/** A request as GeoReport v2 lists it; `status_notes` is its latest public note. */
export function requestEntry(request: CivicRequest) {
  return {
    service_request_id: request.id,
    status: open311Status(request.status),
    status_notes: request.publicNote ?? null,
    service_name: request.serviceName,
    service_code: request.service,
    description: request.description,
    agency_responsible: request.assignedTo?.title ?? null,
    service_notice: serviceNotice(request),
    requested_datetime: w3c(request.createdAt),
    updated_datetime: w3c(request.updatedAt),
    expected_datetime: w3c(request.expectedAt),
    address: request.address ?? null,
    address_id: request.addressId ?? null,
    zipcode: null,
    lat: request.location?.lat ?? null,
    long: request.location?.lng ?? null,
    // GeoReport v2 has room for one: the first, as the client gave it (GET /requests/{id} lists them all).
    media_url: request.mediaUrls?.[0] ?? null,
  };
}

/** The answer to POST requests: the id at once (type realtime). */
export function createdEntry(request: CivicRequest, accountId: string | undefined) {
  return {
    service_request_id: request.id,
    service_notice: serviceNotice(request),
    account_id: accountId ?? null,
  };
}

/** GET tokens/{token}: every request is filed at once, so its token is its id. */
export const tokenEntry = (requestId: string) => ({ service_request_id: requestId, token: requestId });

/** A public update as FixMyStreet's servicerequestupdates lists it (a `media_url` it has none of is empty). */
export function updateEntry(update: FeedUpdate) {
  return {
    update_id: update.updateId,
    service_request_id: update.requestId,
    status: open311Status(update.status),
    description: update.note,
    media_url: '',
    updated_datetime: w3c(update.at),
  };
}

/** The answer to POST servicerequestupdates: the update's id, and the app's account_id echoed. */
export const postedUpdateEntry = (updateId: string, accountId: string | undefined) => ({
  update_id: updateId,
  ...(accountId ? { account_id: accountId } : {}),
});
