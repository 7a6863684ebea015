import { MEMBERSHIP_STATUSES } from '../membership/application.ts';
import { describes, pageOf, timestamp } from '../shared/responses.ts';
import * as z from '../shared/zod.ts';
import { REQUEST_STATUSES } from './request-status.ts';
import type { CitySetup, RoutingPreview } from './setup.ts';
import type { Official, RoutingRule, Service } from './types.ts';
import type { fullView, publicView } from './views.ts';

/** What the CPS routes answer (for the OpenAPI document; see shared/responses.ts). */
export const service = describes<Service>()(
  z.object({
    code: z.string(),
    name: z.string(),
    description: z.optional(z.string()),
    group: z.optional(z.string()),
    slaHours: z.number().check(z.int(), z.describe('Hours until a request for this service is due')),
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

const update = z.object({
  at: timestamp,
  actor: z.string(),
  status,
  note: z.string(),
  public: z.boolean(),
});
const fullFields = {
  ...publicFields,
  contact: z.object({
    name: z.optional(z.string()),
    email: z.optional(z.string()),
    phone: z.optional(z.string()),
  }),
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
