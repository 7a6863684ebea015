import { requireEnv } from './env.ts';
import type { Region } from './regions.ts';

/** Settings every API function may need, read once at cold start. */
export const publicBaseUrl = () => requireEnv('PUBLIC_BASE_URL');
export const secretariatEmail = () => requireEnv('SECRETARIAT_EMAIL');

/**
 * The regional offices of the deployment (lib/config.ts `regionalOffices`): each serves some regions
 * and is copied on what happens in them. Given to the functions as JSON; an empty list is valid.
 */
export interface RegionalOffice {
  readonly name: string;
  readonly email: string;
  readonly regions: readonly Region[];
}

export function regionalOffices(): RegionalOffice[] {
  const offices = JSON.parse(requireEnv('REGIONAL_OFFICES')) as RegionalOffice[];
  if (!Array.isArray(offices)) throw new Error('REGIONAL_OFFICES must be a JSON array');
  return offices;
}
