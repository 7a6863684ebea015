import { cityKey } from '../membership/keys.ts';
import { batchGet, keyOf } from '../shared/batch-get.ts';
import { badRequest, type FieldError } from '../shared/problem.ts';
import { readSet, replaceSet } from '../shared/replace-set.ts';
import { checkMember, memberCity, memberGuard } from './city.ts';
import { ROUTE_PREFIX, ROUTING_VERSION, routeKey, serviceKey, WILDCARD } from './keys.ts';
import { listOfficials } from './officials.ts';
import { candidates, mostSpecific } from './routing.ts';
import { listServices, toService } from './services.ts';
import type { Assignee, RoutingRule, Service } from './types.ts';

/**
 * Replaces the city's routing rules. Each rule must name an official of the city and a service it has
 * (or `*`); the official's name, title and email are copied into the rule, so routing a request
 * needs no second read.
 */
export async function replaceRouting(
  cityId: string,
  rules: readonly RoutingRule[],
  actor: string,
): Promise<void> {
  await replaceSet({
    pk: cityKey(cityId).pk,
    prefix: ROUTE_PREFIX,
    versionSk: ROUTING_VERSION,
    actor,
    guard: [memberGuard(cityId)],
    items: async () => {
      const [, officials, services] = await Promise.all([
        memberCity(cityId),
        listOfficials(cityId),
        listServices(cityId),
      ]);
      const byId = new Map(officials.map((o) => [o.id, o]));
      const codes = new Set(services.map((s) => s.code));
      const errors: FieldError[] = [];
      rules.forEach((r, i) => {
        if (!byId.has(r.officialId)) {
          errors.push({ path: `body.rules.${i}.officialId`, message: 'is not an official of this city' });
        }
        if (r.service !== WILDCARD && !codes.has(r.service)) {
          errors.push({ path: `body.rules.${i}.service`, message: 'is not a service of this city' });
        }
      });
      if (errors.length > 0) {
        throw badRequest('Some rules refer to officials or services the city does not have', errors);
      }
      return rules.map((r) => {
        const o = byId.get(r.officialId);
        return {
          sk: routeKey(cityId, r.district, r.service).sk,
          attributes: {
            district: r.district,
            service: r.service,
            officialId: r.officialId,
            assignee: { officialId: r.officialId, name: o?.name, title: o?.title, email: o?.email },
          },
        };
      });
    },
  });
}

export async function listRules(cityId: string): Promise<RoutingRule[]> {
  const items = await readSet(cityKey(cityId).pk, ROUTE_PREFIX);
  return [...items.values()].map((a) => ({
    district: String(a.district),
    service: String(a.service),
    officialId: String(a.officialId),
  }));
}

export interface Routing {
  readonly cityName: string;
  readonly service: Service;
  /** The official of the most specific rule, or undefined when no rule matches. */
  readonly assignee?: Assignee;
}

/**
 * Everything a new request needs, in one BatchGetItem: the city (a member?), the service (its SLA) and
 * the four candidate rules, of which the most specific wins.
 */
export async function resolveRouting(
  cityId: string,
  district: string,
  serviceCode: string,
): Promise<Routing> {
  const ruleKeys = candidates(district, serviceCode).map(([d, s]) => routeKey(cityId, d, s));
  const found = await batchGet([cityKey(cityId), serviceKey(cityId, serviceCode), ...ruleKeys]);
  const city = checkMember(cityId, found.get(keyOf(cityKey(cityId))));
  const service = found.get(keyOf(serviceKey(cityId, serviceCode)));
  if (!service) {
    throw badRequest('The city has no such service', [
      { path: 'body.service', message: 'is not a service of this city' },
    ]);
  }
  const rules = ruleKeys.flatMap((k) => found.get(keyOf(k)) ?? []) as (RoutingRule & {
    assignee: Assignee;
  })[];
  const rule = mostSpecific(district, serviceCode, rules);
  return {
    cityName: city.city.name,
    service: toService(service),
    ...(rule ? { assignee: rule.assignee as Assignee } : {}),
  };
}
