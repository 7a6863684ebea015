import type { Caller } from '../shared/caller.ts';
import { forbidden } from '../shared/problem.ts';
import { timeline } from './timeline.ts';
import type { CivicRequest, RequestUpdate } from './types.ts';

/** The official a request is assigned to, and the Secretariat, see and act on all of it. */
export const isInCharge = (caller: Caller | undefined, request: CivicRequest): boolean =>
  !!caller &&
  (caller.roles.includes('secretariat') ||
    (caller.roles.includes('official') && request.assignedTo?.email === caller.email));

export function assertInCharge(caller: Caller | undefined, request: CivicRequest): void {
  if (!isInCharge(caller, request))
    throw forbidden('Only the official in charge of this request or the Secretariat may do this');
}

/**
 * What anyone may see: no contact details, no official's email, only public updates; the timeline
 * tells the request's history in events a page words in its language (timeline.ts).
 */
export function publicView(r: CivicRequest, updates: readonly RequestUpdate[]) {
  return {
    id: r.id,
    cityId: r.cityId,
    cityName: r.cityName,
    service: r.service,
    serviceName: r.serviceName,
    district: r.district,
    description: r.description,
    ...(r.location ? { location: r.location } : {}),
    ...(r.address ? { address: r.address } : {}),
    ...(r.addressId ? { addressId: r.addressId } : {}),
    ...(r.mediaUrls ? { mediaUrls: r.mediaUrls } : {}),
    status: r.status,
    ...(r.assignedTo ? { assignedTo: { name: r.assignedTo.name, title: r.assignedTo.title } } : {}),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    expectedAt: r.expectedAt,
    overdue: r.overdue === true,
    updates: updates.filter((u) => u.public).map(({ at, status, note }) => ({ at, status, note })),
    timeline: timeline(updates),
  };
}

/**
 * Everything, for the official in charge and the Secretariat: also the answers to the service's
 * attributes and the fields a client sent of its own, which may carry personal data.
 */
export function fullView(r: CivicRequest, updates: readonly RequestUpdate[]) {
  return {
    ...publicView(r, updates),
    ...(r.attributes ? { attributes: r.attributes } : {}),
    ...(r.answers ? { answers: r.answers } : {}),
    ...(r.extra ? { extra: r.extra } : {}),
    contact: r.contact ?? {},
    language: r.language ?? 'en',
    assignedTo: r.assignedTo,
    escalatedAt: r.escalatedAt,
    contactRemovedAt: r.contactRemovedAt,
    updates,
  };
}
