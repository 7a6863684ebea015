import { requireEnv } from './env.ts';

/** Settings every API function may need, read once at cold start. */
export const publicBaseUrl = () => requireEnv('PUBLIC_BASE_URL');
export const secretariatEmail = () => requireEnv('SECRETARIAT_EMAIL');
