import { requestsById, requestsInWindow } from './city-requests.ts';
import { overdueRequests } from './overdue.ts';
import { newRequestEmails } from './request-emails.ts';
import { createRequest, getRequest } from './requests.ts';
import type { RequestForm } from './schemas.ts';
import { findService, listServices, servicesChangedAt } from './services.ts';

/**
 * What other features (Open311, the web pages) may ask of the CPS, and the only way they reach it:
 * a city's services, filing a request as a citizen does, the public reads of requests, and the
 * overdue requests (for the Secretariat's overview).
 */
export const cps = {
  services: listServices,
  service: findService,
  servicesChangedAt,
  /**
   * Files a citizen's request: routed, stored, the official emailed, as `POST /cities/{id}/requests`
   * does. `alongside` is the caller's own check, read together with the routing.
   */
  file: (cityId: string, form: RequestForm, alongside?: Promise<unknown>) =>
    createRequest(cityId, form, newRequestEmails, alongside ? { alongside } : {}),
  request: getRequest,
  requestsInWindow,
  requestsById,
  overdue: overdueRequests,
};
