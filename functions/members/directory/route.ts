import * as z from 'zod';
import { REGIONS } from '../../membership/application.ts';
import { directoryPage } from '../../membership/responses.ts';
import { pageQuery } from '../../shared/params.ts';
import { defineRoute } from '../../shared/route.ts';

export const route = defineRoute({
  name: 'members/directory',
  method: 'GET',
  path: '/members',
  paginated: true,
  access: 'public',
  summary: 'Public directory of Associate and Full Members (no personal data)',
  request: {
    query: z.strictObject({
      status: z.enum(['associate', 'full']).optional(),
      region: z.enum(REGIONS).optional(),
      ...pageQuery,
    }),
  },
  responses: { 200: { description: 'One page of the directory', schema: directoryPage } },
});
