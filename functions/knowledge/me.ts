import { isMemberStatus, membership } from '../membership/members.ts';
import { batchGet, keyOf } from '../shared/batch-get.ts';
import type { Caller } from '../shared/caller.ts';
import { representationsOf } from './representatives.ts';

/** A city the caller represents, as `GET /me` shows it. */
export interface RepresentedCity {
  readonly id: string;
  readonly name: string;
  readonly country: string;
  readonly region: string;
  /** Still an Associate or Full Member: a withdrawn city's representatives have no rights left. */
  readonly member: boolean;
}

export interface Me {
  readonly email: string;
  readonly roles: Caller['roles'];
  readonly cities: RepresentedCity[];
}

/**
 * Who the caller is, from the verified claims alone: their email and roles and, for a `member`, the
 * cities they represent (one Query of their lookup items), each with whether it is still a member
 * (the cities read in one BatchGetItem): at most two round trips, none for other roles.
 */
export async function whoIs(caller: Caller): Promise<Me> {
  const reps = caller.roles.includes('member') ? await representationsOf(caller.email) : [];
  const cities = reps.map((r) => ({ rep: r, city: membership.inBatch(r.cityId) }));
  const found = cities.length ? await batchGet(cities.map((c) => c.city.key)) : new Map();
  return {
    email: caller.email,
    roles: caller.roles,
    cities: cities
      .map(({ rep, city }) => {
        const app = city.any(found.get(keyOf(city.key)));
        return {
          id: rep.cityId,
          name: app?.city.name ?? rep.cityName,
          country: app?.city.country ?? rep.country,
          region: app?.city.region ?? rep.region,
          member: isMemberStatus(app?.status),
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}
