import { publicBaseUrl } from '../shared/config.ts';
import type { Language } from '../shared/i18n.ts';

/**
 * The pages the CPS emails link, in the recipient's language: every link opens a page of the site,
 * never a JSON document. A token in a link opens a page; only the button on it changes anything
 * (mail scanners follow links).
 */
const base = publicBaseUrl();
const page = (lang: Language, path: string) => `${base}/${lang}${path}`;
const id = (requestId: string) => encodeURIComponent(requestId);

/** The citizen's page of a request: its timeline, public notes and expected date. */
export const citizenRequestUrl = (lang: Language, requestId: string) =>
  page(lang, `/requests/${id(requestId)}`);

/** The official's page of a request: contact, history, updates and hand-over (the Secretariat's too). */
export const officialRequestUrl = (lang: Language, requestId: string) =>
  page(lang, `/official/requests/${id(requestId)}`);

/** "Is it fixed?": the page asks, a button answers. */
export const feedbackUrl = (lang: Language, requestId: string, token: string) =>
  page(lang, `/requests/${id(requestId)}/feedback?token=${encodeURIComponent(token)}`);

/** "Remove my contact details" from this request. */
export const contactRemovalUrl = (lang: Language, requestId: string, token: string) =>
  page(lang, `/requests/${id(requestId)}/contact?token=${encodeURIComponent(token)}`);
