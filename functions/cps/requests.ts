import { randomBytes, randomUUID } from 'node:crypto';
import type { EmailMessage } from '../emails/message.ts';
import { membership } from '../membership/members.ts';
import { tableName } from '../shared/ddb.ts';
import { outboxPuts } from '../shared/outbox.ts';
import { badRequest, conflict, HttpError, notFound } from '../shared/problem.ts';
import { queryAll } from '../shared/query.ts';
import {
  type Condition,
  ConditionsFailed,
  type TransactItem,
  transact,
  updateOf,
} from '../shared/transaction.ts';
import { answersOf, checkAttributes, UNSPECIFIED_DISTRICT } from './attributes.ts';
import { CitizenToken, tokenHashesOf, tokenPuts } from './citizen-tokens.ts';
import {
  assigneeIndex,
  cityMonthIndex,
  cityUpdatesIndex,
  closedIndex,
  dueIndex,
  overdueIndex,
  requestKey,
  requestPk,
  UPDATE_PREFIX,
  updateSk,
} from './keys.ts';
import type { RequestPhotos } from './photos.ts';
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
  'addressId',
  'mediaUrls',
  'attributes',
  'answers',
  'extra',
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
  'language',
  'slaHours',
  'feedbackToken',
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
    ...(r.assignedTo ? assigneeIndex(r.assignedTo.email, r.status, r.expectedAt, r.id) : {}),
    ...cityMonthIndex(r.cityId, r.createdAt, r.id),
    ...(isOpen(r.status) ? (r.escalatedAt ? overdueIndex : dueIndex)(r.expectedAt, r.id) : {}),
    ...(r.status === 'closed' && r.contact ? closedIndex(r.updatedAt, r.id) : {}),
  };
}

/** The request as stored: its fields and the index attributes its state puts it in. */
export const requestItem = (request: CivicRequest) => ({
  ...requestKey(request.id),
  ...request,
  ...indexes(request),
});

/**
 * An update of the request. A public one is also in its city's feed of public updates (gsi2), which
 * Open311 apps poll; `updateId` (its sort key's end, Open311's `update_id`) defaults to a new uuid.
 */
export const updatePut = (
  request: Pick<CivicRequest, 'id' | 'cityId'>,
  update: RequestUpdate,
  updateId: string = randomUUID(),
): TransactItem => ({
  Put: {
    TableName: tableName,
    Item: {
      pk: requestPk(request.id),
      sk: updateSk(update.at, updateId),
      ...update,
      ...(update.public ? cityUpdatesIndex(request.cityId, update.at, request.id, updateId) : {}),
    },
  },
});

/** Where the photos' claims are in the request's transaction: after the request and the membership guard. */
const PHOTOS_AT = 2;

/** A request as a client files it: the JSON API's form, or what an Open311 form maps to. */
export type NewRequest = Omit<RequestForm, 'media'> & Pick<CivicRequest, 'addressId' | 'mediaUrls' | 'extra'>;

/**
 * Files a civic request: routed to the official of the most specific rule (status `assigned`), or left
 * `submitted` when no rule matches. The request, its first update and its emails are one transaction,
 * which also checks that the city is still a member.
 */
export async function createRequest(
  cityId: string,
  form: NewRequest,
  /** The emails to queue; a citizen's email mints `token` for its links, whose hash is stored with it. */
  emails: (request: CivicRequest, token: CitizenToken) => EmailMessage[],
  options: {
    now?: Date;
    /** A check of the caller's own (e.g. an Open311 API key) read alongside the routing: one round trip. */
    alongside?: Promise<unknown>;
    /** Keep attributes the service does not define (Open311 apps send their own) instead of refusing them. */
    keepUnknownAttributes?: boolean;
    /**
     * Photos checked and published meanwhile (photos.ts), alongside the routing: their claims join the
     * request's transaction and their addresses follow `form.mediaUrls`.
     */
    photos?: RequestPhotos;
  } = {},
): Promise<CivicRequest> {
  const now = options.now ?? new Date();
  const [routed, checked, prepared] = await Promise.allSettled([
    resolveRouting(cityId, form.district, form.service),
    options.alongside,
    options.photos?.prepared ?? [],
  ]);
  // The city and its services answer first (404, 409, 400); then the caller's check, then the photos.
  if (routed.status === 'rejected') throw routed.reason;
  if (checked.status === 'rejected') throw checked.reason;
  const routing = routed.value;
  const { attributes, errors } = checkAttributes(
    routing.service,
    form.attributes ?? {},
    form.district === UNSPECIFIED_DISTRICT ? undefined : form.district,
    options.keepUnknownAttributes === true,
  );
  if (errors.length > 0) throw badRequest("The answers to the service's attributes are not valid", errors);
  if (prepared.status === 'rejected') throw prepared.reason;
  const photos = prepared.value;
  const mediaUrls = [
    ...(form.mediaUrls ?? []),
    ...photos.flatMap((p) => (p.upload.url ? [p.upload.url] : [])),
  ];
  const at = now.toISOString();
  const note = routing.assignee
    ? `Assigned to ${routing.assignee.name}, ${routing.assignee.title}`
    : 'Received; the Secretariat will find the official in charge';
  const { attributes: _sent, ...fields } = form;
  const answers = answersOf(routing.service, attributes);
  const request: CivicRequest = {
    ...fields,
    ...(mediaUrls.length > 0 ? { mediaUrls } : {}),
    ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
    ...(answers.length > 0 ? { answers } : {}),
    id: newRequestId(),
    cityId,
    cityName: routing.cityName,
    serviceName: routing.service.name,
    status: routing.assignee ? 'assigned' : 'submitted',
    ...(routing.assignee ? { assignedTo: routing.assignee } : {}),
    language: form.language ?? 'en',
    slaHours: routing.service.slaHours,
    createdAt: at,
    updatedAt: at,
    expectedAt: new Date(now.getTime() + routing.service.slaHours * 3600_000).toISOString(),
    publicNote: note,
  };
  const token = new CitizenToken();
  const messages = emails(request, token);
  await transact([
    {
      Put: {
        TableName: tableName,
        Item: requestItem(request),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    membership.guard(cityId),
    // Claimed with the request: a photo attaches to one request, and only to one that is written.
    ...photos.map((p) => p.claim),
    updatePut(request, {
      at,
      actor: 'citizen',
      status: request.status,
      note,
      public: true,
      kind: 'filed',
      ...(routing.assignee
        ? { official: { name: routing.assignee.name, title: routing.assignee.title } }
        : {}),
    }),
    ...tokenPuts(request.id, token, at),
    ...messages.flatMap((e) => outboxPuts(e, now)),
  ]).catch((error) => {
    if (!(error instanceof ConditionsFailed)) throw error;
    const taken = photos.flatMap((_, i) =>
      error.failed.includes(PHOTOS_AT + i)
        ? [{ path: options.photos?.paths[i] ?? 'body', message: 'is already attached to a request' }]
        : [],
    );
    if (taken.length === 0) throw conflict('The city is not an Associate or Full Member');
    throw new HttpError(409, 'Some photos were attached to another request meanwhile', taken);
  });
  await Promise.all(photos.map((p) => p.cleanup()));
  return request;
}

/**
 * A request, its updates (oldest first) and the hashes of the tokens emailed to its citizen, in one
 * Query of its partition.
 */
export async function getRequest(
  id: string,
): Promise<{ request: CivicRequest; updates: RequestUpdate[]; tokenHashes: string[] }> {
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
      ({ at, actor, status, note, public: isPublic, kind, official, app }) =>
        ({
          at,
          actor,
          status,
          note,
          public: isPublic,
          ...(kind ? { kind } : {}),
          ...(official ? { official } : {}),
          ...(app ? { app } : {}),
        }) as RequestUpdate,
    );
  return { request: toRequest(item), updates, tokenHashes: tokenHashesOf(items) };
}

/** Fields a change may drop: once absent from the next state, they are removed from the item. */
const DROPPABLE = ['feedbackToken', 'escalatedAt', 'overdue'] as const;

/**
 * Writes a change of a request read as `current`: conditional on its status and assignee being still
 * those read (a racing update or hand-over makes this one a 409), and on `also` if given, with its
 * update entry, emails and `extra` items (the hashes of the tokens its emails carry).
 */
export async function change(
  current: CivicRequest,
  next: CivicRequest,
  update: RequestUpdate,
  emails: EmailMessage[],
  now: Date,
  options: { extra?: TransactItem[]; also?: Condition; conflictDetail?: string } = {},
): Promise<CivicRequest> {
  const stale = [
    ...['gsi1pk', 'gsi1sk', 'gsi3pk', 'gsi3sk'].filter((k) => !(k in indexes(next))),
    ...DROPPABLE.filter((k) => current[k] !== undefined && next[k] === undefined),
  ];
  const also = options.also;
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
              ...(next.expectedAt !== current.expectedAt ? { expectedAt: next.expectedAt } : {}),
              ...(next.feedbackToken !== current.feedbackToken ? { feedbackToken: next.feedbackToken } : {}),
              ...indexes(next),
            },
            stale,
            {
              expression: [
                current.assignedTo
                  ? '#status = :status AND assignedTo.officialId = :official'
                  : '#status = :status AND attribute_not_exists(assignedTo)',
                ...(also ? [`(${also.expression})`] : []),
              ].join(' AND '),
              names: { '#status': 'status', ...also?.names },
              values: {
                ':status': current.status,
                ...(current.assignedTo ? { ':official': current.assignedTo.officialId } : {}),
                ...also?.values,
              },
            },
          ),
        },
      },
      updatePut(current, update),
      ...(options.extra ?? []),
      ...emails.flatMap((e) => outboxPuts(e, now)),
    ]);
  } catch (error) {
    if (error instanceof ConditionsFailed)
      throw conflict(options.conflictDetail ?? 'The request changed while this was handled; reload it');
    throw error;
  }
  return next;
}

/**
 * An official's update. Its emails may mint a token for the citizen's links; the token emailed with a
 * resolution is the one that answers "is it fixed?" until the request leaves `resolved`.
 */
export function updateStatus(
  current: CivicRequest,
  input: { status: RequestStatus; note: string; public: boolean; actor: string },
  emails: (request: CivicRequest, update: RequestUpdate, token: CitizenToken) => EmailMessage[],
  now = new Date(),
): Promise<{ request: CivicRequest; update: RequestUpdate }> {
  const at = now.toISOString();
  // Leaving `resolved` spends the "is it fixed?" token of the resolution.
  const { feedbackToken: _spent, ...unresolved } = current;
  const base = input.status === 'resolved' ? current : unresolved;
  // A request dealt with is no longer overdue; if the official opens it again, it runs late anew (as a
  // reopened one does, citizen-answers.ts): the sweep escalates it again if it is still past due.
  const { overdue: _overdue, escalatedAt: _escalatedAt, ...dealtWith } = base;
  const next: CivicRequest = {
    ...(isOpen(input.status) ? base : dealtWith),
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
    kind: 'update',
  };
  const token = new CitizenToken();
  const messages = emails(next, update, token);
  const resolves = input.status === 'resolved' && current.status !== 'resolved';
  const written: CivicRequest = resolves && token.hash ? { ...next, feedbackToken: token.hash } : next;
  return change(current, written, update, messages, now, { extra: tokenPuts(current.id, token, at) }).then(
    (request) => ({ request, update }),
  );
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
    kind: 'handover',
    official: { name: to.name, title: to.title },
  };
  return change(current, next, update, emails(next), now);
}
