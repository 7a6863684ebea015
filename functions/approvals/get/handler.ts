import { z } from 'zod';
import { httpHandler, json } from '../../shared/http.ts';
import { idParam } from '../../shared/params.ts';
import { getApproval } from '../store.ts';
import { route } from './route.ts';

export const handler = httpHandler(
  route,
  { params: z.strictObject({ approvalId: idParam }) },
  async ({ params }) => json(200, await getApproval(params.approvalId)),
);
