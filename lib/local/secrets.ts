import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LocalFunction } from './template.ts';

const DYNAMIC_REFERENCE = /^\{\{resolve:secretsmanager:([^:}]+):SecretString:::\}\}$/;

/**
 * The local stand-in for Secrets Manager dynamic references (`{{resolve:secretsmanager:...}}`), which
 * CloudFormation resolves at deploy time: each secret gets a random local value, kept in `file` so that
 * it survives restarts (list cursors stay valid).
 */
export function withLocalSecrets(functions: readonly LocalFunction[], file: string): LocalFunction[] {
  const secrets: Record<string, string> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  let created = false;
  const secretFor = (id: string): string => {
    if (!secrets[id]) {
      secrets[id] = randomBytes(32).toString('base64url');
      created = true;
    }
    return secrets[id];
  };
  const resolved = functions.map((fn) => ({
    ...fn,
    environment: Object.fromEntries(
      Object.entries(fn.environment).map(([k, v]) => {
        const id = DYNAMIC_REFERENCE.exec(v)?.[1];
        return [k, id ? secretFor(id) : v];
      }),
    ),
  }));
  if (created) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  }
  return resolved;
}
