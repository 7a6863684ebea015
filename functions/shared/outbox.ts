import { randomUUID } from 'node:crypto';
import type { EmailMessage } from '../emails/message.ts';
import { tableName } from './ddb.ts';

/** Outbox items are kept a week after they are written, then the table's TTL removes them. */
const OUTBOX_TTL_SECONDS = 7 * 24 * 60 * 60;

export const OUTBOX_PREFIX = 'OUTBOX#';

/**
 * The Put of one outbox email, to go in the same transaction as the state change it reports.
 * The table stream delivers it to the notifier, which sends it through SES.
 */
export function outboxPut(email: EmailMessage, now = new Date()) {
  const id = randomUUID();
  return {
    Put: {
      TableName: tableName,
      Item: {
        pk: `${OUTBOX_PREFIX}${id}`,
        sk: 'EMAIL',
        type: 'email',
        to: [...email.to],
        subject: email.subject,
        html: email.html,
        text: email.text,
        createdAt: now.toISOString(),
        ttl: Math.floor(now.getTime() / 1000) + OUTBOX_TTL_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}
