import { vi } from 'vitest';

/**
 * What a function that uses uploads reads from its environment at load: call it before importing the
 * module under test, and again in `beforeEach` if a test unstubs the environment.
 */
export function stubUploadsEnv(): void {
  vi.stubEnv('AWS_REGION', 'eu-west-1');
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAUNITTEST');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'unit-test-secret');
  vi.stubEnv('TABLE_NAME', 'wego-unit');
  vi.stubEnv('UPLOADS_BUCKET', 'wego-unit-uploads');
  vi.stubEnv('PUBLIC_BASE_URL', 'https://wego.example');
}
