#!/usr/bin/env node
/**
 * `npm run --silent token -- --role secretariat --email someone@example.org` prints a bearer token that
 * the local API accepts: signed by the local key, with the issuer and audience of the synthesized
 * template's JWT authorizer. `--region europe` adds the region scope of a regional office's staff
 * (the `region-europe` group). Run `npm start` once first (it synthesizes the template).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isRegion, REGIONS, regionGroup } from '../functions/shared/regions.ts';
import { ROLES } from '../functions/shared/route.ts';
import { signLocalToken } from '../lib/local/auth.ts';
import { paths } from '../lib/local/cloud.ts';
import { LOCAL_STACKS, loadTemplate, TemplateReader } from '../lib/local/template.ts';

const { values } = parseArgs({
  options: {
    role: { type: 'string', multiple: true },
    region: { type: 'string', multiple: true },
    email: { type: 'string' },
    expires: { type: 'string', default: '1h' },
  },
});
const fail = (message: string) => {
  console.error(message);
  process.exit(2);
};

const roles = values.role ?? [];
if (roles.length === 0 || !values.email) {
  fail(
    `usage: npm run --silent token -- --role <${ROLES.join('|')}> --email <address> [--region <${REGIONS.join('|')}>] [--expires 1h]`,
  );
}
const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
if (unknown.length > 0) fail(`unknown role ${unknown.join(', ')}; roles are ${ROLES.join(', ')}`);
const regions = values.region ?? [];
const unknownRegions = regions.filter((r) => !isRegion(r));
if (unknownRegions.length > 0) {
  fail(`unknown region ${unknownRegions.join(', ')}; regions are ${REGIONS.join(', ')}`);
}

const p = paths(resolve(import.meta.dirname, '..', process.env.WEGO_STATE_DIR ?? '.local'));
if (!existsSync(resolve(p.cdkOut, `${LOCAL_STACKS.app}.template.json`))) {
  fail('No local template yet: run `npm start` once, then ask for a token.');
}
const jwt = new TemplateReader(loadTemplate(p.cdkOut), p.cdkOut).routes().find((r) => r.jwt)?.jwt;
if (!jwt) fail('The template has no JWT-protected route.');
const audience = jwt?.audience[0] ?? '';

console.log(
  await signLocalToken(
    p.keyFile,
    { issuer: jwt?.issuer ?? '', audience },
    {
      email: values.email ?? '',
      groups: [...roles, ...regions.filter(isRegion).map(regionGroup)],
      expiresIn: values.expires,
    },
  ),
);
