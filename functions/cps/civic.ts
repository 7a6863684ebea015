import { addAppComment } from './app-comments.ts';
import { attributesOf } from './attributes.ts';
import { requestsById, requestsInWindow } from './city-requests.ts';
import { publicUpdatesInWindow } from './city-updates.ts';
import { overdueRequests } from './overdue.ts';
import type { RequestPhotos } from './photos.ts';
import { newRequestEmails } from './request-emails.ts';
import { createRequest, getRequest, type NewRequest } from './requests.ts';
import { findService, listServices, servicesChangedAt } from './services.ts';

/**
 * What other features (Open311, the web pages) may ask of the CPS, and the only way they reach it:
 * a city's services, filing a request as a citizen does, the public reads of requests and of their
 * public updates, a citizen's comment posted by a civic app, and the overdue requests (for the
 * Secretariat's overview).
 */
export const cps = {
  services: listServices,
  service: findService,
  /** Every attribute of a service, the routing `district` included, in the order an app asks them. */
  attributesOf,
  servicesChangedAt,
  /**
   * Files a citizen's request: routed, stored, the official emailed, as `POST /cities/{id}/requests`
   * does. `alongside` is the caller's own check, read together with the routing. Attributes the
   * service does not define are kept as sent (civic apps send their own). `photos` are those an app
   * sent in its body (`receivedPhotos` of photos.ts, the interface for photos, kept apart so that
   * features that never handle photos do not load the uploads module and its bucket).
   */
  file: (cityId: string, form: NewRequest, alongside?: Promise<unknown>, photos?: RequestPhotos) =>
    createRequest(cityId, form, newRequestEmails, {
      keepUnknownAttributes: true,
      ...(alongside ? { alongside } : {}),
      ...(photos ? { photos } : {}),
    }),
  request: getRequest,
  requestsInWindow,
  requestsById,
  publicUpdatesInWindow,
  comment: addAppComment,
  overdue: overdueRequests,
};
