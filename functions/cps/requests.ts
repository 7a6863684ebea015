import { randomBytes, randomUUID } from 'node:crypto';
import type { EmailMessage } from '../emails/message.ts';
import { membership } from '../membership/members.ts';
import { tableName } from '../shared/ddb.ts';
import { outboxPuts } from '../shared/outbox.ts';
import { conflict, notFound } from '../shared/problem.ts';
import { queryAll } from '../shared/query.ts';
import { ConditionsFailed, type TransactItem, transact, updateOf } from '../shared/transaction.ts';
import {
  assigneeIndex,
  cityMonthIndex,
  closedIndex,
  dueIndex,
  overdueIndex,
  requestKey,
  requestPk,
  UPDATE_PREFIX,
  updateSk,
} from './keys.ts';
import { isOpen, type RequestStatus } from './request-status.ts';
import { resolveRouting } from './routing-store.ts';
import type { RequestForm } from './schemas.ts';
import type { Assignee, CivicRequest, RequestUpdate } from './types.ts';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Short ids a citizen can read out on the phone: 12 characters of Crockford base32 (60 bits). */
export const newRequestId = (): string => [...randomBytes(12)].map((b) => ALPHABET[b % 32]).join('');

const REQUEST_FIELDS = [
  'id',
  'cityId',
  'cityName',
  'service',
  'serviceName',
  'district',
  'description',
  'location',
  'address',
  'contact',
  'status',
  'assignedTo',
  'createdAt',
  'updatedAt',
  'expectedAt',
  'overdue',
  'escalatedAt',
  'contactRemovedAt',
  'publicNote',
] as const;

export const toRequest = (item: Record<string, unknown>): CivicRequest =>
  Object.fromEntries(
    REQUEST_FIELDS.filter((f) => item[f] !== undefined).map((f) => [f, item[f]]),
  ) as unknown as CivicRequest;

/**
 * The index attributes that follow a request's state: the assignee's queue, the city's month, the due
 * list (then the overdue list, once escalated), and the closed requests whose citizen's contact the
 * retention sweep will remove.
 */
function indexes(r: CivicRequest) {
  return {
    ...(r.assignedTo ? assigneeIndex(r.assignedTo.email, r.status, r.createdAt, r.id) : {}),
    ...cityMonthIndex(r.cityId, r.createdAt, r.id),
    ...(isOpen(r.status) ? (r.escalatedAt ? overdueIndex : dueIndex)(r.expectedAt, r.id) : {}),
    ...(r.status === 'closed' && r.contact ? closedIndex(r.updatedAt, r.id) : {}),
  };
}

export const updatePut = (requestId: string, update: RequestUpdate): TransactItem => ({
  Put: {
    TableName: tableName,
    Item: { pk: requestPk(requestId), sk: updateSk(update.at, randomUUID()), ...update },
  },
});

/**
 * Files a civic request: routed to the official of the most specific rule (status `assigned`), or left
 * `submitted` when no rule matches. The request, its first update and its emails are one transaction,
 * which also checks that the city is still a member.
 */
export async function createRequest(
  cityId: string,
  form: RequestForm,
  emails: (request: CivicRequest) => EmailMessage[],
  options: {
    now?: Date;
    /** A check of the caller's own (e.g. an Open311 API key) read alongside the routing: one round trip. */
    alongside?: Promise<unknown>;
  } = {},
): Promise<CivicRequest> {
  const now = options.now ?? new Date();
  const [routed, checked] = await Promise.allSettled([
    resolveRouting(cityId, form.district, form.service),
    options.alongside,
  ]);
  // The city and its services answer first (404, 409, 400); then the caller's check.
  if (routed.status === 'rejected') throw routed.reason;
  if (checked.status === 'rejected') throw checked.reason;
  const routing = routed.value;
  const at = now.toISOString();
  const note = routing.assignee
    ? `Assigned to ${routing.assignee.name}, ${routing.assignee.title}`
    : 'Received; the Secretariat will find the official in charge';
  const request: CivicRequest = {
    ...form,
    id: newRequestId(),
    cityId,
    cityName: routing.cityName,
    serviceName: routing.service.name,
    status: routing.assignee ? 'assigned' : 'submitted',
    ...(routing.assignee ? { assignedTo: routing.assignee } : {}),
    createdAt: at,
    updatedAt: at,
    expectedAt: new Date(now.getTime() + routing.service.slaHours * 3600_000).toISOString(),
    publicNote: note,
  };
  await transact([
    {
      Put: {
        TableName: tableName,
        Item: { ...requestKey(request.id), ...request, ...indexes(request) },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    membership.guard(cityId),
    updatePut(request.id, { at, actor: 'citizen', status: request.status, note, public: true }),
    ...emails(request).flatMap((e) => outboxPuts(e, now)),
  ]).catch((error) => {
    if (error instanceof ConditionsFailed) throw conflict('The city is not an Associate or Full Member');
    throw error;
  });
  return request;
}

/** A request and its updates, oldest first, in one Query of its partition. */
export async function getRequest(id: string): Promise<{ request: CivicRequest; updates: RequestUpdate[] }> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': requestPk(id) },
    ConsistentRead: true,
  });
  const item = items.find((i) => i.sk === 'REQUEST');
  if (!item) throw notFound(`No request ${id}`);
  const updates = items
    .filter((i) => String(i.sk).startsWith(UPDATE_PREFIX))
    .map(
      ({ at, actor, status, note, public: isPublic }) =>
        ({ at, actor, status, note, public: isPublic }) as RequestUpdate,
    );
  return { request: toRequest(item), updates };
}

/**
 * Writes a change of a request read as `current`: conditional on its status and assignee being still
 * those read (a racing update or hand-over makes this one a 409), with its update entry and emails.
 */
async function change(
  current: CivicRequest,
  next: CivicRequest,
  update: RequestUpdate,
  emails: EmailMessage[],
  now: Date,
): Promise<CivicRequest> {
  const stale = ['gsi1pk', 'gsi1sk', 'gsi3pk', 'gsi3sk'].filter((k) => !(k in indexes(next)));
  try {
    await transact([
      {
        Update: {
          TableName: tableName,
          Key: requestKey(current.id),
          ...updateOf(
            {
              status: next.status,
              assignedTo: next.assignedTo,
              updatedAt: next.updatedAt,
              publicNote: next.publicNote,
              ...indexes(next),
            },
            stale,
            {
              expression: current.assignedTo
                ? '#status = :status AND assignedTo.officialId = :official'
                : '#status = :status AND attribute_not_exists(assignedTo)',
              names: { '#status': 'status' },
              values: {
                ':status': current.status,
                ...(current.assignedTo ? { ':official': current.assignedTo.officialId } : {}),
              },
            },
          ),
        },
      },
      updatePut(current.id, update),
      ...emails.flatMap((e) => outboxPuts(e, now)),
    ]);
  } catch (error) {
    if (error instanceof ConditionsFailed)
      throw conflict('The request changed while this was handled; reload it');
    throw error;
  }
  return next;
}

export function updateStatus(
  current: CivicRequest,
  input: { status: RequestStatus; note: string; public: boolean; actor: string },
  emails: (request: CivicRequest, update: RequestUpdate) => EmailMessage[],
  now = new Date(),
): Promise<{ request: CivicRequest; update: RequestUpdate }> {
  const at = now.toISOString();
  const next: CivicRequest = {
    ...current,
    status: input.status,
    updatedAt: at,
    ...(input.public ? { publicNote: input.note } : {}),
  };
  const update: RequestUpdate = {
    at,
    actor: input.actor,
    status: input.status,
    note: input.note,
    public: input.public,
  };
  return change(current, next, update, emails(next, update), now).then((request) => ({ request, update }));
}

export function handOver(
  current: CivicRequest,
  to: Assignee,
  input: { reason: string; actor: string },
  emails: (request: CivicRequest) => EmailMessage[],
  now = new Date(),
): Promise<CivicRequest> {
  const at = now.toISOString();
  const next: CivicRequest = { ...current, status: 'assigned', assignedTo: to, updatedAt: at };
  const update: RequestUpdate = {
    at,
    actor: input.actor,
    status: 'assigned',
    note: `Handed over to ${to.name}, ${to.title}: ${input.reason}`,
    public: false,
  };
  return change(current, next, update, emails(next), now);
}
