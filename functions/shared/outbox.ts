import { randomUUID } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { EmailMessage } from '../emails/message.ts';
import { ddb, tableName } from './ddb.ts';

/**
 * The table's TTL removes outbox items 3 days after they are written: past the stream's 24-hour record
 * age, with time to replay an email from the DLQ. Sent items lose their content at once (the notifier).
 */
const OUTBOX_TTL_SECONDS = 3 * 24 * 60 * 60;

export const OUTBOX_PREFIX = 'OUTBOX#';

/**
 * gsi3 `EMAIL#UNSENT` / `<createdAt>#<pk>`: emails not sent yet (sparse: the notifier removes an email
 * from it once SES took it), so those that keep failing can be listed.
 */
const UNSENT_PK = 'EMAIL#UNSENT';

/**
 * The Puts of one outbox email, one item per recipient, to go in the same transaction as the state
 * change it reports. The table stream delivers each to the notifier, which sends it through SES: one
 * recipient per send, so a retry never mails someone twice and no recipient sees another's address.
 */
export function outboxPuts(email: EmailMessage, now = new Date()) {
  const createdAt = now.toISOString();
  return email.to.map((to) => {
    const pk = `${OUTBOX_PREFIX}${randomUUID()}`;
    return {
      Put: {
        TableName: tableName,
        Item: {
          pk,
          sk: 'EMAIL',
          type: 'email',
          to: [to],
          subject: email.subject,
          html: email.html,
          text: email.text,
          createdAt,
          ttl: Math.floor(now.getTime() / 1000) + OUTBOX_TTL_SECONDS,
          gsi3pk: UNSENT_PK,
          gsi3sk: `${createdAt}#${pk}`,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  });
}

/** An email the notifier has not managed to send: who it is for, what about, and what went wrong. */
export interface UnsentEmail {
  readonly id: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly createdAt: string;
  /** Failed sends so far (the notifier counts them); 0 when it was never tried. */
  readonly attempts: number;
  /** The name of the last error (e.g. `MessageRejected`), never its text. */
  readonly lastError?: string;
  readonly lastAttemptAt?: string;
}

/**
 * Emails written before `before` and still not sent, oldest first: what the stream's retries did not
 * get through (those also land in the DLQ). One Query; the table's TTL removes them after 3 days.
 */
export async function unsentEmails(
  before: Date,
  limit: number,
): Promise<{ items: UnsentEmail[]; more: boolean }> {
  const out = await ddb.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :pk AND gsi3sk < :before',
      ExpressionAttributeValues: { ':pk': UNSENT_PK, ':before': before.toISOString() },
      Limit: limit,
    }),
  );
  const items = (out.Items ?? []).map((i) => ({
    id: String(i.pk).slice(OUTBOX_PREFIX.length),
    to: (i.to as string[] | undefined) ?? [],
    subject: String(i.subject ?? ''),
    createdAt: String(i.createdAt),
    attempts: Number(i.attempts ?? 0),
    ...(typeof i.lastError === 'string' ? { lastError: i.lastError } : {}),
    ...(typeof i.lastAttemptAt === 'string' ? { lastAttemptAt: i.lastAttemptAt } : {}),
  }));
  return { items, more: out.LastEvaluatedKey !== undefined };
}
