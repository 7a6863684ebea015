import type { SafeHtml } from '../../emails/html.ts';
import { translator } from '../../shared/i18n.ts';
import { api } from '../api-client.ts';
import { type FieldError, notificationBanner } from '../components.ts';
import { type PageRequest, type PageResult, type PageRoute, requireRole } from '../server.ts';
import { official, type OfficialTranslator as T } from './messages.ts';
import {
  type Assignee,
  type CivicRequest,
  canHandOver,
  checkText,
  field,
  isFullView,
  nextStatuses,
  queuePath,
  requestPath,
  type Status,
} from './model.ts';
import { type HandOverForm, NOTE_MAX, REASON_MAX, requestPage, type UpdateForm } from './request-view.ts';
import { apiFailure, notYoursPage, statusLabel } from './views.ts';

/**
 * A request's page for the official in charge (and the Secretariat), at the address CPS emails link:
 * `/<lang>/official/requests/{id}`. Its two forms post here; each answer is the API's, in the page's
 * language: a refused field next to the field, a 409 (the request moved on) with its current status,
 * a 403 (someone else has it now) as the "not yours" page.
 */
const ROLES = ['official', 'secretariat'] as const;

type Loaded =
  | { kind: 'ok'; request: CivicRequest; assignees: readonly Assignee[] }
  | { kind: 'notYours'; request: CivicRequest }
  | { kind: 'failed'; status: number };

/** The request as the caller may see it and whom it may go to, read together. */
async function load(id: string, token: string): Promise<Loaded> {
  const path = `/requests/${encodeURIComponent(id)}`;
  const [found, candidates] = await Promise.all([api(path, { token }), api(`${path}/assignees`, { token })]);
  // An id the API refuses as malformed names no request either.
  if (found.status !== 200) return { kind: 'failed', status: found.status === 400 ? 404 : found.status };
  const request = found.body as CivicRequest;
  if (!isFullView(request) || candidates.status === 403) return { kind: 'notYours', request };
  if (candidates.status !== 200) return { kind: 'failed', status: candidates.status };
  return { kind: 'ok', request, assignees: candidates.body.items };
}

/** Signs in, checks the role and reads the request; or the page to answer instead. */
async function open(
  request: PageRequest,
): Promise<{ t: T; token: string; loaded: Extract<Loaded, { kind: 'ok' }> } | { result: PageResult }> {
  const allowed = requireRole(request, ROLES);
  if ('result' in allowed) return allowed;
  const t = translator(request.lang, official);
  const loaded = await load(request.params.id as string, allowed.session.token);
  if (loaded.kind === 'failed') return { result: apiFailure(request, loaded.status) };
  if (loaded.kind === 'notYours') return { result: notYoursPage(request, t, loaded.request) };
  return { t, token: allowed.session.token, loaded };
}

export const requestPageRoute: PageRoute = {
  method: 'GET',
  path: '/official/requests/:id',
  handle: async (request) => {
    const opened = await open(request);
    if ('result' in opened) return opened.result;
    const { t, loaded } = opened;
    return requestPage(request, t, loaded.request, loaded.assignees, {
      ...bannerOf(request, t, loaded.request),
    });
  },
};

/** The banner after an action, from the redirect's query (which only picks the message). */
function bannerOf(request: PageRequest, t: T, r: CivicRequest): { banner?: SafeHtml } {
  const sent = request.query.get('sent');
  if (sent === 'public' || sent === 'internal')
    return { banner: notificationBanner(t(`update.sent.${sent}.title`), t(`update.sent.${sent}.body`)) };
  if (request.query.has('handedOver') && r.assignedTo) {
    return {
      banner: notificationBanner(
        t('queue.handedOver.title'),
        t('request.handedOver.body', { id: r.id, name: r.assignedTo.name, title: r.assignedTo.title }),
      ),
    };
  }
  return {};
}

/** An API's 400 names body fields; the form's field of each, with the page's words. */
function apiErrors(t: T, body: unknown, fields: Record<string, string>, fallback: string): FieldError[] {
  const errors = (body as { errors?: { path?: string }[] } | undefined)?.errors ?? [];
  const found = errors.map((e) => {
    const name =
      String(e.path ?? '')
        .replace(/^body\./, '')
        .split('.')[0] ?? '';
    return { field: fields[name] ?? fallback, message: t('error.api') };
  });
  return found.length > 0 ? found : [{ field: fallback, message: t('error.api') }];
}

/** The update form, posted: checked here first (the same rules as the API), previewed or sent. */
export const updateRoute: PageRoute = {
  method: 'POST',
  path: '/official/requests/:id',
  handle: async (request) => {
    const opened = await open(request);
    if ('result' in opened) return opened.result;
    const { t, token, loaded } = opened;
    const r = loaded.request;
    const values = {
      status: field(request.form, 'status'),
      audience: field(request.form, 'audience'),
      note: field(request.form, 'note'),
    };
    const wantsPreview = field(request.form, 'intent') === 'preview';
    const render = (errors: FieldError[], preview = false, current = loaded) =>
      requestPage(request, t, current.request, current.assignees, { update: { values, errors, preview } });
    const conflictError = (fresh: typeof loaded) =>
      render(
        [
          {
            field: 'update',
            message: t('update.error.conflict', { status: statusLabel(t, fresh.request.status) }),
          },
        ],
        false,
        fresh,
      );
    if (nextStatuses(r.status).length === 0) return as409(conflictError(loaded));

    const errors = checkUpdate(t, r, values);
    if (errors.length > 0 || wantsPreview) return render(errors, wantsPreview);
    const answer = await api(`/requests/${encodeURIComponent(r.id)}/updates`, {
      method: 'POST',
      token,
      json: { status: values.status, note: values.note.trim(), public: values.audience === 'public' },
    });
    if (answer.status === 201)
      return { redirect: `${requestPath(request.lang, r.id)}?sent=${values.audience}#main` };
    if (answer.status === 400)
      return render(
        apiErrors(t, answer.body, { status: 'status', note: 'note', public: 'audience' }, 'note'),
      );
    if (answer.status === 409) return conflict(request, t, conflictError);
    return refused(request, t, answer.status);
  },
};

function checkUpdate(t: T, r: CivicRequest, values: UpdateForm['values']): FieldError[] {
  const errors: FieldError[] = [];
  if (!nextStatuses(r.status).includes(values.status as Status))
    errors.push({ field: 'status', message: t('update.error.status') });
  if (values.audience !== 'public' && values.audience !== 'internal')
    errors.push({ field: 'audience', message: t('update.error.audience') });
  const note = checkText(values.note ?? '', NOTE_MAX);
  if (note === 'missing') errors.push({ field: 'note', message: t('update.error.note') });
  if (note === 'long') errors.push({ field: 'note', message: t('update.error.noteLong', { max: NOTE_MAX }) });
  if (note === 'characters') errors.push({ field: 'note', message: t('update.error.noteCharacters') });
  return errors;
}

/** The hand-over form, posted: to one of the city's other officials, with a reason. */
export const handOverRoute: PageRoute = {
  method: 'POST',
  path: '/official/requests/:id/hand-over',
  handle: async (request) => {
    const opened = await open(request);
    if ('result' in opened) return opened.result;
    const { t, token, loaded } = opened;
    const r = loaded.request;
    const values = { officialId: field(request.form, 'officialId'), reason: field(request.form, 'reason') };
    const render = (errors: FieldError[], current = loaded) =>
      requestPage(request, t, current.request, current.assignees, { handOver: { values, errors } });
    const conflictError = (fresh: typeof loaded) =>
      render(
        [
          {
            field: 'hand-over',
            message: t('handOver.error.conflict', { status: statusLabel(t, fresh.request.status) }),
          },
        ],
        fresh,
      );
    if (!canHandOver(r.status)) return as409(conflictError(loaded));

    const errors = checkHandOver(t, loaded.assignees, values);
    if (errors.length > 0) return render(errors);
    const answer = await api(`/requests/${encodeURIComponent(r.id)}/assign`, {
      method: 'POST',
      token,
      json: { officialId: values.officialId, reason: values.reason.trim() },
    });
    if (answer.status === 200) {
      // An official's request leaves their queue; the Secretariat stays on it and sees who has it now.
      const back = request.session?.roles.includes('secretariat')
        ? `${requestPath(request.lang, r.id)}?handedOver=1`
        : `${queuePath(request.lang)}?handedOver=${encodeURIComponent(r.id)}`;
      return { redirect: `${back}#main` };
    }
    if (answer.status === 400)
      return render(apiErrors(t, answer.body, { officialId: 'officialId', reason: 'reason' }, 'reason'));
    if (answer.status === 409) return conflict(request, t, conflictError);
    return refused(request, t, answer.status);
  },
};

function checkHandOver(t: T, assignees: readonly Assignee[], values: HandOverForm['values']): FieldError[] {
  const errors: FieldError[] = [];
  if (!assignees.some((a) => a.id === values.officialId))
    errors.push({ field: 'officialId', message: t('handOver.error.official') });
  const reason = checkText(values.reason ?? '', REASON_MAX);
  if (reason === 'missing') errors.push({ field: 'reason', message: t('handOver.error.reason') });
  if (reason === 'long')
    errors.push({ field: 'reason', message: t('handOver.error.reasonLong', { max: REASON_MAX }) });
  if (reason === 'characters')
    errors.push({ field: 'reason', message: t('handOver.error.reasonCharacters') });
  return errors;
}

/**
 * The request moved on (another update, a hand-over, a citizen's answer): read it again and show the
 * form with its current status, or the "not yours" page if it has left the caller's hands.
 */
async function conflict(
  request: PageRequest,
  t: T,
  render: (fresh: Extract<Loaded, { kind: 'ok' }>) => PageResult,
): Promise<PageResult> {
  const fresh = await load(request.params.id as string, request.session?.token ?? '');
  if (fresh.kind === 'failed') return apiFailure(request, fresh.status);
  if (fresh.kind === 'notYours') return notYoursPage(request, t, fresh.request);
  return as409(render(fresh));
}

const as409 = (result: PageResult): PageResult => ('page' in result ? { ...result, status: 409 } : result);

/** The API refused the caller (403: no longer theirs) or the request is gone. */
async function refused(request: PageRequest, t: T, status: number): Promise<PageResult> {
  if (status === 403) {
    const fresh = await load(request.params.id as string, request.session?.token ?? '');
    if (fresh.kind !== 'failed') return notYoursPage(request, t, fresh.request);
  }
  return apiFailure(request, status);
}
