import * as z from 'zod';
import { defineRoute } from '../../shared/route.ts';
import { line } from '../../shared/schemas.ts';
import { cityPath } from '../params.ts';

export const route = defineRoute({
  name: 'cities/open311-keys-create',
  method: 'POST',
  path: '/cities/{cityId}/open311-keys',
  access: ['secretariat'],
  summary: 'Issue an Open311 API key for a member city (shown once, stored hashed)',
  request: {
    params: cityPath,
    body: z.strictObject({ label: line(100).optional().describe('What the key is for, e.g. the app') }),
    bodyOptional: true,
  },
  responses: {
    201: {
      description: 'The key: shown this once, stored only as a hash',
      schema: z.object({ apiKey: z.string(), createdAt: z.iso.datetime(), label: z.string().optional() }),
    },
  },
});
