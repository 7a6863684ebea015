import { cps } from '../cps/civic.ts';
import { OPEN_STATUSES, REQUEST_STATUSES } from '../cps/request-status.ts';
import type { CivicRequest } from '../cps/types.ts';
import type { Application } from '../membership/application.ts';
import { membership } from '../membership/members.ts';
import { HttpError } from '../shared/problem.ts';
import { MAX_RESULTS, type RequestQuery } from './filters.ts';

/** Reads of the Open311 routes, through what membership and the CPS offer other features. */

/**
 * The jurisdiction: a member city. A city that does not exist or is not an Associate or Full Member
 * is no jurisdiction: 404 (GeoReport v2: "jurisdiction_id provided was not found").
 */
export async function jurisdiction(cityId: string): Promise<Application> {
  try {
    return await membership.member(cityId);
  } catch (error) {
    if (error instanceof HttpError && (error.status === 404 || error.status === 409)) {
      throw new HttpError(
        404,
        `jurisdiction ${cityId} was not found: WeGO serves Open311 for its Associate and Full Members`,
      );
    }
    throw error;
  }
}

const CLOSED_STATUSES = REQUEST_STATUSES.filter((s) => !OPEN_STATUSES.includes(s));

/**
 * GET requests in a window, the page asked for: Open311's open/closed read as the CPS statuses they
 * stand for. The window's list holds its newest MAX_RESULTS requests.
 */
export async function requestsInWindow(
  cityId: string,
  query: Extract<RequestQuery, { kind: 'window' }>,
): Promise<CivicRequest[]> {
  const { offset, size } = query.page;
  const end = Math.min(offset + size, MAX_RESULTS);
  if (offset >= end) return [];
  const statuses =
    query.statuses?.length === 1
      ? query.statuses[0] === 'open'
        ? OPEN_STATUSES
        : CLOSED_STATUSES
      : undefined;
  const found = await cps.requestsInWindow(
    cityId,
    {
      from: query.from,
      to: query.to,
      ...(query.serviceCodes ? { services: query.serviceCodes } : {}),
      ...(statuses ? { statuses } : {}),
    },
    end,
  );
  return found.slice(offset, end);
}
