import { randomUUID } from 'node:crypto';
import type { EmailMessage } from '../emails/message.ts';
import { tableName } from './ddb.ts';

/**
 * The table's TTL removes outbox items 3 days after they are written: past the stream's 24-hour record
 * age, with time to replay an email from the DLQ. Sent items lose their content at once (the notifier).
 */
const OUTBOX_TTL_SECONDS = 3 * 24 * 60 * 60;

export const OUTBOX_PREFIX = 'OUTBOX#';

/**
 * The Puts of one outbox email, one item per recipient, to go in the same transaction as the state
 * change it reports. The table stream delivers each to the notifier, which sends it through SES: one
 * recipient per send, so a retry never mails someone twice and no recipient sees another's address.
 */
export function outboxPuts(email: EmailMessage, now = new Date()) {
  return email.to.map((to) => ({
    Put: {
      TableName: tableName,
      Item: {
        pk: `${OUTBOX_PREFIX}${randomUUID()}`,
        sk: 'EMAIL',
        type: 'email',
        to: [to],
        subject: email.subject,
        html: email.html,
        text: email.text,
        createdAt: now.toISOString(),
        ttl: Math.floor(now.getTime() / 1000) + OUTBOX_TTL_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  }));
}
