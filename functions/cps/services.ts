import { readSet, replaceSet } from '../shared/replace-set.ts';
import { memberCity, memberGuard } from './city.ts';
import { SERVICE_PREFIX, SERVICES_VERSION, serviceKey } from './keys.ts';
import type { Service } from './types.ts';

export const toService = (a: Record<string, unknown>): Service => ({
  code: String(a.code),
  name: String(a.name),
  ...(a.description ? { description: String(a.description) } : {}),
  ...(a.group ? { group: String(a.group) } : {}),
  slaHours: Number(a.slaHours),
});

/** Replaces the city's services (matters) in one transaction. */
export async function replaceServices(
  cityId: string,
  services: readonly Service[],
  actor: string,
): Promise<void> {
  await replaceSet({
    pk: serviceKey(cityId, '').pk,
    prefix: SERVICE_PREFIX,
    versionSk: SERVICES_VERSION,
    items: async () => {
      await memberCity(cityId); // 404 or 409 with the reason; the transaction's guard keeps it true
      return services.map((s) => ({ sk: serviceKey(cityId, s.code).sk, attributes: { ...s } }));
    },
    actor,
    guard: [memberGuard(cityId)],
  });
}

export async function listServices(cityId: string): Promise<Service[]> {
  const items = await readSet(serviceKey(cityId, '').pk, SERVICE_PREFIX);
  return [...items.values()].map(toService).sort((a, b) => a.code.localeCompare(b.code));
}
