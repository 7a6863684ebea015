import { type EmailMessage, renderEmail } from '../emails/message.ts';
import { formatDate, LANGUAGE_NAMES, type Language, type Translator, translator } from '../shared/i18n.ts';
import { cpsEmailMessages } from './email-messages.ts';
import type { RequestStatus } from './request-status.ts';
import type { Assignee, CivicRequest, RequestUpdate } from './types.ts';

/**
 * The Civic Participation System emails. Every one is structured content for `renderEmail`, which
 * escapes all values in the HTML part and keeps the subject on one line; nothing here builds HTML.
 *
 * Languages: a citizen's emails are in the language of their request, an official's in the official's,
 * the Secretariat's in English (messages in email-messages.ts; Arabic right to left).
 *
 * Every subject carries the request id, so an official or the Secretariat can find the request
 * from the inbox alone. Who sees what follows `GET /requests/{id}`: the assigned official
 * and the Secretariat see the citizen's contact details; the citizen sees the official's name and
 * title, never the official's email address (nor the `actor` of an update, which may be one).
 */

type T = Translator<keyof (typeof cpsEmailMessages)['en']>;
const tr = (lang: Language | undefined): T => translator(lang ?? 'en', cpsEmailMessages);

/** A moment in the reader's language, in UTC (the platform's time zone), saying so. */
const when = (t: T, value: string | Date): string => t('date.utc', { when: formatDate(t, value, true) });

/** A request status as a citizen reads it, e.g. `in_progress` → "in progress". */
export const statusInWords = (status: RequestStatus, lang: Language = 'en'): string =>
  tr(lang)('status', { status });

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
const matterIn = (t: T, request: CivicRequest): string =>
  t('request.matterIn', { matter: clip(request.serviceName), district: clip(request.district) });

/** "Pothole in Itaquera, São Paulo": where the request is, in a sentence. */
const whatAndWhere = (t: T, request: CivicRequest): string =>
  t('request.whatWhere', { matter: request.serviceName, district: request.district, city: request.cityName });

const coordinate = (value: number): string => String(Number(value.toFixed(6)));

/** An OpenStreetMap page with a marker on the spot, zoomed to the street. */
export function openStreetMapUrl(location: { lat: number; lng: number }): string {
  const lat = coordinate(location.lat);
  const lng = coordinate(location.lng);
  return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lng}#map=18/${lat}/${lng}`;
}

type Fact = [string, string];

/** Where the problem is: district, address and the map point when the citizen gave them. */
const placeFacts = (t: T, request: CivicRequest, withMap = true): Fact[] => [
  [t('fact.district'), request.district],
  ...(request.address ? [[t('fact.address'), request.address] as Fact] : []),
  ...(request.location
    ? [
        [
          t('fact.location'),
          `${coordinate(request.location.lat)}, ${coordinate(request.location.lng)}`,
        ] as Fact,
        ...(withMap ? [[t('fact.map'), openStreetMapUrl(request.location)] as Fact] : []),
      ]
    : []),
];

/** The citizen's contact details, for the assigned official and the Secretariat only. */
const contactFacts = (t: T, request: CivicRequest): Fact[] => {
  const { name, email, phone } = request.contact ?? {};
  if (!name && !email && !phone) return [[t('fact.citizen'), t('fact.noContact')]];
  return [
    [t('fact.citizen'), name || t('fact.nameNotGiven')],
    ...(email ? [[t('fact.citizenEmail'), email] as Fact] : []),
    ...(phone ? [[t('fact.citizenPhone'), phone] as Fact] : []),
    // So that an official who calls back knows which language to expect.
    ...(email || phone
      ? [[t('fact.citizenLanguage'), LANGUAGE_NAMES[request.language ?? 'en']] as Fact]
      : []),
  ];
};

const officialLabel = (t: T, official: Pick<Assignee, 'name' | 'title'>): string =>
  t('official.label', { name: official.name, title: official.title });

/** The due time, flagged once it has passed. */
const dueFact = (t: T, request: CivicRequest): Fact => {
  const due = when(t, request.expectedAt);
  return [t('fact.expectedBy'), request.overdue ? t('due.overdue', { due }) : due];
};

/** What an official must do and by when, overdue or not. */
const deadline = (t: T, request: CivicRequest): string =>
  t(request.overdue ? 'official.deadlineOverdue' : 'official.deadline', { due: when(t, request.expectedAt) });

/**
 * The citizen's description as one fact line, for emails whose quote box holds something else.
 * Its lines are joined, so a line the citizen typed cannot pass for a fact in the text part.
 */
const oneLineText = (text: string): string =>
  text
    .split(/\r\n|[\r\n\u2028\u2029]/)
    .map((l) => l.trim())
    .filter(Boolean)
    .join(' / ');

/** The request for the official who must act on it: when, what, where, and who to call back. */
const officialFacts = (t: T, request: CivicRequest): Fact[] => [
  [t('fact.request'), request.id],
  dueFact(t, request),
  [t('fact.matter'), request.serviceName],
  ...placeFacts(t, request),
  [t('fact.submitted'), when(t, request.createdAt)],
  ...contactFacts(t, request),
];

/**
 * The request's photos, as links after the button: on the CDN (`/media/`) for photos sent with the
 * request, or where a civic app keeps them. Links rather than images, which most mail clients block.
 */
const photoLinks = (t: T, request: CivicRequest) => {
  const urls = request.mediaUrls ?? [];
  return urls.length > 0
    ? { links: urls.map((url, i) => ({ label: t('official.photo', { n: i + 1, count: urls.length }), url })) }
    : {};
};

/** The words of an email in a language, with the direction its HTML is laid out in. */
const inLanguage = (t: T) => ({ lang: t.lang });

/** To the official that routing chose: a new request is theirs, with everything needed to act on it. */
export function assignmentEmail(request: CivicRequest, official: Assignee, requestUrl: string): EmailMessage {
  const t = tr(official.language);
  return renderEmail({
    ...inLanguage(t),
    to: [official.email],
    subject: t('assign.subject', { id: request.id, what: matterIn(t, request) }),
    heading: t('assign.heading'),
    paragraphs: [
      t('official.greeting', { name: official.name }),
      t('assign.body', { whatWhere: whatAndWhere(t, request), deadline: deadline(t, request) }),
      t('official.updatesArePublic'),
    ],
    facts: officialFacts(t, request),
    quote: { label: t('official.citizenDescription'), text: request.description },
    action: { label: t('official.open'), url: requestUrl },
    ...photoLinks(t, request),
  });
}

/** To the official a request was handed over to (`POST /requests/{id}/assign`), with the reason given. */
export function handOverEmail(
  request: CivicRequest,
  newOfficial: Assignee,
  reason: string,
  requestUrl: string,
): EmailMessage {
  const t = tr(newOfficial.language);
  return renderEmail({
    ...inLanguage(t),
    to: [newOfficial.email],
    subject: t('handOver.subject', { id: request.id, what: matterIn(t, request) }),
    heading: t('handOver.heading'),
    paragraphs: [
      t('official.greeting', { name: newOfficial.name }),
      t('handOver.body', { whatWhere: whatAndWhere(t, request), deadline: deadline(t, request) }),
      t('official.updatesArePublic'),
    ],
    facts: [...officialFacts(t, request), [t('fact.description'), oneLineText(request.description)]],
    quote: { label: t('handOver.reason'), text: reason },
    action: { label: t('official.open'), url: requestUrl },
    ...photoLinks(t, request),
  });
}

/** The citizen's answer to "is it fixed?" that reopened the request, as its official reads it. */
export interface NotFixedAnswer {
  /** When the citizen answered. */
  readonly at: string;
  /** When the request had been marked resolved. */
  readonly resolvedAt: string;
  readonly note?: string;
  /** How many times the request has been reopened, this time included. */
  readonly times: number;
}

/**
 * To the official in charge: the citizen says the resolved request is not fixed, so it is open again,
 * due anew, with the citizen's comment. `request` is the reopened request.
 */
export function reopenedEmail(
  request: CivicRequest,
  official: Assignee,
  answer: NotFixedAnswer,
  requestUrl: string,
): EmailMessage {
  const t = tr(official.language);
  return renderEmail({
    ...inLanguage(t),
    to: [official.email],
    subject: t('reopen.subject', { id: request.id, what: matterIn(t, request) }),
    heading: t('reopen.heading'),
    paragraphs: [
      t('official.greeting', { name: official.name }),
      t('reopen.body', {
        whatWhere: whatAndWhere(t, request),
        resolvedAt: when(t, answer.resolvedAt),
        at: when(t, answer.at),
        deadline: deadline(t, request),
      }),
      ...(answer.times > 1 ? [t('reopen.count', { count: answer.times })] : []),
      ...(answer.note ? [] : [t('reopen.noComment')]),
    ],
    facts: [
      ...officialFacts(t, request),
      [t('fact.resolved'), when(t, answer.resolvedAt)],
      [t('fact.description'), oneLineText(request.description)],
    ],
    ...(answer.note ? { quote: { label: t('reopen.comment'), text: answer.note } } : {}),
    action: { label: t('official.open'), url: requestUrl },
    ...photoLinks(t, request),
  });
}

/** The citizen's address, or none: a request without one gets no citizen email. */
const citizen = (request: CivicRequest): string[] => {
  const email = request.contact?.email?.trim();
  return email ? [email] : [];
};

const greeting = (t: T, request: CivicRequest): string =>
  request.contact?.name ? t('citizen.greetingNamed', { name: request.contact.name }) : t('citizen.greeting');

/** The pages a citizen's email links, in their language; the token links only when they gave an email. */
export interface CitizenLinks {
  /** The request's public page. */
  readonly page: string;
  /** "Remove my contact details" from this request. */
  readonly removeContact: string;
  /** "Is it fixed?" (resolution emails). */
  readonly feedback?: string;
}

/** The privacy paragraph and its link, in every email to a citizen. */
const privacy = (t: T, links: CitizenLinks) => ({
  paragraph: t('citizen.privacy'),
  link: { label: t('citizen.removeContact'), url: links.removeContact },
});

/** The service level as a period: whole days when it is some, hours otherwise. */
const slaPeriod = (t: T, request: CivicRequest): string => {
  const hours =
    request.slaHours ??
    Math.max(1, Math.round((Date.parse(request.expectedAt) - Date.parse(request.createdAt)) / 3_600_000));
  return hours % 24 === 0 ? t('period.days', { days: hours / 24 }) : t('period.hours', { hours });
};

/**
 * To the citizen, once the request is stored: its number, who handles it and when to expect an
 * answer, the page to follow it and the link that removes their contact details. A request without
 * `contact.email` yields a message with no recipient (`to: []`): do not queue it.
 */
export function citizenAcknowledgementEmail(request: CivicRequest, links: CitizenLinks): EmailMessage {
  const t = tr(request.language);
  const due = when(t, request.expectedAt);
  const official = request.assignedTo;
  const period = slaPeriod(t, request);
  const { paragraph, link } = privacy(t, links);
  return renderEmail({
    ...inLanguage(t),
    to: citizen(request),
    subject: t('ack.subject', { id: request.id, what: matterIn(t, request) }),
    heading: t('ack.heading'),
    paragraphs: [
      greeting(t, request),
      t('ack.received', { city: request.cityName, id: request.id }),
      official
        ? t('ack.nextOfficial', { official: officialLabel(t, official), period, due })
        : t('ack.nextSecretariat', { district: request.district, period, due }),
      t('ack.follow'),
      paragraph,
    ],
    facts: [
      [t('fact.requestNumber'), request.id],
      [t('fact.matter'), request.serviceName],
      ...placeFacts(t, request, false),
      [t('fact.handledBy'), official ? officialLabel(t, official) : t('fact.toBeDecided')],
      [t('fact.status'), t('status', { status: request.status })],
      [t('fact.expectedBy'), due],
    ],
    quote: { label: t('citizen.yourDescription'), text: request.description },
    action: { label: t('citizen.follow'), url: links.page },
    links: [link],
  });
}

/**
 * To the citizen, for a public update: the new status in plain words and the city's note. Never
 * names the update's `actor` (it may be an email address). Same no-recipient rule as above.
 */
export function citizenUpdateEmail(
  request: CivicRequest,
  update: RequestUpdate,
  links: CitizenLinks,
): EmailMessage {
  const t = tr(request.language);
  const official = request.assignedTo;
  const words = t('status', { status: update.status });
  const finished = update.status === 'resolved' || update.status === 'closed';
  const { paragraph, link } = privacy(t, links);
  return renderEmail({
    ...inLanguage(t),
    to: citizen(request),
    subject: t('update.subject', { id: request.id, what: matterIn(t, request), status: words }),
    heading: t('update.heading', { status: update.status }),
    paragraphs: [
      greeting(t, request),
      t('update.body', {
        city: request.cityName,
        what: t('request.matterIn', { matter: request.serviceName, district: request.district }),
        at: when(t, update.at),
        status: words,
      }),
      finished ? t('update.closedNext') : t('update.next', { due: when(t, request.expectedAt) }),
      paragraph,
    ],
    facts: [
      [t('fact.requestNumber'), request.id],
      [t('fact.newStatus'), words],
      ...(official ? [[t('fact.handledBy'), officialLabel(t, official)] as Fact] : []),
    ],
    quote: { label: t('update.cityMessage'), text: update.note },
    action: { label: t('citizen.follow'), url: links.page },
    links: [link],
  });
}

/**
 * To the citizen, when their request is resolved: "is it fixed?". The button opens a page that asks
 * (a mail scanner following it answers nothing); the city's note is quoted when it is public.
 */
export function citizenResolvedEmail(
  request: CivicRequest,
  update: RequestUpdate,
  links: CitizenLinks & { readonly feedback: string },
): EmailMessage {
  const t = tr(request.language);
  const official = request.assignedTo;
  const { paragraph, link } = privacy(t, links);
  return renderEmail({
    ...inLanguage(t),
    to: citizen(request),
    subject: t('resolved.subject', { id: request.id, what: matterIn(t, request) }),
    heading: t('resolved.heading'),
    paragraphs: [
      greeting(t, request),
      [
        t('resolved.body', {
          city: request.cityName,
          what: t('request.matterIn', { matter: request.serviceName, district: request.district }),
          at: when(t, update.at),
        }),
        ...(update.public ? [t('resolved.messageBelow')] : []),
      ].join(' '),
      t('resolved.ask'),
      paragraph,
    ],
    facts: [
      [t('fact.requestNumber'), request.id],
      [t('fact.status'), t('status', { status: 'resolved' })],
      ...(official ? [[t('fact.handledBy'), officialLabel(t, official)] as Fact] : []),
    ],
    ...(update.public ? { quote: { label: t('update.cityMessage'), text: update.note } } : {}),
    action: { label: t('resolved.answer'), url: links.feedback },
    links: [{ label: t('citizen.follow'), url: links.page }, link],
  });
}

/* The Secretariat's emails: English, with the same facts as the officials'. */
const english = tr('en');

/** The request as the Secretariat reads it: everything, the citizen's contact included. */
const secretariatFacts = (request: CivicRequest): Fact[] => [
  ['City', `${request.cityName} (${request.cityId})`],
  ['Matter', `${request.serviceName}, code ${request.service}`],
  ...placeFacts(english, request),
  ['Submitted', when(english, request.createdAt)],
  ['Status', statusInWords(request.status)],
  ...contactFacts(english, request),
];

const assignCall = (request: CivicRequest): string =>
  `POST /requests/${request.id}/assign with { officialId, reason }`;

const DESCRIPTION_LABEL = "The citizen's description";

/** To the Secretariat: no routing rule matched the request, so it has no official (`submitted`). */
export function unroutedRequestEmail(
  secretariatEmail: string,
  request: CivicRequest,
  requestUrl: string,
): EmailMessage {
  const city = request.cityId;
  return renderEmail({
    to: [secretariatEmail],
    subject: `[WeGO CPS] Action needed: request ${request.id} has no official (${matterIn(english, request)}, ${clip(request.cityName)})`,
    heading: 'A request has no official',
    paragraphs: [
      `No routing rule of ${request.cityName} matched this request (${request.serviceName} in ${request.district}), and the city has no default rule. The citizen was told that the WeGO Secretariat will find the right office.`,
      'What to do:',
      `1. Assign it to the right official: ${assignCall(request)} (GET /cities/${city}/officials lists them). The official is emailed at once.`,
      `2. So that the next request like it finds an official: add a rule with PUT /cities/${city}/routing, for this district and matter, for this matter in any district ("*"), or a city default ("*"/"*"). PUT replaces all the rules: start from GET /cities/${city}/routing.`,
    ],
    facts: [['Request', request.id], dueFact(english, request), ...secretariatFacts(request)],
    quote: { label: DESCRIPTION_LABEL, text: request.description },
    action: { label: 'Open the request', url: requestUrl },
    ...photoLinks(english, request),
  });
}

/** "3 days and 4 hours": how long ago a due time passed, to the hour. */
function elapsed(from: string, to: Date): string | undefined {
  const ms = to.getTime() - new Date(from).getTime();
  if (!Number.isFinite(ms) || ms <= 0) return undefined;
  const hours = Math.floor(ms / 3_600_000);
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  if (days === 0) return hours === 0 ? 'less than an hour' : english('period.hours', { hours });
  const inDays = english('period.days', { days });
  return rest === 0 ? inDays : `${inDays} and ${english('period.hours', { hours: rest })}`;
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
  const due = when(english, request.expectedAt);
  const late = elapsed(request.expectedAt, now);
  return renderEmail({
    to: [secretariatEmail],
    subject: `[WeGO CPS] Overdue: request ${request.id} (${matterIn(english, request)}, ${clip(request.cityName)})`,
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
        ? [
            ['Assigned to', officialLabel(english, official)] as Fact,
            ['Official email', official.email] as Fact,
          ]
        : [['Assigned to', 'Nobody (no routing rule matched)'] as Fact]),
      ...secretariatFacts(request),
    ],
    quote: { label: DESCRIPTION_LABEL, text: request.description },
    action: { label: 'Open the request', url: requestUrl },
    ...photoLinks(english, request),
  });
}
