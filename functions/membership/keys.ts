import { normalizeName } from '../shared/text.ts';
import type { MembershipStatus, Region } from './application.ts';

/**
 * Keys of the membership items in the single table (the README's access-pattern table lists them):
 * - `CITY#<id>` / `PROFILE`: the application and, once accepted, the member
 *   (gsi1: cities by status, newest first; gsi2: the public directory, members only;
 *   gsi3: cities by status in one region, newest first, for region-scoped Secretariat staff)
 * - `CITY#<id>` / `EVENT#<at>#<eventId>`: the audit trail
 * - `CITYNAME#<country>#<normalized name>` / `UNIQUE`: one live application per city name and country
 * - `DRAFT#<id>` / `DRAFT`: a draft of the form, reached with its resume token (TTL 30 days)
 */
export const cityKey = (id: string) => ({ pk: `CITY#${id}`, sk: 'PROFILE' });
export const eventSk = (at: string, eventId: string) => `EVENT#${at}#${eventId}`;
export const EVENT_PREFIX = 'EVENT#';

export const byStatusPk = (status: MembershipStatus) => `CITY#STATUS#${status}`;
export const byStatusIndex = (status: MembershipStatus, updatedAt: string, id: string) => ({
  gsi1pk: byStatusPk(status),
  gsi1sk: `${updatedAt}#${id}`,
});

export const byRegionStatusPk = (status: MembershipStatus, region: Region) =>
  `CITY#STATUS#${status}#${region}`;
export const byRegionStatusIndex = (
  status: MembershipStatus,
  region: Region,
  updatedAt: string,
  id: string,
) => ({
  gsi3pk: byRegionStatusPk(status, region),
  gsi3sk: `${updatedAt}#${id}`,
});

export const DIRECTORY_PK = 'DIRECTORY';
export const directoryPrefix = (region?: Region, status?: MembershipStatus) =>
  region ? `${region}#${status ? `${status}#` : ''}` : '';
export const directoryIndex = (region: Region, status: MembershipStatus, name: string, id: string) => ({
  gsi2pk: DIRECTORY_PK,
  gsi2sk: `${region}#${status}#${normalizeName(name)}#${id}`,
});

export const cityNameKey = (country: string, name: string) => ({
  pk: `CITYNAME#${country}#${normalizeName(name)}`,
  sk: 'UNIQUE',
});

export const draftKey = (id: string) => ({ pk: `DRAFT#${id}`, sk: 'DRAFT' });
