import { membership } from '../membership/members.ts';
import { batchGet, keyOf } from '../shared/batch-get.ts';
import { badRequest, type FieldError } from '../shared/problem.ts';
import { documentOf, readDocument, replaceDocument } from '../shared/set-document.ts';
import { routingKey, servicesKey, WILDCARD } from './keys.ts';
import { listOfficials } from './officials.ts';
import { mostSpecific } from './routing.ts';
import { listServices } from './services.ts';
import type { Assignee, Official, RoutingRule, Service } from './types.ts';

/**
 * Each rule must name an official of the city and a service it has (or `*`): a 400 naming the rules
 * that do not. Returns the officials by id.
 */
export function checkRules(
  rules: readonly RoutingRule[],
  officials: readonly Official[],
  services: readonly Service[],
): Map<string, Official> {
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
  return byId;
}

/** A rule as stored: the official's name, title and email copied in, so routing needs no second read. */
export interface StoredRule extends RoutingRule {
  readonly assignee: Assignee;
}

/**
 * Replaces the city's routing rules. Each rule must name an official of the city and a service it has
 * (or `*`).
 */
export async function replaceRouting(
  cityId: string,
  rules: readonly RoutingRule[],
  actor: string,
  expectedUpdatedAt?: string,
): Promise<void> {
  await replaceDocument<StoredRule>({
    key: routingKey(cityId),
    ...(expectedUpdatedAt ? { expectedUpdatedAt } : {}),
    what: 'routing rules',
    actor,
    guard: [membership.guard(cityId)],
    guardFailed: 'The city is not an Associate or Full Member',
    items: async () => {
      const [, officials, services] = await Promise.all([
        membership.member(cityId),
        listOfficials(cityId),
        listServices(cityId),
      ]);
      const byId = checkRules(rules, officials, services);
      return rules.map((r) => {
        const o = byId.get(r.officialId);
        return {
          district: r.district,
          service: r.service,
          officialId: r.officialId,
          assignee: {
            officialId: r.officialId,
            name: o?.name ?? '',
            title: o?.title ?? '',
            email: o?.email ?? '',
            language: o?.language ?? 'en',
          },
        };
      });
    },
  });
}

export async function listRules(cityId: string): Promise<RoutingRule[]> {
  const { items } = await readDocument<StoredRule>(routingKey(cityId));
  return items.map(({ district, service, officialId }) => ({ district, service, officialId }));
}

export interface Routing {
  readonly cityName: string;
  readonly service: Service;
  /** The official of the most specific rule, or undefined when no rule matches. */
  readonly assignee?: Assignee;
}

/**
 * Everything a new request needs, in one BatchGetItem: the city (a member?), its services (the SLA)
 * and its routing rules, of which the most specific wins.
 */
export async function resolveRouting(
  cityId: string,
  district: string,
  serviceCode: string,
): Promise<Routing> {
  const cityRead = membership.inBatch(cityId);
  const found = await batchGet([cityRead.key, servicesKey(cityId), routingKey(cityId)]);
  const city = cityRead.member(found.get(keyOf(cityRead.key)));
  const service = documentOf<Service>(found.get(keyOf(servicesKey(cityId)))).items.find(
    (s) => s.code === serviceCode,
  );
  if (!service) {
    throw badRequest('The city has no such service', [
      { path: 'body.service', message: 'is not a service of this city' },
    ]);
  }
  const rules = documentOf<StoredRule>(found.get(keyOf(routingKey(cityId)))).items;
  const rule = mostSpecific(district, serviceCode, rules);
  return { cityName: city.city.name, service, ...(rule ? { assignee: rule.assignee } : {}) };
}
