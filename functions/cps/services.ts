import { membership } from '../membership/members.ts';
import { readDocument, replaceDocument } from '../shared/set-document.ts';
import { servicesKey } from './keys.ts';
import type { Service } from './types.ts';

/** Replaces the city's services (matters) in one conditional write. */
export async function replaceServices(
  cityId: string,
  services: readonly Service[],
  actor: string,
): Promise<void> {
  await replaceDocument<Service>({
    key: servicesKey(cityId),
    what: 'services',
    items: async () => {
      await membership.member(cityId); // 404 or 409 with the reason; the transaction's guard keeps it true
      return [...services].sort((a, b) => a.code.localeCompare(b.code));
    },
    actor,
    guard: [membership.guard(cityId)],
    guardFailed: 'The city is not an Associate or Full Member',
  });
}

export async function listServices(cityId: string): Promise<Service[]> {
  return (await readDocument<Service>(servicesKey(cityId))).items;
}
