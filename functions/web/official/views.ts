import { html } from '../../emails/html.ts';
import { translator } from '../../shared/i18n.ts';
import { HttpError } from '../../shared/problem.ts';
import { tag } from '../components.ts';
import { messagePage, type PageRequest, type PageResult, requireRole } from '../server.ts';
import { common } from '../shell/messages.ts';
import type { OfficialTranslator as T } from './messages.ts';
import { type CivicRequest, queuePath, type Status } from './model.ts';

export const statusLabel = (t: T, status: Status) => t(`status.${status}`);

/** A status as a tag: finished ones green. */
export const statusTag = (t: T, status: Status) =>
  tag(statusLabel(t, status), status === 'resolved' || status === 'closed' ? 'done' : undefined);

/**
 * What a page shows when the API refuses the call itself: a token it no longer accepts is a new
 * sign-in, a role it does not allow is the "no access" page, an unknown request the "not found" page.
 * Anything else is the service's fault: the server's error page, logged.
 */
export function apiFailure(request: PageRequest, status: number): PageResult {
  if (status === 401) {
    const again = requireRole({ ...request, session: undefined }, ['official']);
    if ('result' in again) return again.result;
  }
  if (status === 403) {
    const tc = translator(request.lang, common);
    return {
      status: 403,
      page: messagePage(
        tc('error.forbidden.title'),
        tc('error.forbidden.body', { email: request.session?.email ?? '' }),
      ),
    };
  }
  if (status === 404) throw new HttpError(404, 'No such request');
  throw new Error(`The API answered ${status}`);
}

/** The page an official meets on a request someone else handles (the API answers them 403). */
export function notYoursPage(request: PageRequest, t: T, r: CivicRequest): PageResult {
  const body = r.assignedTo
    ? t('notYours.body', { id: r.id, name: r.assignedTo.name, title: r.assignedTo.title })
    : t('notYours.nobody', { id: r.id });
  return {
    status: 403,
    page: {
      title: t('notYours.title'),
      body: html`<h1 class="heading">${t('notYours.title')}</h1>
<p class="body">${body}</p>
${request.session?.roles.includes('official') ? html`<p><a class="button" href="${queuePath(request.lang)}">${t('notYours.back')}</a></p>` : ''}`,
    },
  };
}
