import { MEMBERSHIP_STATUSES } from '../membership/application.ts';
import { LANGUAGES } from '../shared/i18n.ts';
import { describes, pageOf, timestamp } from '../shared/responses.ts';
import * as z from '../shared/zod.ts';
import { REQUEST_STATUSES } from './request-status.ts';
import type { CitySetup, RoutingPreview } from './setup.ts';
import { TIMELINE_EVENTS } from './timeline.ts';
import { ATTRIBUTE_TYPES, type Official, type RoutingRule, type Service, UPDATE_KINDS } from './types.ts';
import type { fullView, publicView } from './views.ts';

/** What the CPS routes answer (for the OpenAPI document; see shared/responses.ts). */
export const service = describes<Service>()(
  z.object({
    code: z.string(),
    name: z.string(),
    description: z.optional(z.string()),
    group: z.optional(z.string()),
    slaHours: z.number().check(z.int(), z.describe('Hours until a request for this service is due')),
    attributes: z.optional(
      z.array(
        z.object({
          code: z.string(),
          datatype: z.enum(ATTRIBUTE_TYPES),
          required: z.boolean(),
          description: z.string(),
          datatypeDescription: z.optional(z.string()),
          order: z.optional(z.number()),
          values: z.optional(z.array(z.object({ key: z.string(), name: z.string() }))),
        }),
      ),
    ),
  }),
);
export const serviceList = z.object({ services: z.array(service) });

export const official = describes<Official>()(
  z.object({
    id: z.string(),
    cityId: z.string(),
    name: z.string(),
    title: z.string(),
    email: z.string(),
    phone: z.optional(z.string()),
    language: z.enum(LANGUAGES),
  }),
);
export const officialList = z.object({ items: z.array(official) });

const rule = describes<RoutingRule>()(
  z.object({
    district: z.string().check(z.describe('A district, or `*` for any')),
    service: z.string().check(z.describe('A service code, or `*` for any')),
    officialId: z.string(),
  }),
);
export const routingRules = z.object({ rules: z.array(rule) });

export const setupView = describes<CitySetup>()(
  z.object({
    city: z.object({
      id: z.string(),
      name: z.string(),
      country: z.string(),
      status: z.enum(MEMBERSHIP_STATUSES),
    }),
    services: z.array(service),
    officials: z.array(official),
    rules: z.array(rule),
    servicesUpdatedAt: z.optional(
      timestamp.check(z.describe('When the services were last replaced: send it back as expectedUpdatedAt')),
    ),
    routingUpdatedAt: z.optional(
      timestamp.check(z.describe('When the rules were last replaced: send it back as expectedUpdatedAt')),
    ),
  }),
);

export const routingPreview = describes<RoutingPreview>()(
  z.object({
    district: z.string(),
    service: z.object({ code: z.string(), name: z.string(), slaHours: z.number() }),
    rule: z.optional(rule),
    official: z.optional(z.object({ id: z.string(), name: z.string(), title: z.string() })),
  }),
);

const status = z.enum(REQUEST_STATUSES);
const publicAssignee = z.object({ name: z.string(), title: z.string() });
const language = z.enum(LANGUAGES);

export const requestCreated = z.object({
  id: z.string(),
  status,
  assignedTo: z.optional(publicAssignee).check(z.describe('Absent when no routing rule matched')),
  expectedAt: timestamp.check(z.describe("From the service's slaHours")),
});

const publicFields = {
  id: z.string(),
  cityId: z.string(),
  cityName: z.string(),
  service: z.string(),
  serviceName: z.string(),
  district: z.string(),
  description: z.string(),
  location: z.optional(z.object({ lat: z.number(), lng: z.number() })),
  address: z.optional(z.string()),
  addressId: z.optional(z.string().check(z.describe("An address id of the client's (Open311 address_id)"))),
  mediaUrls: z.optional(
    z
      .array(z.string())
      .check(
        z.describe(
          'Photos of the need, in order: links an Open311 app gave, then the photos attached (on the site, under /media/)',
        ),
      ),
  ),
  status,
  assignedTo: z.optional(publicAssignee),
  createdAt: timestamp,
  updatedAt: timestamp,
  expectedAt: timestamp,
  overdue: z.boolean(),
};

export const publicRequest = describes<ReturnType<typeof publicView>>()(
  z.object({
    ...publicFields,
    updates: z
      .array(z.object({ at: timestamp, status, note: z.string() }))
      .check(z.describe('Public updates only')),
    timeline: z
      .array(
        z.object({
          at: timestamp,
          event: z.enum(TIMELINE_EVENTS),
          note: z.optional(z.string()).check(z.describe("The official's public note")),
          official: z.optional(publicAssignee).check(z.describe('Who it was assigned to (`assigned`)')),
        }),
      )
      .check(
        z.describe(
          'The history in plain events, oldest first: submitted, assigned (to an official), in_progress, resolved, closed, reopened (the citizen said it is not fixed), fixed (the citizen confirmed it), note (a public note). No internal notes, contact details or emails.',
        ),
      ),
  }),
);

const contact = z.object({
  name: z.optional(z.string()),
  email: z.optional(z.string()),
  phone: z.optional(z.string()),
});
const kept = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
const update = z.object({
  at: timestamp,
  actor: z.string(),
  status,
  note: z.string(),
  public: z.boolean(),
  kind: z.optional(z.enum(UPDATE_KINDS)),
  official: z.optional(publicAssignee),
  app: z.optional(
    z
      .object({
        app: z.string(),
        updateId: z.optional(z.string()),
        reportedStatus: z.optional(z.string()),
        writtenAt: z.optional(z.string()),
        author: z.optional(contact),
        mediaUrls: z.optional(z.array(z.string())),
        extra: z.optional(kept),
      })
      .check(z.describe("A citizen's comment a civic app posted (Open311 servicerequestupdates)")),
  ),
});
const fullFields = {
  ...publicFields,
  attributes: z.optional(
    kept.check(z.describe("Answers to the service's attributes, and attributes an app sent of its own")),
  ),
  answers: z.optional(
    z
      .array(
        z.object({
          code: z.string(),
          question: z.string(),
          datatype: z.enum(ATTRIBUTE_TYPES),
          answer: z.array(z.string()),
        }),
      )
      .check(
        z.describe(
          "The answers to the service's questions as the citizen was asked them: the question's words and the chosen values' names when the request was filed",
        ),
      ),
  ),
  extra: z.optional(kept.check(z.describe('Fields an app sent that the CPS has no place for, as sent'))),
  contact,
  language: language.check(z.describe('The language the citizen filed in; their emails are in it')),
  assignedTo: z.optional(
    z.object({
      officialId: z.string(),
      name: z.string(),
      title: z.string(),
      email: z.string(),
      language: z.optional(language),
    }),
  ),
  escalatedAt: z.optional(timestamp),
  contactRemovedAt: z
    .optional(timestamp)
    .check(z.describe("When the citizen's contact details were removed, the retention period after closing")),
};

export const fullRequest = describes<ReturnType<typeof fullView>>()(
  z.object({
    ...fullFields,
    updates: z.array(update).check(z.describe('Every update, internal notes included')),
    timeline: publicRequest.shape.timeline,
  }),
);

/** An entry of an official's queue: the request without its updates and timeline. */
export const queuePage = pageOf(z.object(fullFields));

export const contactRemoved = z.object({
  id: z.string(),
  contactRemovedAt: timestamp.check(z.describe("When the citizen's contact details were removed")),
});

/** Officials a request may be handed over to: who they are, not how to reach them. */
export const assigneeList = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), title: z.string() })),
});
