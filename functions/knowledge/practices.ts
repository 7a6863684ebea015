import { randomUUID } from 'node:crypto';
import type { EmailMessage } from '../emails/message.ts';
import { membership } from '../membership/members.ts';
import { tableName } from '../shared/ddb.ts';
import { outboxPuts } from '../shared/outbox.ts';
import { conflict, notFound } from '../shared/problem.ts';
import { queryAll } from '../shared/query.ts';
import { ConditionsFailed, type TransactItem, transact, updateOf } from '../shared/transaction.ts';
import { newCityScopedId } from './ids.ts';
import {
  attachmentKey,
  cityPracticesIndex,
  eventSk,
  practiceKey,
  practicePk,
  publishedIndex,
  publishedKey,
  publishedTextKey,
  reviewIndex,
  textKey,
} from './keys.ts';
import {
  type ChangeStatus,
  inReview,
  nextState,
  type PracticeAction,
  type PracticeStatus,
} from './practice-status.ts';
import type { Representation } from './representatives.ts';
import type { PracticeForm, PracticePatch, PracticeText } from './schemas.ts';

/** The facts of a practice (not its text), as written and as published. */
export interface PracticeFacts {
  readonly themes: string[];
  readonly sdgs?: number[];
  readonly stage?: string;
  readonly yearStarted?: number;
  readonly costRange?: string;
  readonly technologies?: string[];
  readonly partners?: string[];
  readonly links?: { url: string; title?: string }[];
}
const FACT_FIELDS = [
  'themes',
  'sdgs',
  'stage',
  'yearStarted',
  'costRange',
  'technologies',
  'partners',
  'links',
] as const;

/** The practice being written: its review state, its city, its facts. */
export interface Practice extends PracticeFacts {
  readonly id: string;
  readonly cityId: string;
  readonly cityName: string;
  readonly country: string;
  readonly region: string;
  readonly status: PracticeStatus;
  readonly change?: ChangeStatus;
  /** The language it is written in, and the title in it (for lists). */
  readonly language: string;
  readonly title: string;
  /** Languages the city translated it into. */
  readonly translations: string[];
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly submittedAt?: string;
  readonly publishedAt?: string;
  readonly retiredAt?: string;
  readonly returnReason?: string;
  readonly createdBy: string;
  /** Every write adds one: the condition of the next. */
  readonly version: number;
  /** Publications so far. */
  readonly pubVersion?: number;
}

/** The published version: what the public sees while a change is being reviewed. */
export interface Published extends PracticeFacts {
  readonly id: string;
  readonly cityId: string;
  readonly cityName: string;
  readonly country: string;
  readonly region: string;
  readonly language: string;
  readonly title: string;
  readonly summary: string;
  readonly publishedAt: string;
  /** When this version was published. */
  readonly changedAt: string;
  readonly retiredAt?: string;
  readonly pubVersion: number;
  /** The ids of the attachments this version was published with. */
  readonly attachments?: string[];
}

/** A checked file attached to a practice (its id is the upload's). */
export interface Attachment {
  readonly id: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly size: number;
  /** The checked file in the uploads bucket (`private/practice-attachment/...`). */
  readonly key: string;
  readonly addedAt: string;
  /** Removed from the version being written; kept while the published version lists it. */
  readonly removedAt?: string;
}

export interface PublishedText extends PracticeText {
  readonly lang: string;
  /** Machine translated: labelled wherever it is shown. */
  readonly machine: boolean;
  /** The publication it translates. */
  readonly pubVersion: number;
}

export interface HistoryEntry {
  readonly at: string;
  readonly actor: string;
  readonly action: PracticeAction | 'create' | 'translate' | 'attach' | 'detach';
  readonly from?: string;
  readonly to?: string;
  readonly reason?: string;
  readonly language?: string;
}

export interface Adoption {
  readonly cityId: string;
  readonly cityName: string;
  readonly country: string;
  readonly practiceId?: string;
  readonly note: string;
  readonly at: string;
}

/** Everything of a practice, from one Query of its partition. */
export interface PracticeRecord {
  readonly practice: Practice;
  readonly texts: Map<string, PracticeText>;
  readonly published?: Published;
  readonly publishedTexts: Map<string, PublishedText>;
  readonly history: HistoryEntry[];
  readonly adoptions: Adoption[];
  /** Practices this one adapts (its city marked "we adopted this" with it). */
  readonly adapts: string[];
  readonly attachments: Attachment[];
  /** Presigned attachment uploads not attached yet: their file names, by upload id. */
  readonly uploading: Map<string, string>;
}

const pick = <T>(item: Record<string, unknown>, fields: readonly string[]): T =>
  Object.fromEntries(fields.filter((f) => item[f] !== undefined).map((f) => [f, item[f]])) as T;
const PRACTICE_FIELDS = [
  'id',
  'cityId',
  'cityName',
  'country',
  'region',
  'status',
  'change',
  'language',
  'title',
  'translations',
  'createdAt',
  'updatedAt',
  'submittedAt',
  'publishedAt',
  'retiredAt',
  'returnReason',
  'createdBy',
  'version',
  'pubVersion',
  ...FACT_FIELDS,
];
const PUBLISHED_FIELDS = [
  'id',
  'cityId',
  'cityName',
  'country',
  'region',
  'language',
  'title',
  'summary',
  'publishedAt',
  'changedAt',
  'retiredAt',
  'pubVersion',
  'attachments',
  ...FACT_FIELDS,
];
const ATTACHMENT_FIELDS = ['id', 'fileName', 'contentType', 'size', 'key', 'addedAt', 'removedAt'];
const TEXT_FIELDS = ['title', 'summary', 'sections'];

export function toRecord(items: Record<string, unknown>[], id: string): PracticeRecord | undefined {
  const meta = items.find((i) => i.sk === 'META');
  if (!meta) return undefined;
  const texts = new Map<string, PracticeText>();
  const publishedTexts = new Map<string, PublishedText>();
  const history: HistoryEntry[] = [];
  const adoptions: Adoption[] = [];
  const adapts: string[] = [];
  const attachments: Attachment[] = [];
  const uploading = new Map<string, string>();
  const now = Date.now() / 1000;
  let published: Published | undefined;
  for (const item of items) {
    const sk = String(item.sk);
    if (sk.startsWith('TEXT#')) texts.set(sk.slice(5), pick(item, TEXT_FIELDS));
    else if (sk === 'PUB') published = pick(item, PUBLISHED_FIELDS);
    else if (sk.startsWith('PUB#'))
      publishedTexts.set(sk.slice(4), pick(item, [...TEXT_FIELDS, 'lang', 'machine', 'pubVersion']));
    else if (sk.startsWith('EVENT#'))
      history.push(pick(item, ['at', 'actor', 'action', 'from', 'to', 'reason', 'language']));
    else if (sk.startsWith('ADOPTION#'))
      adoptions.push(pick(item, ['cityId', 'cityName', 'country', 'practiceId', 'note', 'at']));
    else if (sk.startsWith('ADAPTS#')) adapts.push(sk.slice(7));
    else if (sk.startsWith('ATTACHMENT#')) attachments.push(pick(item, ATTACHMENT_FIELDS));
    // DynamoDB deletes expired items late: an expired presign is gone already.
    else if (sk.startsWith('UPLOADING#') && Number(item.ttl) > now)
      uploading.set(sk.slice('UPLOADING#'.length), String(item.fileName));
  }
  attachments.sort((a, b) => a.addedAt.localeCompare(b.addedAt));
  void id;
  return {
    practice: pick(meta, PRACTICE_FIELDS),
    texts,
    published,
    publishedTexts,
    history,
    adoptions,
    adapts,
    attachments,
    uploading,
  };
}

/** What the practice is being written with (removed ones stay only while the public version lists them). */
export const workingAttachments = (record: PracticeRecord): Attachment[] =>
  record.attachments.filter((a) => !a.removedAt);

/** What the public sees: the attachments the published version was published with. */
export function publishedAttachments(record: PracticeRecord): Attachment[] {
  const ids = new Set(record.published?.attachments ?? []);
  return record.attachments.filter((a) => ids.has(a.id));
}

/** A practice and all it holds, in one Query of its partition. */
export async function readPractice(id: string, consistent = true): Promise<PracticeRecord> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': practicePk(id) },
    ConsistentRead: consistent,
  });
  const record = toRecord(items, id);
  if (!record) throw notFound(`No practice ${id}`);
  return record;
}

export const event = (id: string, entry: HistoryEntry): TransactItem => ({
  Put: { TableName: tableName, Item: { pk: practicePk(id), sk: eventSk(entry.at, randomUUID()), ...entry } },
});

/** The index attributes of the practice being written: its city's list, and the review queue while in review. */
const metaIndexes = (p: Practice) => ({
  ...cityPracticesIndex(p.cityId, p.updatedAt, p.id),
  ...(inReview(p) ? reviewIndex(p.submittedAt ?? p.updatedAt, p.id) : {}),
});

export const failed = (error: unknown): never => {
  if (error instanceof ConditionsFailed) {
    if (error.failed.includes(0)) throw conflict('The city is no longer an Associate or Full Member');
    throw conflict('The practice changed while this was handled; reload it');
  }
  throw error;
};

/** A new draft for the representative's city: the practice, its text and its first history entry. */
export async function createPractice(
  form: PracticeForm,
  rep: Representation,
  actor: string,
  now = new Date(),
): Promise<PracticeRecord> {
  const at = now.toISOString();
  const { title, summary, sections, language, cityId: _city, ...facts } = form;
  const practice: Practice = {
    ...facts,
    id: newCityScopedId(rep.cityId),
    cityId: rep.cityId,
    cityName: rep.cityName,
    country: rep.country,
    region: rep.region,
    status: 'draft',
    language,
    title,
    translations: [],
    createdAt: at,
    updatedAt: at,
    createdBy: actor,
    version: 1,
  };
  await transact([
    membership.guard(rep.cityId),
    {
      Put: {
        TableName: tableName,
        Item: { ...practiceKey(practice.id), ...practice, ...metaIndexes(practice) },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    { Put: { TableName: tableName, Item: { ...textKey(practice.id, language), title, summary, sections } } },
    event(practice.id, { at, actor, action: 'create', to: 'draft' }),
  ]).catch(failed);
  return {
    practice,
    texts: new Map([[language, { title, summary, sections }]]),
    publishedTexts: new Map(),
    history: [{ at, actor, action: 'create', to: 'draft' }],
    adoptions: [],
    adapts: [],
    attachments: [],
    uploading: new Map(),
  };
}

/** The META update of a change: conditional on the version read, index attributes kept in step. */
export function metaUpdate(current: Practice, next: Practice, remove: string[] = []): TransactItem {
  const staleReview = inReview(current) && !inReview(next) ? ['gsi3pk', 'gsi3sk'] : [];
  const cleared = FACT_FIELDS.filter((f) => next[f] === undefined && current[f] !== undefined);
  const removed = new Set([...remove, ...cleared, ...staleReview]);
  const set = Object.fromEntries(
    Object.entries({ ...next, ...metaIndexes(next) }).filter(([k]) => k !== 'id' && !removed.has(k)),
  );
  return {
    Update: {
      TableName: tableName,
      Key: practiceKey(current.id),
      ...updateOf(set, [...removed], {
        expression: 'version = :version',
        values: { ':version': current.version },
      }),
    },
  };
}

export const withState = (p: Practice, s: { status: PracticeStatus; change?: ChangeStatus }) => {
  const { change: _c, ...rest } = p;
  return { ...rest, ...s } as Practice;
};

/** Edits the text in the original language and the facts; a published practice gets a change to review. */
export async function editPractice(
  record: PracticeRecord,
  patch: PracticePatch,
  actor: string,
  now = new Date(),
): Promise<{ practice: Practice; text: PracticeText }> {
  const current = record.practice;
  const { title, summary, sections, expectedUpdatedAt, ...factPatch } = patch;
  if (expectedUpdatedAt !== undefined && expectedUpdatedAt !== current.updatedAt)
    throw conflict('The practice was changed since you read it: read it again');
  const state = nextState(current, 'edit');
  const at = now.toISOString();
  const original = record.texts.get(current.language) as PracticeText;
  const mergedSections = { ...original.sections } as Record<string, string | undefined>;
  for (const [k, v] of Object.entries(sections ?? {})) {
    if (v === null) delete mergedSections[k];
    else if (v !== undefined) mergedSections[k] = v;
  }
  const text: PracticeText = {
    title: title ?? original.title,
    summary: summary ?? original.summary,
    sections: mergedSections as PracticeText['sections'],
  };
  const facts = { ...current } as Record<string, unknown>;
  for (const [k, v] of Object.entries(factPatch)) {
    if (v === null) delete facts[k];
    else if (v !== undefined) facts[k] = v;
  }
  const next = withState(
    // The title in the original language is kept on the practice too, for the lists (review, city).
    { ...(facts as unknown as Practice), title: text.title, updatedAt: at, version: current.version + 1 },
    state,
  );
  await transact([
    membership.guard(current.cityId),
    metaUpdate(current, next, next.change ? [] : ['change']),
    { Put: { TableName: tableName, Item: { ...textKey(current.id, current.language), ...text } } },
    event(current.id, {
      at,
      actor,
      action: 'edit',
      from: current.change ?? current.status,
      to: next.change ?? next.status,
    }),
  ]).catch(failed);
  return { practice: next, text };
}

/** Adds or replaces the city's own translation into `lang`; reviewed like any edit. */
export async function putTranslation(
  record: PracticeRecord,
  lang: string,
  text: PracticeText,
  actor: string,
  now = new Date(),
): Promise<Practice> {
  const current = record.practice;
  if (lang === current.language)
    throw conflict(`${lang} is the language the practice is written in: edit it instead`);
  const state = nextState(current, 'edit');
  const at = now.toISOString();
  const translations = [...new Set([...current.translations, lang])].sort();
  const next = withState({ ...current, translations, updatedAt: at, version: current.version + 1 }, state);
  await transact([
    membership.guard(current.cityId),
    metaUpdate(current, next, next.change ? [] : ['change']),
    { Put: { TableName: tableName, Item: { ...textKey(current.id, lang), ...text } } },
    event(current.id, { at, actor, action: 'translate', language: lang, to: next.change ?? next.status }),
  ]).catch(failed);
  return next;
}

export interface Transition {
  readonly action: 'submit' | 'publish' | 'return' | 'retire';
  readonly actor: string;
  readonly reason?: string;
  readonly emails: (practice: Practice) => EmailMessage[];
  /** Only while the city is a member (default); the Secretariat retires a former member's practice too. */
  readonly memberOnly?: boolean;
}

/**
 * Moves a practice along the review in one transaction conditional on the version read: its state,
 * its history entry, its emails; publishing also writes the public version (facts and the text in
 * every language the city wrote) and drops the machine translations of the previous one, which the
 * stream consumer translates again.
 */
export async function transition(
  record: PracticeRecord,
  t: Transition,
  now = new Date(),
): Promise<PracticeRecord> {
  const current = record.practice;
  const state = nextState(current, t.action);
  const at = now.toISOString();
  const pubVersion = (current.pubVersion ?? 0) + (t.action === 'publish' ? 1 : 0);
  const next = withState(
    {
      ...current,
      updatedAt: at,
      version: current.version + 1,
      ...(t.action === 'submit' ? { submittedAt: at } : {}),
      ...(t.action === 'publish' ? { publishedAt: current.publishedAt ?? at, pubVersion } : {}),
      ...(t.action === 'retire' ? { retiredAt: at } : {}),
      ...(t.action === 'return' ? { returnReason: t.reason } : {}),
    },
    state,
  );
  const remove = [
    ...(next.change ? [] : ['change']),
    ...(t.action === 'publish' || t.action === 'submit' ? ['returnReason'] : []),
  ];
  const writes: TransactItem[] = [];
  let after: PracticeRecord = { ...record, practice: next };
  if (t.action === 'publish') {
    const original = record.texts.get(current.language) as PracticeText;
    const published: Published = {
      ...pick<PracticeFacts>(current as unknown as Record<string, unknown>, FACT_FIELDS),
      id: current.id,
      cityId: current.cityId,
      cityName: current.cityName,
      country: current.country,
      region: current.region,
      language: current.language,
      title: original.title,
      summary: original.summary,
      publishedAt: next.publishedAt ?? at,
      changedAt: at,
      pubVersion,
      attachments: workingAttachments(record).map((a) => a.id),
    };
    writes.push({
      Put: {
        TableName: tableName,
        Item: { ...publishedKey(current.id), ...published, ...publishedIndex(at, current.id) },
      },
    });
    const human = [current.language, ...current.translations];
    const publishedTexts = new Map<string, PublishedText>();
    for (const lang of human) {
      const text = record.texts.get(lang);
      if (!text) continue;
      publishedTexts.set(lang, { ...text, lang, machine: false, pubVersion });
      writes.push({
        Put: {
          TableName: tableName,
          Item: { ...publishedTextKey(current.id, lang), ...text, lang, machine: false, pubVersion },
        },
      });
    }
    for (const lang of record.publishedTexts.keys()) {
      if (!human.includes(lang))
        writes.push({ Delete: { TableName: tableName, Key: publishedTextKey(current.id, lang) } });
    }
    // Attachments removed by the change leave with the version that listed them.
    const removed = record.attachments.filter((a) => a.removedAt);
    for (const a of removed)
      writes.push({ Delete: { TableName: tableName, Key: attachmentKey(current.id, a.id) } });
    after = {
      ...after,
      published,
      publishedTexts,
      attachments: workingAttachments(record),
    };
  }
  if (t.action === 'retire') {
    writes.push({
      Update: {
        TableName: tableName,
        Key: publishedKey(current.id),
        ...updateOf({ retiredAt: at }, ['gsi2pk', 'gsi2sk']),
      },
    });
    if (record.published) after = { ...after, published: { ...record.published, retiredAt: at } };
  }
  const guarded = t.memberOnly !== false;
  await transact([
    ...(guarded ? [membership.guard(current.cityId)] : []),
    metaUpdate(current, next, remove),
    ...writes,
    event(current.id, {
      at,
      actor: t.actor,
      action: t.action,
      from: current.change ?? current.status,
      to: next.change ?? next.status,
      ...(t.reason ? { reason: t.reason } : {}),
    }),
    ...t.emails(next).flatMap((e) => outboxPuts(e, now)),
  ]).catch((error) => {
    if (!guarded && error instanceof ConditionsFailed)
      throw conflict('The practice changed while this was handled; reload it');
    return failed(error);
  });
  return {
    ...after,
    history: [
      ...record.history,
      {
        at,
        actor: t.actor,
        action: t.action,
        from: current.change ?? current.status,
        to: next.change ?? next.status,
        ...(t.reason ? { reason: t.reason } : {}),
      },
    ],
  };
}

export { FACT_FIELDS, PRACTICE_FIELDS, PUBLISHED_FIELDS, pick };
