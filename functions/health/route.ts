import * as z from 'zod';
import { defineRoute } from '../shared/route.ts';

export const route = defineRoute({
  name: 'health',
  method: 'GET',
  path: '/health',
  access: 'public',
  summary: 'Liveness check of the API',
  usesTable: false,
  responses: { 200: { description: 'The API answers', schema: z.object({ status: z.literal('ok') }) } },
});
