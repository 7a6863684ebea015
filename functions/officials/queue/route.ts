import * as z from 'zod';
import { REQUEST_STATUSES } from '../../cps/request-status.ts';
import { queuePage } from '../../cps/responses.ts';
import { pageQuery } from '../../shared/params.ts';
import { defineRoute } from '../../shared/route.ts';

export const route = defineRoute({
  name: 'officials/queue',
  method: 'GET',
  path: '/officials/me/requests',
  paginated: true,
  access: ['official'],
  summary: 'The requests assigned to the calling official, by status',
  request: { query: z.strictObject({ status: z.enum(REQUEST_STATUSES).optional(), ...pageQuery }) },
  responses: {
    200: { description: "One page of the caller's requests, without their updates", schema: queuePage },
  },
});
