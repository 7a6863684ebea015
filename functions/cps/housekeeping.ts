import { paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { EmailMessage } from '../emails/message.ts';
import { ddb, tableName } from '../shared/ddb.ts';
import { outboxPuts } from '../shared/outbox.ts';
import { ConditionsFailed, type TransactItem, transact, updateOf } from '../shared/transaction.ts';
import { CLOSED_PK, DUE_PK, overdueIndex, requestKey } from './keys.ts';
import { OPEN_STATUSES, type RequestStatus } from './request-status.ts';
import { toRequest, updatePut } from './requests.ts';
import type { CivicRequest, RequestUpdate } from './types.ts';

/** The scheduled sweep's work on requests: escalation of overdue ones, retention of contacts. */
/**
 * Marks the open requests due before `now` as overdue (they move from the due list to the overdue
 * list, which the Secretariat's overview reads) and emails the Secretariat, once per request:
 * the write is conditional on the request not being escalated yet, so a schedule that fires twice, or
 * two overlapping runs, send one email. Returns how many it escalated.
 */
export async function escalateOverdue(
  email: (request: CivicRequest) => EmailMessage,
  now = new Date(),
  max = 500,
) {
  const at = now.toISOString();
  let escalated = 0;
  for await (const page of paginateQuery(
    { client: ddb, pageSize: 100 },
    {
      TableName: tableName,
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :due AND gsi3sk < :now',
      ExpressionAttributeValues: { ':due': DUE_PK, ':now': `${at}#~` },
    },
  )) {
    for (const item of page.Items ?? []) {
      const request = toRequest(item);
      try {
        await transact([
          {
            Update: {
              TableName: tableName,
              Key: requestKey(request.id),
              ...updateOf(
                { overdue: true, escalatedAt: at, ...overdueIndex(request.expectedAt, request.id) },
                [],
                {
                  expression: `attribute_not_exists(escalatedAt) AND #status IN (${OPEN_STATUSES.map((_, i) => `:open${i}`).join(', ')})`,
                  names: { '#status': 'status' },
                  values: Object.fromEntries(OPEN_STATUSES.map((s, i) => [`:open${i}`, s])),
                },
              ),
            },
          },
          ...outboxPuts(email({ ...request, overdue: true, escalatedAt: at }), now),
        ]);
        escalated++;
      } catch (error) {
        if (!(error instanceof ConditionsFailed)) throw error; // already escalated, or closed meanwhile
      }
      if (escalated >= max) return escalated;
    }
  }
  return escalated;
}

/**
 * The writes that remove a request's citizen contact, recorded as an internal entry of its history
 * (without the data): conditional on the contact being still there and the status still `status`. A
 * closed request also leaves the retention index (gsi3 `CLOSED`); an open one keeps its due index.
 */
export function contactRemoval(
  request: Pick<CivicRequest, 'id' | 'cityId'>,
  status: RequestStatus,
  entry: Pick<RequestUpdate, 'at' | 'actor' | 'note' | 'kind'>,
): TransactItem[] {
  return [
    {
      Update: {
        TableName: tableName,
        Key: requestKey(request.id),
        ...updateOf(
          { contactRemovedAt: entry.at },
          ['contact', ...(status === 'closed' ? ['gsi3pk', 'gsi3sk'] : [])],
          {
            expression: '#status = :status AND attribute_exists(contact)',
            names: { '#status': 'status' },
            values: { ':status': status },
          },
        ),
      },
    },
    updatePut(request, { ...entry, status, public: false }),
  ];
}

/**
 * Removes the citizen's contact from requests closed before `closedBefore` (the retention period),
 * with an internal note that it did; the request and its public timeline stay. Conditional on the
 * request being closed with a contact still on it, so overlapping runs remove and note it once.
 */
export async function removeExpiredContacts(closedBefore: Date, now = new Date(), max = 500) {
  const at = now.toISOString();
  let removed = 0;
  for await (const page of paginateQuery(
    { client: ddb, pageSize: 100 },
    {
      TableName: tableName,
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :closed AND gsi3sk < :before',
      ExpressionAttributeValues: { ':closed': CLOSED_PK, ':before': `${closedBefore.toISOString()}#~` },
    },
  )) {
    for (const item of page.Items ?? []) {
      const id = String(item.id);
      try {
        await transact(
          contactRemoval({ id, cityId: String(item.cityId) }, 'closed', {
            at,
            actor: 'retention',
            note: "The citizen's contact details were removed at the end of the retention period",
            kind: 'retention',
          }),
        );
        removed++;
      } catch (error) {
        if (!(error instanceof ConditionsFailed)) throw error; // removed meanwhile by another run
      }
      if (removed >= max) return removed;
    }
  }
  return removed;
}
