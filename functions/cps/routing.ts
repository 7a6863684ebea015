import { districtKey, WILDCARD } from './keys.ts';

/**
 * Routing precedence: the exact district and service, then the district for any service, then the
 * service in any district, then the city's default. Pure: the store reads the four candidates in one
 * BatchGetItem and asks here which one wins.
 */
export const candidates = (district: string, service: string): [string, string][] => [
  [district, service],
  [district, WILDCARD],
  [WILDCARD, service],
  [WILDCARD, WILDCARD],
];

export function mostSpecific<T extends { district: string; service: string }>(
  district: string,
  service: string,
  rules: readonly T[],
): T | undefined {
  for (const [d, s] of candidates(district, service)) {
    const hit = rules.find((r) => districtKey(r.district) === districtKey(d) && r.service === s);
    if (hit) return hit;
  }
  return undefined;
}
