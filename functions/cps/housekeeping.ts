import { paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { EmailMessage } from '../emails/message.ts';
import { ddb, tableName } from '../shared/ddb.ts';
import { outboxPuts } from '../shared/outbox.ts';
import { ConditionsFailed, transact, updateOf } from '../shared/transaction.ts';
import { CLOSED_PK, DUE_PK, overdueIndex, requestKey } from './keys.ts';
import { OPEN_STATUSES } from './request-status.ts';
import { toRequest, updatePut } from './requests.ts';
import type { CivicRequest } from './types.ts';

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
        await transact([
          {
            Update: {
              TableName: tableName,
              Key: requestKey(id),
              ...updateOf({ contactRemovedAt: at }, ['contact', 'gsi3pk', 'gsi3sk'], {
                expression: '#status = :closed AND attribute_exists(contact)',
                names: { '#status': 'status' },
                values: { ':closed': 'closed' },
              }),
            },
          },
          updatePut(id, {
            at,
            actor: 'retention',
            status: 'closed',
            note: "The citizen's contact details were removed at the end of the retention period",
            public: false,
          }),
        ]);
        removed++;
      } catch (error) {
        if (!(error instanceof ConditionsFailed)) throw error; // removed meanwhile by another run
      }
      if (removed >= max) return removed;
    }
  }
  return removed;
}
