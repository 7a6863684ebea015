import { contactRemovalBody, feedbackBody } from '../../cps/schemas.ts';
import { type Language, translator } from '../../shared/i18n.ts';
import * as z from '../../shared/zod.ts';
import { type ApiAnswer, api } from '../api-client.ts';
import type { Form, PageResult, PageRoute } from '../server.ts';
import { answers } from './answer-messages.ts';
import {
  type AT,
  alreadyRemoved,
  closedConfirmation,
  type FeedbackError,
  type FeedbackForm,
  feedbackPage,
  linkGone,
  linkIncomplete,
  NOTE_MAX,
  notWaiting,
  removalPage,
  removedConfirmation,
  reopenedConfirmation,
} from './answer-views.ts';
import { citizen } from './messages.ts';
import { publicRequestOf, unknownRequest } from './public-requests.ts';
import type { PublicRequest } from './timeline.ts';

/**
 * The pages the citizen's emails link, with a token (functions/cps/links.ts): "is it fixed?"
 * (`/requests/{id}/feedback`) and "remove my contact details" (`/requests/{id}/contact`). Opening one
 * (a GET, which mail scanners follow) changes nothing; its button posts the token from a hidden field
 * to the same address without it, and the page calls the API with it. The token is a secret: these
 * routes let the browser send the site's origin alone as Referer, the token goes into no other link
 * and is never logged. The answer
 * to the POST is the confirmation itself: a form sent again is refused by the API (409), and the
 * page then says why in plain words.
 */

const tOf = (lang: Language): AT => translator(lang, citizen, answers);
const fieldOf = (form: Form, name: string) => {
  const value = form[name];
  return typeof value === 'string' ? value : undefined;
};
/** The token's shape is the API's: a token cut short in a copied link is "incomplete", not sent. */
const isToken = (token: string | null | undefined): token is string =>
  z.safeParse(contactRemovalBody, { token }).success;
const path = (id: string, page: string) => `/requests/${encodeURIComponent(id)}/${page}`;

/** Calls the API; unreachable or timed out is `undefined` (the page offers to send again). */
async function post(url: string, json: unknown): Promise<ApiAnswer | undefined> {
  try {
    return await api(url, { method: 'POST', json });
  } catch {
    return undefined;
  }
}

/** The page again, for this request, or "unknown" if it has gone. */
async function withRequest(t: AT, id: string, render: (r: PublicRequest) => PageResult): Promise<PageResult> {
  const request = await publicRequestOf(id);
  return request ? render(request) : unknownRequest(t, id);
}

const askFixed: PageRoute = {
  method: 'GET',
  path: '/requests/:id/feedback',
  secretAddress: true,
  handle: async ({ lang, params, query }) => {
    const t = tOf(lang);
    const id = params.id ?? '';
    const token = query.get('token');
    return withRequest(t, id, (request) => {
      if (!isToken(token)) return { status: 400, page: linkIncomplete(t, id) };
      // Only a resolved request is asked; any other is said plainly, as the API would refuse the answer.
      if (request.status !== 'resolved') return { page: notWaiting(t, request) };
      return { page: feedbackPage(t, request, { token }) };
    });
  },
};

/** The citizen's note, checked with the API's own rules before it is sent. */
function noteProblem(note: string): FeedbackError | undefined {
  const checked = z.safeParse(feedbackBody.shape.note, note);
  if (checked.success) return undefined;
  return note.length > NOTE_MAX ? 'noteTooLong' : 'noteInvalid';
}

const answerFixed: PageRoute = {
  method: 'POST',
  path: '/requests/:id/feedback',
  secretAddress: true,
  handle: async ({ lang, params, form }) => {
    const t = tOf(lang);
    const id = params.id ?? '';
    const token = fieldOf(form, 'token');
    if (!isToken(token)) return { status: 400, page: linkIncomplete(t, id) };
    const answer = fieldOf(form, 'answer');
    const note = (fieldOf(form, 'note') ?? '').trim();
    const kept: FeedbackForm = { token, note, ...(answer ? { answer } : {}) };
    const again = (more: Partial<FeedbackForm>, status = 400) =>
      withRequest(t, id, (r) => ({ status, page: feedbackPage(t, r, { ...kept, ...more }) }));

    const errors: FeedbackError[] = [];
    if (answer !== 'yes' && answer !== 'no') errors.push('answer');
    const problem = note ? noteProblem(note) : undefined;
    if (problem) errors.push(problem);
    if (errors.length > 0) return again({ errors });

    const fixed = answer === 'yes';
    const res = await post(path(id, 'feedback'), { token, fixed, ...(note ? { note } : {}) });
    if (res?.status === 200)
      return {
        page: fixed ? closedConfirmation(t, res.body) : reopenedConfirmation(t, res.body, note !== ''),
      };
    if (res?.status === 403) return { status: 403, page: linkGone(t, id, 'wrong') };
    if (res?.status === 410) return { status: 410, page: linkGone(t, id, 'old') };
    if (res?.status === 404) return unknownRequest(t, id);
    if (res?.status === 409)
      return withRequest(t, id, (r) =>
        // Still resolved: it changed while this was answered (resolved again); the new state is asked.
        r.status === 'resolved'
          ? { status: 409, page: feedbackPage(t, r, { ...kept, pageError: t('fixed.failed') }) }
          : { status: 409, page: notWaiting(t, r) },
      );
    if (res?.status === 400) {
      const paths = ((res.body?.errors ?? []) as { path: string }[]).map((e) => e.path);
      if (paths.includes('body.note')) return again({ errors: ['noteInvalid'] });
      return { status: 400, page: linkIncomplete(t, id) };
    }
    const throttled = res?.status === 429;
    return again({ pageError: t(throttled ? 'fixed.tooMany' : 'fixed.failed') }, throttled ? 429 : 503);
  },
};

const askRemoval: PageRoute = {
  method: 'GET',
  path: '/requests/:id/contact',
  secretAddress: true,
  handle: async ({ lang, params, query }) => {
    const t = tOf(lang);
    const id = params.id ?? '';
    const token = query.get('token');
    return withRequest(t, id, (request) =>
      isToken(token)
        ? { page: removalPage(t, request, token) }
        : { status: 400, page: linkIncomplete(t, id) },
    );
  },
};

const remove: PageRoute = {
  method: 'POST',
  path: '/requests/:id/contact',
  secretAddress: true,
  handle: async ({ lang, params, form }) => {
    const t = tOf(lang);
    const id = params.id ?? '';
    const token = fieldOf(form, 'token');
    if (!isToken(token)) return { status: 400, page: linkIncomplete(t, id) };
    const res = await post(path(id, 'contact/removal'), { token });
    if (res?.status === 200) return { page: removedConfirmation(t, id) };
    if (res?.status === 403) return { status: 403, page: linkGone(t, id, 'wrong') };
    if (res?.status === 409) return { status: 409, page: alreadyRemoved(t, id) };
    if (res?.status === 404) return unknownRequest(t, id);
    if (res?.status === 400) return { status: 400, page: linkIncomplete(t, id) };
    const throttled = res?.status === 429;
    return withRequest(t, id, (r) => ({
      status: throttled ? 429 : 503,
      page: removalPage(t, r, token, t(throttled ? 'removal.tooMany' : 'removal.failed')),
    }));
  },
};

export const answerRoutes: readonly PageRoute[] = [askFixed, answerFixed, askRemoval, remove];
