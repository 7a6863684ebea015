import type { RequestStatus } from './request-status.ts';

/** A matter a city handles, with its service level (hours until a request is due). */
export interface Service {
  readonly code: string;
  readonly name: string;
  readonly description?: string;
  readonly group?: string;
  readonly slaHours: number;
}

export interface Official {
  readonly id: string;
  readonly cityId: string;
  readonly name: string;
  readonly title: string;
  readonly email: string;
  readonly phone?: string;
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
  readonly contact?: Contact;
  readonly status: RequestStatus;
  readonly assignedTo?: Assignee;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly expectedAt: string;
  readonly overdue?: boolean;
  readonly escalatedAt?: string;
  /** When the retention sweep removed the citizen's contact from this closed request. */
  readonly contactRemovedAt?: string;
  /** The note of the latest public update, kept on the request so lists need no read of its updates. */
  readonly publicNote?: string;
}

export interface RequestUpdate {
  readonly at: string;
  readonly actor: string;
  readonly status: RequestStatus;
  readonly note: string;
  readonly public: boolean;
}
