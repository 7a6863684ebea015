import * as z from 'zod';
import { MEMBERSHIP_STATUSES } from '../../membership/application.ts';
import { applicationPage } from '../../membership/responses.ts';
import { pageQuery } from '../../shared/params.ts';
import { defineRoute } from '../../shared/route.ts';

export const route = defineRoute({
  name: 'applications/list',
  method: 'GET',
  path: '/applications',
  paginated: true,
  access: ['secretariat'],
  summary: 'Applications and members in one status, most recently changed first',
  request: {
    query: z.strictObject({ status: z.enum(MEMBERSHIP_STATUSES).default('submitted'), ...pageQuery }),
  },
  responses: { 200: { description: 'One page of applications', schema: applicationPage } },
});
