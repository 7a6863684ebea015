import type { EmailMessage } from '../emails/message.ts';
import { conflict, forbidden, HttpError } from '../shared/problem.ts';
import { ConditionsFailed, transact } from '../shared/transaction.ts';
import { matchesAny, matchesHash } from './citizen-tokens.ts';
import type { NotFixedAnswer } from './emails.ts';
import { contactRemoval } from './housekeeping.ts';
import { change } from './requests.ts';
import { resolvedAt, timesReopened } from './timeline.ts';
import type { CivicRequest, RequestUpdate } from './types.ts';

/**
 * What a citizen does from the links of their emails, with the token the link carries: answer "is it
 * fixed?" and remove their contact details. Each is one read of the request's partition (the request,
 * its history and its token hashes) and one conditional transaction.
 */

/** The token must be one emailed to this request's citizen (403 otherwise, whatever the request's state). */
export function checkToken(token: string, tokenHashes: readonly string[]): void {
  if (!matchesAny(token, tokenHashes))
    throw forbidden('This link is not valid for this request: open the link from your email again');
}

/**
 * The citizen's answer to "is it fixed?". Fixed closes the request; not fixed reopens it: back to the
 * official in charge (`assigned`, in their queue), due again one service level from now, with the
 * citizen's comment in its history and emailed to the official. Only a resolved request can be answered
 * (409), and only with the token emailed with its latest resolution (410 for an older one); the write
 * is conditional on both, so a second answer never lands.
 */
export async function answerFeedback(
  current: CivicRequest,
  updates: readonly RequestUpdate[],
  answer: { token: string; fixed: boolean; note?: string },
  emails: (reopened: CivicRequest, answer: NotFixedAnswer) => EmailMessage[],
  now = new Date(),
): Promise<{ request: CivicRequest; update: RequestUpdate }> {
  if (current.status !== 'resolved')
    throw conflict(
      `The request is ${current.status.replace('_', ' ')}: only a resolved request can be answered`,
    );
  if (!matchesHash(answer.token, current.feedbackToken))
    throw new HttpError(410, 'This link is from an earlier email: answer with the link of the latest one');
  const at = now.toISOString();
  const { feedbackToken, ...answered } = current;
  // A reopened request starts a new period: not overdue, and escalated again if it runs late.
  const { escalatedAt: _escalatedAt, overdue: _overdue, ...reopened } = answered;
  const update: RequestUpdate = {
    at,
    actor: 'citizen',
    status: answer.fixed ? 'closed' : 'assigned',
    note: answer.note ?? (answer.fixed ? 'The citizen says it is fixed' : 'The citizen says it is not fixed'),
    public: false,
    kind: 'feedback',
  };
  const next: CivicRequest = answer.fixed
    ? { ...answered, status: 'closed', updatedAt: at }
    : { ...reopened, status: 'assigned', updatedAt: at, expectedAt: dueAgain(current, now) };
  const messages = answer.fixed
    ? []
    : emails(next, {
        at,
        resolvedAt: resolvedAt(updates) ?? current.updatedAt,
        ...(answer.note ? { note: answer.note } : {}),
        times: timesReopened(updates) + 1,
      });
  const request = await change(current, next, update, messages, now, {
    also: { expression: 'feedbackToken = :token', values: { ':token': feedbackToken } },
    conflictDetail: 'The request changed while you answered: reload the page',
  });
  return { request, update };
}

/** A reopened request is due one service level after reopening (older requests: their first period). */
function dueAgain(request: CivicRequest, now: Date): string {
  const ms =
    request.slaHours !== undefined
      ? request.slaHours * 3_600_000
      : Date.parse(request.expectedAt) - Date.parse(request.createdAt);
  return new Date(now.getTime() + Math.max(ms, 3_600_000)).toISOString();
}

/**
 * Removes the citizen's contact details from the request at once (the retention sweep does the same
 * for requests closed long ago), noted in its history without the data. 409 when there are none.
 */
export async function removeContact(current: CivicRequest, now = new Date()): Promise<string> {
  if (!current.contact) throw conflict('The request holds no contact details: they were already removed');
  const at = now.toISOString();
  try {
    await transact(
      contactRemoval(current, current.status, {
        at,
        actor: 'citizen',
        note: 'The citizen removed their contact details',
        kind: 'contact_removed',
      }),
    );
  } catch (error) {
    if (error instanceof ConditionsFailed)
      throw conflict('The request changed while this was handled: try again');
    throw error;
  }
  return at;
}
