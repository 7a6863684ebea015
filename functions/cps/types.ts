import type { Language } from '../shared/i18n.ts';
import type { RequestStatus } from './request-status.ts';

/** The kinds of value a service attribute takes (GeoReport v2 service definitions). */
export const ATTRIBUTE_TYPES = [
  'string',
  'number',
  'datetime',
  'text',
  'singlevaluelist',
  'multivaluelist',
] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

/**
 * A question a request for the service answers (GeoReport v2 "service definition" attribute), defined by
 * the Secretariat: a list type offers `values`, of which one (or, multivaluelist, several) is chosen.
 */
export interface ServiceAttribute {
  readonly code: string;
  readonly datatype: AttributeType;
  readonly required: boolean;
  /** The question, as an app shows it. */
  readonly description: string;
  readonly datatypeDescription?: string;
  /** Where it comes among the service's attributes (lowest first). */
  readonly order?: number;
  readonly values?: readonly { readonly key: string; readonly name: string }[];
}

/** An answer as the citizen was asked it: the question and the chosen values' names, not their keys. */
export interface Answer {
  readonly code: string;
  readonly question: string;
  readonly datatype: AttributeType;
  readonly answer: readonly string[];
}

/** A matter a city handles, with its service level (hours until a request is due). */
export interface Service {
  readonly code: string;
  readonly name: string;
  readonly description?: string;
  readonly group?: string;
  readonly slaHours: number;
  /** The questions a request for it answers; `district`, if defined here, is the routing one. */
  readonly attributes?: readonly ServiceAttribute[];
}

/** Attribute values and other client fields as a request keeps them: a text, or a list of texts. */
export type KeptValues = Readonly<Record<string, string | readonly string[]>>;

export interface Official {
  readonly id: string;
  readonly cityId: string;
  readonly name: string;
  readonly title: string;
  readonly email: string;
  readonly phone?: string;
  /** The language of the emails the official gets. */
  readonly language: Language;
}

export interface RoutingRule {
  readonly district: string;
  readonly service: string;
  readonly officialId: string;
}

/** Who a request is assigned to; name and title are public, email and id are not. */
export interface Assignee {
  readonly officialId: string;
  readonly name: string;
  readonly title: string;
  readonly email: string;
  /** The official's language (English for officials and rules stored before languages existed). */
  readonly language?: Language;
}

export interface Contact {
  readonly name?: string;
  readonly email?: string;
  readonly phone?: string;
}

/** A civic request as stored: the whole of it, contact included. */
export interface CivicRequest {
  readonly id: string;
  readonly cityId: string;
  readonly cityName: string;
  readonly service: string;
  readonly serviceName: string;
  readonly district: string;
  readonly description: string;
  readonly location?: { readonly lat: number; readonly lng: number };
  readonly address?: string;
  /** An address id of the client's (Open311 `address_id`, e.g. a UPRN, or `#NOTPINPOINTED#`), kept as given. */
  readonly addressId?: string;
  /** Photos or documents of the need, as links the client gave (Open311 `media_url`), in order. */
  readonly mediaUrls?: readonly string[];
  /** The answers to the service's attributes (checked), and attributes the service does not define (kept as sent). */
  readonly attributes?: KeptValues;
  /** The answers as asked (questions and choices' names when the request was filed): see answersOf. */
  readonly answers?: readonly Answer[];
  /** Fields a client sent that the CPS has no place for (e.g. FixMyStreet's `deviceid`), kept as sent. */
  readonly extra?: KeptValues;
  readonly contact?: Contact;
  readonly status: RequestStatus;
  readonly assignedTo?: Assignee;
  /** The language the citizen filed in: their emails are in it (English when absent). */
  readonly language?: Language;
  /** The service's level when filed: a reopened request is due this long after reopening. */
  readonly slaHours?: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly expectedAt: string;
  readonly overdue?: boolean;
  readonly escalatedAt?: string;
  /** When the retention sweep removed the citizen's contact from this closed request. */
  readonly contactRemovedAt?: string;
  /** The note of the latest public update, kept on the request so lists need no read of its updates. */
  readonly publicNote?: string;
  /**
   * While resolved: the SHA-256 of the token emailed with "is it fixed?", the only one that answers it
   * (citizen-tokens.ts). Never shown.
   */
  readonly feedbackToken?: string;
}

/**
 * What an entry of a request's history records: `filed` (the citizen filed it), `update` (an official's
 * status or note), `handover`, `feedback` (the citizen's answer to "is it fixed?"), `contact_removed`
 * (by the citizen) and `retention` (the sweep removed the contact). Entries written before kinds
 * existed have none (timeline.ts infers it).
 */
export const UPDATE_KINDS = [
  'filed',
  'update',
  'handover',
  'feedback',
  'contact_removed',
  'retention',
] as const;
export type UpdateKind = (typeof UPDATE_KINDS)[number];

export interface RequestUpdate {
  readonly at: string;
  readonly actor: string;
  readonly status: RequestStatus;
  readonly note: string;
  readonly public: boolean;
  readonly kind?: UpdateKind;
  /** The official it was assigned to, for `filed` (when routed) and `handover`: name and title are public. */
  readonly official?: { readonly name: string; readonly title: string };
  /** Set when a civic app posted the update for a citizen (Open311 servicerequestupdates). */
  readonly app?: AppComment;
}

/**
 * A citizen's comment as a civic app posted it: the app (its API key's label), and what it said about
 * the comment. The status it reports is kept, not applied: only the official changes the request.
 */
export interface AppComment {
  readonly app: string;
  /** The app's own id of the comment: a retry with the same id adds nothing. */
  readonly updateId?: string;
  readonly reportedStatus?: string;
  /** When the citizen wrote it, as the app says. */
  readonly writtenAt?: string;
  readonly author?: Contact;
  readonly mediaUrls?: readonly string[];
  readonly extra?: KeptValues;
}
