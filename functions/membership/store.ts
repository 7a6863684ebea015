import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { EmailMessage } from '../emails/message.ts';
import { ddb, tableName } from '../shared/ddb.ts';
import { outboxPuts } from '../shared/outbox.ts';
import { conflict, notFound } from '../shared/problem.ts';
import { ConditionsFailed, statusIs, type TransactItem, transact, updateOf } from '../shared/transaction.ts';
import type { Application, ApplicationForm, MembershipStatus } from './application.ts';
import { byRegionStatusIndex, byStatusIndex, cityKey, cityNameKey, directoryIndex, eventSk } from './keys.ts';
import { directoryStatus, type MembershipAction, nextStatus } from './status.ts';

/** One entry of a city's audit trail. */
export interface AuditEvent {
  readonly at: string;
  readonly actor: string;
  readonly from: MembershipStatus | null;
  readonly to: MembershipStatus;
  readonly note?: string;
}

const APPLICATION_FIELDS = [
  'id',
  'status',
  'city',
  'mayor',
  'signatory',
  'contact',
  'motivation',
  'language',
  'submittedAt',
  'updatedAt',
  'memberSince',
  'fullMemberSince',
  'approvalId',
  'rejectionReason',
  'withdrawalReason',
] as const;

/**
 * The signed Membership Application Form of an application: a checked PDF under `private/` of the
 * uploads bucket. Kept beside the application's fields, never among them: only GET /applications/{id}
 * turns it into a short-lived link for the Secretariat.
 */
export interface StoredSignedForm {
  readonly key: string;
  readonly size: number;
  readonly uploadedAt: string;
}

export function toApplication(item: Record<string, unknown>): Application {
  return Object.fromEntries(
    APPLICATION_FIELDS.filter((f) => item[f] !== undefined).map((f) => [f, item[f]]),
  ) as unknown as Application;
}

/** The index attributes that follow the status: the status list always, the directory for members only. */
function indexAttributes(app: Pick<Application, 'id' | 'city'>, status: MembershipStatus, updatedAt: string) {
  const listed = directoryStatus(status);
  return {
    ...byStatusIndex(status, updatedAt, app.id),
    ...byRegionStatusIndex(status, app.city.region, updatedAt, app.id),
    ...(listed
      ? { ...directoryIndex(app.city.region, listed, app.city.name, app.id), listedAs: listed }
      : {}),
  };
}

const auditPut = (cityId: string, event: AuditEvent): TransactItem => ({
  Put: {
    TableName: tableName,
    Item: { pk: cityKey(cityId).pk, sk: eventSk(event.at, randomUUID()), ...event },
  },
});

/**
 * Stores a new application as `submitted`, with its audit event, its acknowledgement emails and the
 * city-name claim in one transaction: a second live application for the same city is a 409.
 */
export async function submitApplication(
  form: ApplicationForm,
  emails: (app: Application) => EmailMessage[],
  now = new Date(),
  /** More writes that must happen with it or not at all (the draft it came from); they go last. */
  withItems: (app: Application) => TransactItem[] = () => [],
  stored: { readonly signedForm?: StoredSignedForm | undefined } = {},
): Promise<Application> {
  const at = now.toISOString();
  const app: Application = { ...form, id: randomUUID(), status: 'submitted', submittedAt: at, updatedAt: at };
  const extra = withItems(app);
  try {
    const items: TransactItem[] = [
      {
        Put: {
          TableName: tableName,
          Item: {
            ...cityKey(app.id),
            ...app,
            ...(stored.signedForm ? { signedForm: stored.signedForm } : {}),
            ...indexAttributes(app, 'submitted', at),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: tableName,
          Item: { ...cityNameKey(form.city.country, form.city.name), cityId: app.id, claimedAt: at },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      auditPut(app.id, { at, actor: 'applicant', from: null, to: 'submitted' }),
      ...emails(app).flatMap((e) => outboxPuts(e, now)),
      ...extra,
    ];
    await transact(items);
  } catch (error) {
    if (error instanceof ConditionsFailed) {
      if (extra.length > 0 && error.failed.some((i) => i >= 3)) {
        // Past the profile and the name claim (0, 1), only the caller's own writes have conditions.
        throw conflict('What this application was made from changed at the same time; reload it');
      }
      throw conflict(`${form.city.name} (${form.city.country}) already has a live application or membership`);
    }
    throw error;
  }
  return app;
}

/** The application and, for the Secretariat's view alone, its signed form's file. */
export async function readApplication(
  id: string,
): Promise<{ app: Application; signedForm?: StoredSignedForm }> {
  const out = await ddb.send(
    new GetCommand({ TableName: tableName, Key: cityKey(id), ConsistentRead: true }),
  );
  if (!out.Item) throw notFound(`No application ${id}`);
  const signedForm = out.Item.signedForm as StoredSignedForm | undefined;
  return { app: toApplication(out.Item), ...(signedForm ? { signedForm } : {}) };
}

export async function getApplication(id: string): Promise<Application> {
  return (await readApplication(id)).app;
}

export interface StatusChange {
  readonly action: MembershipAction;
  readonly actor: string;
  readonly note?: string;
  /** Fields the change sets on the application (a reason, a date, the approval id). */
  readonly set?: Partial<Record<(typeof APPLICATION_FIELDS)[number], unknown>>;
  readonly remove?: readonly string[];
  /** More writes that must happen with it or not at all (the approval, a released name). */
  readonly with?: (app: Application, to: MembershipStatus) => TransactItem[];
  readonly emails?: (app: Application) => EmailMessage[];
}

/**
 * Moves an application along the status rules in one transaction: the write is conditional on the
 * status just read (a racing change makes this one a 409), with its audit event, emails and extras.
 */
export async function changeStatus(
  id: string,
  change: StatusChange,
  now = new Date(),
  /** The application as the caller already read it; the write is conditional on its status. */
  known?: Application,
): Promise<Application> {
  const current = known ?? (await getApplication(id));
  const to = nextStatus(change.action, current.status);
  const at = now.toISOString();
  const updated = { ...current, ...change.set, status: to, updatedAt: at } as Application;
  for (const field of change.remove ?? []) delete (updated as unknown as Record<string, unknown>)[field];
  const removeIndexes = directoryStatus(to) ? [] : ['gsi2pk', 'gsi2sk', 'listedAs'];
  try {
    await transact([
      {
        Update: {
          TableName: tableName,
          Key: cityKey(id),
          ...updateOf(
            { ...change.set, status: to, updatedAt: at, ...indexAttributes(current, to, at) },
            [...(change.remove ?? []), ...removeIndexes],
            statusIs(current.status),
          ),
        },
      },
      auditPut(id, {
        at,
        actor: change.actor,
        from: current.status,
        to,
        ...(change.note ? { note: change.note } : {}),
      }),
      ...(change.with?.(updated, to) ?? []),
      ...(change.emails?.(updated) ?? []).flatMap((e) => outboxPuts(e, now)),
    ]);
  } catch (error) {
    if (error instanceof ConditionsFailed) {
      throw conflict(
        `The application changed while this request was handled (it was ${current.status}); reload it`,
      );
    }
    throw error;
  }
  return updated;
}

/** The Delete that frees a city's name for a new application (rejected or withdrawn). */
export const releaseName = (app: Application): TransactItem => ({
  Delete: { TableName: tableName, Key: cityNameKey(app.city.country, app.city.name) },
});
