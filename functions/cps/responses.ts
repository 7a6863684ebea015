import * as z from 'zod';
import { describes, pageOf, timestamp } from '../shared/responses.ts';
import { REQUEST_STATUSES } from './request-status.ts';
import type { Official, RoutingRule, Service } from './types.ts';
import type { fullView, publicView } from './views.ts';

/** What the CPS routes answer (for the OpenAPI document; see shared/responses.ts). */
export const service = describes<Service>()(
  z.object({
    code: z.string(),
    name: z.string(),
    description: z.string().optional(),
    group: z.string().optional(),
    slaHours: z.number().int().describe('Hours until a request for this service is due'),
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
    phone: z.string().optional(),
  }),
);
export const officialList = z.object({ items: z.array(official) });

const rule = describes<RoutingRule>()(
  z.object({
    district: z.string().describe('A district, or `*` for any'),
    service: z.string().describe('A service code, or `*` for any'),
    officialId: z.string(),
  }),
);
export const routingRules = z.object({ rules: z.array(rule) });

const status = z.enum(REQUEST_STATUSES);
const publicAssignee = z.object({ name: z.string(), title: z.string() });

export const requestCreated = z.object({
  id: z.string(),
  status,
  assignedTo: publicAssignee.optional().describe('Absent when no routing rule matched'),
  expectedAt: timestamp.describe("From the service's slaHours"),
});

const publicFields = {
  id: z.string(),
  cityId: z.string(),
  cityName: z.string(),
  service: z.string(),
  serviceName: z.string(),
  district: z.string(),
  description: z.string(),
  location: z.object({ lat: z.number(), lng: z.number() }).optional(),
  address: z.string().optional(),
  status,
  assignedTo: publicAssignee.optional(),
  createdAt: timestamp,
  updatedAt: timestamp,
  expectedAt: timestamp,
  overdue: z.boolean(),
};

export const publicRequest = describes<ReturnType<typeof publicView>>()(
  z.object({
    ...publicFields,
    updates: z.array(z.object({ at: timestamp, status, note: z.string() })).describe('Public updates only'),
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
    name: z.string().optional(),
    email: z.string().optional(),
    phone: z.string().optional(),
  }),
  assignedTo: z
    .object({ officialId: z.string(), name: z.string(), title: z.string(), email: z.string() })
    .optional(),
  escalatedAt: timestamp.optional(),
  contactRemovedAt: timestamp
    .optional()
    .describe("When the citizen's contact details were removed, the retention period after closing"),
};

export const fullRequest = describes<ReturnType<typeof fullView>>()(
  z.object({ ...fullFields, updates: z.array(update).describe('Every update, internal notes included') }),
);

/** An entry of an official's queue: the request without its updates. */
export const queuePage = pageOf(z.object(fullFields));
