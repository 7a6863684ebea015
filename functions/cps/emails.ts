import { formatDateTimeUtc } from '../emails/format.ts';
import { type EmailMessage, renderEmail } from '../emails/message.ts';
import type { RequestStatus } from './request-status.ts';
import type { Assignee, CivicRequest, RequestUpdate } from './types.ts';

/**
 * The Civic Participation System emails. Every one is structured content for `renderEmail`, which
 * escapes all values in the HTML part and keeps the subject on one line; nothing here builds HTML.
 *
 * Every subject carries the request id, so an official or the Secretariat can find the request
 * from the inbox alone. Who sees what follows `GET /requests/{id}`: the assigned official
 * and the Secretariat see the citizen's contact details; the citizen sees the official's name and
 * title, never the official's email address (nor the `actor` of an update, which may be one).
 */

const STATUS_WORDS: Record<RequestStatus, string> = {
  submitted: 'received, waiting for an official',
  assigned: 'assigned to an official',
  in_progress: 'in progress',
  resolved: 'resolved',
  closed: 'closed',
};

/** A request status as a citizen reads it, e.g. `in_progress` → "in progress". */
export const statusInWords = (status: RequestStatus): string => STATUS_WORDS[status] ?? String(status);

/** Keeps citizen-typed values short in subjects, so the request id and the matter stay visible. */
const clip = (value: string, max = 60): string => {
  const chars = [...value.trim()];
  return chars.length > max
    ? `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`
    : chars.join('');
};

/** "Pothole in Itaquera": the matter and the district, as subjects and headings name a request. */
const matterIn = (request: CivicRequest): string =>
  `${clip(request.serviceName)} in ${clip(request.district)}`;

const coordinate = (value: number): string => String(Number(value.toFixed(6)));

/** An OpenStreetMap page with a marker on the spot, zoomed to the street. */
export function openStreetMapUrl(location: { lat: number; lng: number }): string {
  const lat = coordinate(location.lat);
  const lng = coordinate(location.lng);
  return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lng}#map=18/${lat}/${lng}`;
}

type Fact = [string, string];

/** Where the problem is: district, address and the map point when the citizen gave them. */
const placeFacts = (request: CivicRequest): Fact[] => [
  ['District', request.district],
  ...(request.address ? [['Address', request.address] as Fact] : []),
  ...(request.location
    ? [
        ['Location', `${coordinate(request.location.lat)}, ${coordinate(request.location.lng)}`] as Fact,
        ['Map', openStreetMapUrl(request.location)] as Fact,
      ]
    : []),
];

/** The citizen's contact details, for the assigned official and the Secretariat only. */
const contactFacts = (request: CivicRequest): Fact[] => {
  const { name, email, phone } = request.contact ?? {};
  if (!name && !email && !phone) return [['Citizen', 'No contact details given']];
  return [
    ['Citizen', name || 'Name not given'],
    ...(email ? [['Citizen email', email] as Fact] : []),
    ...(phone ? [['Citizen phone', phone] as Fact] : []),
  ];
};

const officialLabel = (official: Pick<Assignee, 'name' | 'title'>): string =>
  `${official.name}, ${official.title}`;

/** "26 November 2026, 14:00 UTC (overdue)": the due time, flagged once it has passed. */
const dueFact = (request: CivicRequest): Fact => [
  'Expected by',
  `${formatDateTimeUtc(request.expectedAt)}${request.overdue ? ' (overdue)' : ''}`,
];

/** What an official must do and by when, overdue or not. */
const deadline = (request: CivicRequest): string =>
  request.overdue
    ? `It is already overdue: it was expected by ${formatDateTimeUtc(request.expectedAt)}. Please deal with it first.`
    : `Please deal with it by ${formatDateTimeUtc(request.expectedAt)}; after that it is escalated to the WeGO Secretariat.`;

/**
 * The citizen's description as one fact line, for emails whose quote box holds something else.
 * Its lines are joined, so a line the citizen typed cannot pass for a fact in the text part.
 */
const descriptionFact = (request: CivicRequest): Fact => [
  'Description',
  request.description
    .split(/\r\n|[\r\n\u2028\u2029]/)
    .map((l) => l.trim())
    .filter(Boolean)
    .join(' / '),
];

const DESCRIPTION_LABEL = "The citizen's description";

const UPDATES_ARE_PUBLIC =
  'Post your progress with the button below: updates you mark as public are emailed to the citizen, the others stay internal.';

/** "Pothole in Itaquera, São Paulo": where the request is, in a sentence. */
const whatAndWhere = (request: CivicRequest): string =>
  `${request.serviceName} in ${request.district}, ${request.cityName}`;

/** The request for the official who must act on it: when, what, where, and who to call back. */
const officialFacts = (request: CivicRequest): Fact[] => [
  ['Request', request.id],
  dueFact(request),
  ['Matter', request.serviceName],
  ...placeFacts(request),
  ['Submitted', formatDateTimeUtc(request.createdAt)],
  ...contactFacts(request),
];

/** To the official that routing chose: a new request is theirs, with everything needed to act on it. */
export function assignmentEmail(request: CivicRequest, official: Assignee, requestUrl: string): EmailMessage {
  return renderEmail({
    to: [official.email],
    subject: `[WeGO CPS] Request ${request.id} assigned to you: ${matterIn(request)}`,
    heading: 'New request assigned to you',
    paragraphs: [
      `Dear ${official.name},`,
      `A citizen reported: ${whatAndWhere(request)}. The request is assigned to you. ${deadline(request)}`,
      UPDATES_ARE_PUBLIC,
    ],
    facts: officialFacts(request),
    quote: { label: DESCRIPTION_LABEL, text: request.description },
    action: { label: 'Open the request', url: requestUrl },
  });
}

/** To the official a request was handed over to (`POST /requests/{id}/assign`), with the reason given. */
export function handOverEmail(
  request: CivicRequest,
  newOfficial: Assignee,
  reason: string,
  requestUrl: string,
): EmailMessage {
  return renderEmail({
    to: [newOfficial.email],
    subject: `[WeGO CPS] Request ${request.id} handed over to you: ${matterIn(request)}`,
    heading: 'Request handed over to you',
    paragraphs: [
      `Dear ${newOfficial.name},`,
      `A request was handed over to you: ${whatAndWhere(request)}. The reason for the hand-over is quoted below. ${deadline(request)}`,
      UPDATES_ARE_PUBLIC,
    ],
    facts: [...officialFacts(request), descriptionFact(request)],
    quote: { label: 'Reason for the hand-over', text: reason },
    action: { label: 'Open the request', url: requestUrl },
  });
}

/** The citizen's address, or none: a request without one gets no citizen email. */
const citizen = (request: CivicRequest): string[] => {
  const email = request.contact?.email?.trim();
  return email ? [email] : [];
};

const greeting = (request: CivicRequest): string =>
  request.contact?.name ? `Dear ${request.contact.name},` : 'Hello,';

/**
 * To the citizen, once the request is stored: its number, who handles it and when to expect an
 * answer. A request without `contact.email` yields a message with no recipient (`to: []`): do not
 * queue it.
 */
export function citizenAcknowledgementEmail(request: CivicRequest, requestUrl: string): EmailMessage {
  const due = formatDateTimeUtc(request.expectedAt);
  const official = request.assignedTo;
  return renderEmail({
    to: citizen(request),
    subject: `Your request ${request.id} was received: ${matterIn(request)}`,
    heading: 'Thank you, your request was received',
    paragraphs: [
      greeting(request),
      `${request.cityName} received your request. Its number is ${request.id}: please quote it if you contact the city about it.`,
      official
        ? `What happens next: ${officialLabel(official)}, will handle it. The city expects to deal with it by ${due}.`
        : `What happens next: no office is set yet for this kind of request in ${request.district}, so the WeGO Secretariat will find the right office and pass your request on. The city expects to deal with it by ${due}.`,
      'We will email you when the city posts news about your request. You can also follow it at any time with the button below.',
    ],
    facts: [
      ['Request number', request.id],
      ['Matter', request.serviceName],
      ...placeFacts(request).filter(([label]) => label !== 'Map'),
      ['Handled by', official ? officialLabel(official) : 'To be decided by the WeGO Secretariat'],
      ['Status', statusInWords(request.status)],
      ['Expected by', due],
    ],
    quote: { label: 'Your description', text: request.description },
    action: { label: 'Follow your request', url: requestUrl },
  });
}

const UPDATE_HEADINGS: Record<RequestStatus, string> = {
  submitted: 'Your request is waiting for an official',
  assigned: 'Your request was assigned to an official',
  in_progress: 'Your request is in progress',
  resolved: 'Your request was resolved',
  closed: 'Your request was closed',
};

/**
 * To the citizen, for a public update: the new status in plain words and the city's note. Never
 * names the update's `actor` (it may be an email address). Same no-recipient rule as above.
 */
export function citizenUpdateEmail(
  request: CivicRequest,
  update: RequestUpdate,
  requestUrl: string,
): EmailMessage {
  const official = request.assignedTo;
  const words = statusInWords(update.status);
  const finished = update.status === 'resolved' || update.status === 'closed';
  return renderEmail({
    to: citizen(request),
    subject: `Your request ${request.id} (${matterIn(request)}) is now ${words}`,
    heading: UPDATE_HEADINGS[update.status] ?? `Your request is ${words}`,
    paragraphs: [
      greeting(request),
      `${request.cityName} posted news about your request (${request.serviceName} in ${request.district}) on ${formatDateTimeUtc(update.at)}. It is now ${words}. The city's message is below.`,
      finished
        ? 'If the problem is still there, you can submit a new request and mention this request number.'
        : `The city expects to deal with it by ${formatDateTimeUtc(request.expectedAt)}. We will email you again when there is news.`,
    ],
    facts: [
      ['Request number', request.id],
      ['New status', words],
      ...(official ? [['Handled by', officialLabel(official)] as Fact] : []),
    ],
    quote: { label: 'Message from the city', text: update.note },
    action: { label: 'Follow your request', url: requestUrl },
  });
}

/** The request as the Secretariat reads it: everything, the citizen's contact included. */
const secretariatFacts = (request: CivicRequest): Fact[] => [
  ['City', `${request.cityName} (${request.cityId})`],
  ['Matter', `${request.serviceName}, code ${request.service}`],
  ...placeFacts(request),
  ['Submitted', formatDateTimeUtc(request.createdAt)],
  ['Status', statusInWords(request.status)],
  ...contactFacts(request),
];

const assignCall = (request: CivicRequest): string =>
  `POST /requests/${request.id}/assign with { officialId, reason }`;

/** To the Secretariat: no routing rule matched the request, so it has no official (`submitted`). */
export function unroutedRequestEmail(
  secretariatEmail: string,
  request: CivicRequest,
  requestUrl: string,
): EmailMessage {
  const city = request.cityId;
  return renderEmail({
    to: [secretariatEmail],
    subject: `[WeGO CPS] Action needed: request ${request.id} has no official (${matterIn(request)}, ${clip(request.cityName)})`,
    heading: 'A request has no official',
    paragraphs: [
      `No routing rule of ${request.cityName} matched this request (${request.serviceName} in ${request.district}), and the city has no default rule. The citizen was told that the WeGO Secretariat will find the right office.`,
      'What to do:',
      `1. Assign it to the right official: ${assignCall(request)} (GET /cities/${city}/officials lists them). The official is emailed at once.`,
      `2. So that the next request like it finds an official: add a rule with PUT /cities/${city}/routing, for this district and matter, for this matter in any district ("*"), or a city default ("*"/"*"). PUT replaces all the rules: start from GET /cities/${city}/routing.`,
    ],
    facts: [['Request', request.id], dueFact(request), ...secretariatFacts(request)],
    quote: { label: DESCRIPTION_LABEL, text: request.description },
    action: { label: 'Open the request', url: requestUrl },
  });
}

/** "3 days and 4 hours": how long ago a due time passed, to the hour. */
function elapsed(from: string, to: Date): string | undefined {
  const ms = to.getTime() - new Date(from).getTime();
  if (!Number.isFinite(ms) || ms <= 0) return undefined;
  const hours = Math.floor(ms / 3_600_000);
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (days === 0) return hours === 0 ? 'less than an hour' : unit(hours, 'hour');
  return rest === 0 ? unit(days, 'day') : `${unit(days, 'day')} and ${unit(rest, 'hour')}`;
}

/**
 * To the Secretariat: an open request is past its expected date and was escalated. `now` defaults
 * to the escalation time, so the email says by how long it is late.
 */
export function overdueRequestEmail(
  secretariatEmail: string,
  request: CivicRequest,
  requestUrl: string,
  now: Date = new Date(request.escalatedAt ?? Date.now()),
): EmailMessage {
  const official = request.assignedTo;
  const due = formatDateTimeUtc(request.expectedAt);
  const late = elapsed(request.expectedAt, now);
  return renderEmail({
    to: [secretariatEmail],
    subject: `[WeGO CPS] Overdue: request ${request.id} (${matterIn(request)}, ${clip(request.cityName)})`,
    heading: late ? `Request overdue by ${late}` : 'Overdue request',
    paragraphs: [
      `This request in ${request.cityName} was expected to be dealt with by ${due}, and its status is still "${statusInWords(request.status)}". It is now marked overdue.`,
      official
        ? `What to do: ask ${official.name} (${official.email}) for an update on the request page. If someone else should handle it, hand it over: ${assignCall(request)}. The new official is emailed at once.`
        : `What to do: no routing rule matched it and nobody assigned it. Assign it to the right official: ${assignCall(request)}. The official is emailed at once.`,
    ],
    facts: [
      ['Request', request.id],
      ['Due since', due],
      ...(late ? [['Overdue by', late] as Fact] : []),
      ...(official
        ? [['Assigned to', officialLabel(official)] as Fact, ['Official email', official.email] as Fact]
        : [['Assigned to', 'Nobody (no routing rule matched)'] as Fact]),
      ...secretariatFacts(request),
    ],
    quote: { label: DESCRIPTION_LABEL, text: request.description },
    action: { label: 'Open the request', url: requestUrl },
  });
}
