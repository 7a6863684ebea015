import * as z from 'zod';
import { historyPage } from '../../membership/responses.ts';
import { idPath, pageQuery } from '../../shared/params.ts';
import { defineRoute } from '../../shared/route.ts';

export const route = defineRoute({
  name: 'applications/history',
  method: 'GET',
  path: '/applications/{id}/history',
  paginated: true,
  access: ['secretariat'],
  summary: 'Audit trail of an application: who moved it from which status to which, and why',
  request: { params: idPath, query: z.strictObject(pageQuery) },
  responses: { 200: { description: 'Audit events, oldest first', schema: historyPage } },
});
