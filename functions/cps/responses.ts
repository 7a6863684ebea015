import { describes, pageOf, timestamp } from '../shared/responses.ts';
import * as z from '../shared/zod.ts';
import { REQUEST_STATUSES } from './request-status.ts';
import { ATTRIBUTE_TYPES, type Official, type RoutingRule, type Service } from './types.ts';
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

const status = z.enum(REQUEST_STATUSES);
const publicAssignee = z.object({ name: z.string(), title: z.string() });

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
    z.array(z.string()).check(z.describe('Photos of the need, as links the client gave')),
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
  extra: z.optional(kept.check(z.describe('Fields an app sent that the CPS has no place for, as sent'))),
  contact,
  assignedTo: z.optional(
    z.object({ officialId: z.string(), name: z.string(), title: z.string(), email: z.string() }),
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
  }),
);

/** An entry of an official's queue: the request without its updates. */
export const queuePage = pageOf(z.object(fullFields));
