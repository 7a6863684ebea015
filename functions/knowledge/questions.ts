import type { EmailMessage } from '../emails/message.ts';
import { membership } from '../membership/members.ts';
import { tableName } from '../shared/ddb.ts';
import { outboxPuts } from '../shared/outbox.ts';
import { conflict, notFound } from '../shared/problem.ts';
import { queryAll } from '../shared/query.ts';
import { ConditionsFailed, type TransactItem, transact, updateOf } from '../shared/transaction.ts';
import { newId } from './ids.ts';
import { answerKey, askerIndex, QUESTIONS_PK, questionKey, questionPk } from './keys.ts';
import { queryPage } from './paged.ts';

/**
 * Questions to the network and their answers. Anyone reads the visible ones; representatives ask and
 * answer; the asker is emailed on each answer and may accept one; the Secretariat hides a question or
 * an answer, and its author is told why. Authors are shown by city, never by address.
 */
export interface Question {
  readonly id: string;
  readonly title: string;
  readonly body: string;
  readonly themes: string[];
  readonly cityId: string;
  readonly cityName: string;
  readonly country: string;
  readonly askerEmail: string;
  readonly askerName: string;
  readonly askerLanguage?: string;
  readonly createdAt: string;
  readonly answerCount: number;
  readonly acceptedAnswerId?: string;
  readonly hiddenAt?: string;
  readonly hiddenReason?: string;
}

export interface Answer {
  readonly id: string;
  readonly body: string;
  readonly cityId: string;
  readonly cityName: string;
  readonly country: string;
  readonly authorEmail: string;
  readonly authorName: string;
  readonly authorLanguage?: string;
  readonly createdAt: string;
  readonly hiddenAt?: string;
  readonly hiddenReason?: string;
}

const Q_FIELDS = [
  'id',
  'title',
  'body',
  'themes',
  'cityId',
  'cityName',
  'country',
  'askerEmail',
  'askerName',
  'askerLanguage',
  'createdAt',
  'answerCount',
  'acceptedAnswerId',
  'hiddenAt',
  'hiddenReason',
];
const A_FIELDS = [
  'id',
  'body',
  'cityId',
  'cityName',
  'country',
  'authorEmail',
  'authorName',
  'authorLanguage',
  'createdAt',
  'hiddenAt',
  'hiddenReason',
];
const pick = <T>(i: Record<string, unknown>, f: string[]) =>
  Object.fromEntries(f.filter((k) => i[k] !== undefined).map((k) => [k, i[k]])) as T;

const failed = (error: unknown, which: string[]): never => {
  if (error instanceof ConditionsFailed)
    throw conflict(which[error.failed[0] ?? 0] ?? 'The question changed; reload it');
  throw error;
};

export async function askQuestion(
  q: Omit<Question, 'id' | 'createdAt' | 'answerCount'>,
  now = new Date(),
): Promise<Question> {
  const question: Question = { ...q, id: newId(), createdAt: now.toISOString(), answerCount: 0 };
  await transact([
    membership.guard(q.cityId),
    {
      Put: {
        TableName: tableName,
        Item: {
          ...questionKey(question.id),
          ...question,
          gsi1pk: QUESTIONS_PK,
          gsi1sk: `${question.createdAt}#${question.id}`,
          ...askerIndex(question.askerEmail, question.createdAt, question.id),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  ]).catch((e) => failed(e, ['Your city is no longer an Associate or Full Member']));
  return question;
}

export async function readQuestion(id: string): Promise<{ question: Question; answers: Answer[] }> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': questionPk(id) },
    ConsistentRead: true,
  });
  const q = items.find((i) => i.sk === 'QUESTION');
  if (!q) throw notFound(`No question ${id}`);
  const answers = items
    .filter((i) => String(i.sk).startsWith('ANSWER#'))
    .map((i) => pick<Answer>(i, A_FIELDS))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return { question: pick<Question>(q, Q_FIELDS), answers };
}

/** Visible questions, newest first; `theme` filters within each page read (pages may come out shorter). */
export const listQuestions = (theme: string | undefined, limit: number, cursor: string | undefined) =>
  queryPage(
    {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ...(theme ? { FilterExpression: 'contains(themes, :theme)' } : {}),
      ExpressionAttributeValues: { ':pk': QUESTIONS_PK, ...(theme ? { ':theme': theme } : {}) },
      ScanIndexForward: false,
    },
    `questions:${theme ?? ''}`,
    limit,
    cursor,
    (i) => pick<Question>(i, Q_FIELDS),
  );

/** The questions a person asked, newest first, hidden ones included (only they see this list). */
export const questionsAskedBy = (email: string, limit: number, cursor: string | undefined) =>
  queryPage(
    {
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': askerIndex(email, '', '').gsi2pk },
      ScanIndexForward: false,
    },
    `asked:${email}`,
    limit,
    cursor,
    (i) => pick<Question>(i, Q_FIELDS),
  );

export async function addAnswer(
  question: Question,
  a: Omit<Answer, 'id' | 'createdAt'>,
  emails: EmailMessage[],
  now = new Date(),
): Promise<Answer> {
  const answer: Answer = { ...a, id: newId(), createdAt: now.toISOString() };
  await transact([
    membership.guard(a.cityId),
    {
      Update: {
        TableName: tableName,
        Key: questionKey(question.id),
        UpdateExpression: 'ADD answerCount :one',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(hiddenAt)',
        ExpressionAttributeValues: { ':one': 1 },
      },
    },
    {
      Put: {
        TableName: tableName,
        Item: { ...answerKey(question.id, answer.id), ...answer },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    ...emails.flatMap((e) => outboxPuts(e, now)),
  ]).catch((e) =>
    failed(e, ['Your city is no longer an Associate or Full Member', 'The question was hidden']),
  );
  return answer;
}

/** The asker accepts an answer (or another one instead); conditional on what was read. */
export async function acceptAnswer(question: Question, answerId: string): Promise<Question> {
  await transact([
    {
      Update: {
        TableName: tableName,
        Key: questionKey(question.id),
        ...updateOf({ acceptedAnswerId: answerId }, [], {
          expression: question.acceptedAnswerId
            ? 'attribute_not_exists(hiddenAt) AND acceptedAnswerId = :prev'
            : 'attribute_not_exists(hiddenAt) AND attribute_not_exists(acceptedAnswerId)',
          ...(question.acceptedAnswerId ? { values: { ':prev': question.acceptedAnswerId } } : {}),
        }),
      },
    },
    {
      ConditionCheck: {
        TableName: tableName,
        Key: answerKey(question.id, answerId),
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(hiddenAt)',
      },
    },
  ]).catch((e) =>
    failed(e, ['The question changed while this was handled; reload it', 'The answer was hidden']),
  );
  return { ...question, acceptedAnswerId: answerId };
}

/** The Secretariat hides a question or an answer; its author is emailed the reason. */
export async function hide(
  question: Question,
  answer: Answer | undefined,
  reason: string,
  actor: string,
  emails: EmailMessage[],
  now = new Date(),
): Promise<void> {
  const at = now.toISOString();
  const hideIt = { hiddenAt: at, hiddenReason: reason, hiddenBy: actor };
  const items: TransactItem[] = answer
    ? [
        {
          Update: {
            TableName: tableName,
            Key: answerKey(question.id, answer.id),
            ...updateOf(hideIt, [], {
              expression: 'attribute_exists(pk) AND attribute_not_exists(hiddenAt)',
            }),
          },
        },
        // The public count leaves it out (and it is no longer the accepted one).
        {
          Update: {
            TableName: tableName,
            Key: questionKey(question.id),
            UpdateExpression: `ADD answerCount :minus${
              question.acceptedAnswerId === answer.id ? ' REMOVE acceptedAnswerId' : ''
            }`,
            ExpressionAttributeValues: { ':minus': -1 },
          },
        },
      ]
    : [
        {
          Update: {
            TableName: tableName,
            Key: questionKey(question.id),
            ...updateOf(hideIt, ['gsi1pk', 'gsi1sk'], {
              expression: 'attribute_exists(pk) AND attribute_not_exists(hiddenAt)',
            }),
          },
        },
      ];
  await transact([...items, ...emails.flatMap((e) => outboxPuts(e, now))]).catch((e) =>
    failed(e, [`The ${answer ? 'answer' : 'question'} is already hidden`]),
  );
}
