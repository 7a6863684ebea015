import { open311Status } from '../cps/request-status.ts';
import type { CivicRequest, Service } from '../cps/types.ts';
import { MIME_TYPES } from './format.ts';

/**
 * The CPS in GeoReport v2 terms. Pure: no AWS. What goes out is built field by field from an explicit
 * list, so the citizen's contact details (and the official's email) can never leak into an answer.
 */
export const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';

/** The one attribute of every service definition: the district routes the request. */
export const DISTRICT_ATTRIBUTE = 'district';
/** The district of a request that named none: only routing rules for any district (`*`) match it. */
export const UNSPECIFIED_DISTRICT = 'unspecified';

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
        url: `${input.baseUrl.replace(/\/+$/, '')}/open311/v2/${encodeURIComponent(input.cityId)}`,
        changeset: input.changeset,
        type: 'production',
        formats: [...MIME_TYPES],
      },
    ],
  };
}

/** A service of the list (GET services): every one has metadata, the district attribute. */
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

export function serviceDefinition(serviceCode: string) {
  return {
    service_code: serviceCode,
    attributes: [
      {
        variable: true,
        code: DISTRICT_ATTRIBUTE,
        datatype: 'string',
        required: true,
        datatype_description: 'The district of the city where the need is',
        order: 1,
        description: 'District',
      },
    ],
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
    lat: request.location?.lat ?? null,
    long: request.location?.lng ?? null,
    media_url: null,
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
