import type { MembershipStatus } from '../membership/application.ts';
import { membership } from '../membership/members.ts';
import { batchGet, keyOf } from '../shared/batch-get.ts';
import { badRequest } from '../shared/problem.ts';
import { documentOf } from '../shared/set-document.ts';
import { routingKey, servicesKey } from './keys.ts';
import { listOfficials } from './officials.ts';
import { mostSpecific } from './routing.ts';
import { checkRules, type StoredRule } from './routing-store.ts';
import type { Official, RoutingRule, Service } from './types.ts';

/** A member city's whole CPS setup, as the Secretariat's console edits it. */
export interface CitySetup {
  readonly city: {
    readonly id: string;
    readonly name: string;
    readonly country: string;
    readonly status: MembershipStatus;
  };
  readonly services: readonly Service[];
  readonly officials: readonly Official[];
  readonly rules: readonly RoutingRule[];
  /** When the services and the rules were last replaced (absent if never): a PUT may send them back as
   * `expectedUpdatedAt`, so that a form saved from an older read is refused instead of undoing a change. */
  readonly servicesUpdatedAt?: string;
  readonly routingUpdatedAt?: string;
}

/**
 * The city, its services, its officials and its routing rules in one round trip: a BatchGetItem of
 * the city, the services and the rules, alongside the Query of the officials (all read consistently,
 * so a page shown right after a change shows the change).
 */
async function readSetup(cityId: string): Promise<CitySetup & { stored: readonly StoredRule[] }> {
  const city = membership.inBatch(cityId);
  const [found, officials] = await Promise.all([
    batchGet([city.key, servicesKey(cityId), routingKey(cityId)], true),
    listOfficials(cityId),
  ]);
  const app = city.member(found.get(keyOf(city.key)));
  const routing = documentOf<StoredRule>(found.get(keyOf(routingKey(cityId))));
  const services = documentOf<Service>(found.get(keyOf(servicesKey(cityId))));
  const stored = routing.items;
  return {
    city: { id: app.id, name: app.city.name, country: app.city.country, status: app.status },
    services: services.items,
    ...(services.updatedAt ? { servicesUpdatedAt: services.updatedAt } : {}),
    ...(routing.updatedAt ? { routingUpdatedAt: routing.updatedAt } : {}),
    officials,
    rules: stored.map(({ district, service, officialId }) => ({ district, service, officialId })),
    stored,
  };
}

export async function citySetup(cityId: string): Promise<CitySetup> {
  const { stored: _stored, ...setup } = await readSetup(cityId);
  return setup;
}

export interface RoutingPreview {
  readonly district: string;
  readonly service: Pick<Service, 'code' | 'name' | 'slaHours'>;
  /** The rule that wins, absent when none matches (the request would stay `submitted`). */
  readonly rule?: RoutingRule;
  readonly official?: { readonly id: string; readonly name: string; readonly title: string };
}

/**
 * Where a request for `service` in `district` would go, by the same precedence a new request is routed
 * with (routing.ts): by the saved rules, whose official is the one copied into the rule as a request
 * would get it, or by `rules` not saved yet, checked as saving them would check them.
 */
export async function previewRouting(
  cityId: string,
  input: { district: string; service: string; rules?: readonly RoutingRule[] },
): Promise<RoutingPreview> {
  const setup = await readSetup(cityId);
  const service = setup.services.find((s) => s.code === input.service);
  if (!service) {
    throw badRequest('The city has no such service', [
      { path: 'body.service', message: 'is not a service of this city' },
    ]);
  }
  const answer = {
    district: input.district,
    service: { code: service.code, name: service.name, slaHours: service.slaHours },
  };
  if (input.rules) {
    const officials = checkRules(input.rules, setup.officials, setup.services);
    const rule = mostSpecific(input.district, input.service, input.rules);
    const official = rule && officials.get(rule.officialId);
    return rule && official
      ? { ...answer, rule, official: { id: official.id, name: official.name, title: official.title } }
      : answer;
  }
  const rule = mostSpecific(input.district, input.service, setup.stored);
  if (!rule) return answer;
  const { district, service: code, officialId, assignee } = rule;
  return {
    ...answer,
    rule: { district, service: code, officialId },
    official: { id: assignee.officialId, name: assignee.name, title: assignee.title },
  };
}
