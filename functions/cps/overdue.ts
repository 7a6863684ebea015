import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ddb, tableName } from '../shared/ddb.ts';
import { OVERDUE_PK } from './keys.ts';
import { toRequest } from './requests.ts';

/** An overdue request as the Secretariat's overview lists it: what it is and who has it, no contact. */
export interface OverdueRequest {
  readonly id: string;
  readonly cityId: string;
  readonly cityName: string;
  readonly serviceName: string;
  readonly district: string;
  readonly status: string;
  readonly expectedAt: string;
  readonly escalatedAt?: string;
  readonly assignedTo?: { readonly name: string; readonly title: string };
}

/**
 * Open requests the sweep escalated as overdue, longest overdue first: one Query of the sparse overdue
 * list (a request leaves it when it is resolved or closed).
 */
export async function overdueRequests(limit: number): Promise<{ items: OverdueRequest[]; more: boolean }> {
  const out = await ddb.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :pk',
      ExpressionAttributeValues: { ':pk': OVERDUE_PK },
      Limit: limit,
    }),
  );
  const items = (out.Items ?? []).map(toRequest).map((r) => ({
    id: r.id,
    cityId: r.cityId,
    cityName: r.cityName,
    serviceName: r.serviceName,
    district: r.district,
    status: r.status,
    expectedAt: r.expectedAt,
    ...(r.escalatedAt ? { escalatedAt: r.escalatedAt } : {}),
    ...(r.assignedTo ? { assignedTo: { name: r.assignedTo.name, title: r.assignedTo.title } } : {}),
  }));
  return { items, more: out.LastEvaluatedKey !== undefined };
}
