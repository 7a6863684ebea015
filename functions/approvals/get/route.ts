import * as z from 'zod';
import { idParam } from '../../shared/params.ts';
import { defineRoute } from '../../shared/route.ts';
import { approvalView } from '../responses.ts';

export const route = defineRoute({
  name: 'approvals/get',
  method: 'GET',
  path: '/approvals/{approvalId}',
  access: ['secretariat', 'committee'],
  summary: 'A Full Membership vote: status, tally and closing time',
  request: { params: z.strictObject({ approvalId: idParam }) },
  responses: { 200: { description: 'The vote', schema: approvalView } },
});
