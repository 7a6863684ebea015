import { randomUUID } from 'node:crypto';
import type { EmailMessage } from '../emails/message.ts';
import { membership } from '../membership/members.ts';
import { tableName } from '../shared/ddb.ts';
import { outboxPuts } from '../shared/outbox.ts';
import { conflict, notFound } from '../shared/problem.ts';
import { queryAll } from '../shared/query.ts';
import { ConditionsFailed, transact, updateOf } from '../shared/transaction.ts';
import { newCityScopedId } from './ids.ts';
import { conversationKey, conversationPk, messageSk } from './keys.ts';

/**
 * The contact relay. A representative of one city writes to the city behind a practice; the message is
 * emailed to that city's representatives from the platform's address, with a link to the conversation.
 * Replies are written there (signed in as a participant: the asker, or a representative of the
 * practice's city), never by answering the email, so neither side's address is ever shown. Why a page
 * and not an emailed reply token: there is no inbound email (locally or in this stack), and a bearer
 * link in a forwarded email would let anyone write as the city; both sides already sign in.
 */
export interface Conversation {
  readonly id: string;
  readonly practiceId: string;
  readonly title: string;
  /** The practice's city. */
  readonly cityId: string;
  readonly cityName: string;
  /** The city of the person who wrote first. */
  readonly fromCityId: string;
  readonly fromCityName: string;
  readonly askerEmail: string;
  readonly askerLanguage?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface RelayedMessage {
  readonly at: string;
  /** Who wrote it: the asker's city, or the practice's city. */
  readonly side: 'asker' | 'city';
  readonly cityName: string;
  readonly body: string;
}

const FIELDS = [
  'id',
  'practiceId',
  'title',
  'cityId',
  'cityName',
  'fromCityId',
  'fromCityName',
  'askerEmail',
  'askerLanguage',
  'createdAt',
  'updatedAt',
];

export async function readConversation(
  id: string,
): Promise<{ conversation: Conversation; messages: RelayedMessage[] }> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': conversationPk(id) },
    ConsistentRead: true,
  });
  const meta = items.find((i) => i.sk === 'META');
  if (!meta) throw notFound(`No conversation ${id}`);
  const conversation = Object.fromEntries(
    FIELDS.filter((f) => meta[f] !== undefined).map((f) => [f, meta[f]]),
  ) as unknown as Conversation;
  const messages = items
    .filter((i) => String(i.sk).startsWith('MESSAGE#'))
    .map(({ at, side, cityName, body }) => ({ at, side, cityName, body }) as RelayedMessage);
  return { conversation, messages };
}

export async function startConversation(
  c: Omit<Conversation, 'id' | 'createdAt' | 'updatedAt'>,
  body: string,
  emails: (conversation: Conversation) => EmailMessage[],
  now = new Date(),
): Promise<Conversation> {
  const at = now.toISOString();
  const conversation: Conversation = { ...c, id: newCityScopedId(c.cityId), createdAt: at, updatedAt: at };
  await transact([
    membership.guard(c.fromCityId),
    {
      Put: {
        TableName: tableName,
        Item: { ...conversationKey(conversation.id), ...conversation },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Put: {
        TableName: tableName,
        Item: {
          pk: conversationPk(conversation.id),
          sk: messageSk(at, randomUUID()),
          at,
          side: 'asker',
          cityName: c.fromCityName,
          body,
        },
      },
    },
    ...emails(conversation).flatMap((e) => outboxPuts(e, now)),
  ]).catch((error) => {
    if (error instanceof ConditionsFailed)
      throw conflict('Your city is no longer an Associate or Full Member');
    throw error;
  });
  return conversation;
}

export async function addMessage(
  conversation: Conversation,
  message: RelayedMessage,
  emails: EmailMessage[],
  now = new Date(),
): Promise<void> {
  await transact([
    membership.guard(message.side === 'asker' ? conversation.fromCityId : conversation.cityId),
    {
      Update: {
        TableName: tableName,
        Key: conversationKey(conversation.id),
        ...updateOf({ updatedAt: message.at }, [], { expression: 'attribute_exists(pk)' }),
      },
    },
    {
      Put: {
        TableName: tableName,
        Item: { pk: conversationPk(conversation.id), sk: messageSk(message.at, randomUUID()), ...message },
      },
    },
    ...emails.flatMap((e) => outboxPuts(e, now)),
  ]).catch((error) => {
    if (error instanceof ConditionsFailed)
      throw conflict('Your city is no longer an Associate or Full Member');
    throw error;
  });
}
