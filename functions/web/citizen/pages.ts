import { createHash } from 'node:crypto';
import { translator } from '../../shared/i18n.ts';
import { notFound } from '../../shared/problem.ts';
import { api } from '../api-client.ts';
import { pathIn } from '../layout.ts';
import { type PresignedPost, postFile } from '../presigned-post.ts';
import type { PageRequest, PageResult, PageRoute } from '../server.ts';
import { answerRoutes } from './answer-pages.ts';
import { confirmationPage, requestPage } from './follow-views.ts';
import { citizen } from './messages.ts';
import { publicRequestOf, unknownRequest } from './public-requests.ts';
import {
  type AnswerError,
  type Answers,
  answersOf,
  checkAnswers,
  fieldOfPath,
  idempotencyKey,
  isPage,
  MAX_PHOTO_BYTES,
  MAX_PHOTOS,
  newAnswers,
  type PageId,
  type Problem,
  photoIds,
  questionsOf,
  requestOf,
  type StepId,
  stepOf,
  stepsBefore,
  withPhotos,
} from './report-flow.ts';
import {
  type City,
  checkPage,
  cityStep,
  contactStep,
  descriptionStep,
  matterStep,
  photosStep,
  questionsStep,
  type Service,
  type StepView,
  type T,
  whereStep,
} from './report-views.ts';

/**
 * The citizens' pages: report a need (`/report`, one question per page, then check and send) and
 * follow it (`/requests/{id}`). They read and file through the public API, as any client does.
 */

/** The member cities (the public directory, every page of it), by name in the visitor's language. */
async function memberCities(t: T): Promise<City[]> {
  const cities: City[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 20; page++) {
    const answer = await api(`/members?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    if (answer.status !== 200) throw new Error(`GET /members answered ${answer.status}`);
    for (const m of answer.body.items) cities.push({ id: m.id, name: m.city.name, country: m.city.country });
    cursor = answer.body.nextCursor;
    if (!cursor) break;
  }
  const collator = new Intl.Collator(t.locale);
  return cities.sort((a, b) => collator.compare(a.name, b.name));
}

/** A city's services, or undefined when the city is not one that takes reports (unknown, not a member). */
async function servicesOf(cityId: string): Promise<Service[] | undefined> {
  const answer = await api(`/cities/${encodeURIComponent(cityId)}/services`);
  if (answer.status === 404 || answer.status === 409 || answer.status === 400) return undefined;
  if (answer.status !== 200) throw new Error(`GET services answered ${answer.status}`);
  return answer.body.services;
}

const countryNames = (t: T) => {
  const names = new Intl.DisplayNames([t.locale], { type: 'region' });
  return (code: string) => {
    try {
      return names.of(code) ?? code;
    } catch {
      return code;
    }
  };
};

/**
 * A page of the flow for these answers, with what it needs from the API. `services` are the city's,
 * when the caller has read them already (one read per page).
 */
async function show(page: PageId, view: StepView, services?: Service[]): Promise<PageResult> {
  const { t, answers } = view;
  if (page === 'city') return { page: cityStep(view, await memberCities(t), countryNames(t)) };
  if (page === 'where') return { page: whereStep(view) };
  if (page === 'description') return { page: descriptionStep(view) };
  if (page === 'photos') return { page: photosStep(view) };
  if (page === 'contact') return { page: contactStep(view) };
  if (page === 'questions') {
    const listed = services ?? (await servicesOf(answers.city ?? ''));
    if (!listed) return reask(view, [{ field: 'city', problem: 'unknown' }]);
    const service = listed.find((s) => s.code === answers.service);
    if (!service) return reask(view, [{ field: 'service', problem: 'unknown' }], listed);
    const questions = questionsOf(service);
    // A service without questions: the step is skipped (back to the check page, or on to where).
    if (questions.length === 0)
      return show(view.returnToCheck ? 'check' : 'where', { ...view, questions }, listed);
    return { page: questionsStep({ ...view, questions }, service) };
  }
  // The matter and the check page show the city's services; the check page also names the city.
  const [listed, cities] = await Promise.all([services ?? servicesOf(answers.city ?? ''), memberCities(t)]);
  const city = cities.find((c) => c.id === answers.city);
  if (!listed || !city) return reask(view, [{ field: 'city', problem: 'unknown' }]);
  if (page === 'matter') return { page: matterStep(view, city.name, listed) };
  const service = listed.find((s) => s.code === answers.service);
  if (!service) return reask(view, [{ field: 'service', problem: 'unknown' }], listed);
  return {
    page: checkPage({ ...view, returnToCheck: false, questions: questionsOf(service) }, city, service),
  };
}

/** The step of the first refused answer, with the errors of that step. */
function reask(view: StepView, errors: readonly AnswerError[], services?: Service[]): Promise<PageResult> {
  const step: StepId = stepOf((errors[0] as AnswerError).field);
  return show(
    step,
    {
      t: view.t,
      answers: view.answers,
      returnToCheck: view.returnToCheck,
      errors: errors.filter((e) => stepOf(e.field) === step),
      ...(view.questions ? { questions: view.questions } : {}),
    },
    services,
  );
}

/**
 * The city's services and the chosen one's questions, for a page after the matter (its answers are
 * checked against them, and its back link skips a step without questions). Undefined services: the
 * city takes no reports (the city step says so).
 */
async function questionsFor(answers: Answers) {
  const services = answers.city ? await servicesOf(answers.city) : undefined;
  const questions = questionsOf(services?.find((s) => s.code === answers.service));
  return { services, questions };
}

function viewOf(request: PageRequest, answers: Answers): StepView {
  return {
    t: translator(request.lang, citizen),
    answers,
    errors: [],
    returnToCheck: request.form.return === 'check',
  };
}

const startReport: PageRoute = {
  method: 'GET',
  path: '/report',
  handle: async (request) => {
    const city = request.query.get('city') ?? undefined;
    return show('city', viewOf(request, { ...newAnswers(), ...(city ? { city } : {}) }));
  },
};

/** A step's address without its answers (a bookmark, a language switch): the report starts again. */
const stepWithoutAnswers: PageRoute = {
  method: 'GET',
  path: '/report/:page',
  handle: async ({ lang }) => ({ redirect: pathIn(lang, '/report'), status: 302 }),
};

/**
 * A page of the flow, given the answers so far: the answers of the steps before it are checked
 * (with the API's rules); the first refused one is asked again, with its errors.
 */
const reportStep: PageRoute = {
  method: 'POST',
  path: '/report/:page',
  files: { count: 1 },
  handle: async (request) => {
    const page = request.params.page ?? '';
    if (!isPage(page)) throw notFound();
    let answers = answersOf(request.form);
    const removed = request.form.remove;
    if (typeof removed === 'string')
      answers = withPhotos(
        answers,
        photoIds(answers).filter((id) => id !== removed),
      );
    const [file] = request.files ?? [];
    if (file) {
      const added = await addPhoto(answers, file.bytes);
      if (typeof added !== 'string')
        return show('photos', {
          ...viewOf(request, answers),
          errors: [{ field: 'media', problem: added.problem }],
        });
      answers = withPhotos(answers, [...photoIds(answers), added]);
    }
    const before = stepsBefore(page);
    const { services, questions } = before.includes('questions')
      ? await questionsFor(answers)
      : { services: undefined, questions: [] };
    const view = { ...viewOf(request, answers), questions };
    const errors = checkAnswers(answers, before, request.lang, questions);
    if (errors.length > 0)
      return reask({ ...view, returnToCheck: view.returnToCheck && page === 'check' }, errors, services);
    return show(page, { ...view, returnToCheck: view.returnToCheck && page !== 'check' }, services);
  },
};

/**
 * Uploads a photo of the report: the API gives a presigned POST for the city's request photos, and the
 * file goes to S3 with it. The API checks the bytes when the report is filed (a file that is not an
 * image is refused then, on the photos step).
 */
async function addPhoto(answers: Answers, bytes: Uint8Array): Promise<string | { problem: Problem }> {
  if (photoIds(answers).length >= MAX_PHOTOS) return { problem: 'tooMany' };
  if (bytes.length > MAX_PHOTO_BYTES) return { problem: 'tooLarge' };
  try {
    const presigned = await api(`/cities/${encodeURIComponent(answers.city ?? '')}/request-photos`, {
      method: 'POST',
      json: { size: bytes.length },
      idempotencyKey: `web-photo-${answers.flow}-${createHash('sha256').update(bytes).digest('hex')}`,
    });
    if (presigned.status !== 201) return { problem: presigned.status === 400 ? 'invalid' : 'failed' };
    const post = presigned.body as PresignedPost;
    return (await postFile(post, bytes)) ? post.uploadId : { problem: 'failed' };
  } catch {
    return { problem: 'failed' };
  }
}

/** How long a double submit waits for the first one to be filed (the API answers 409 meanwhile). */
const IN_PROGRESS_RETRIES = 6;
const RETRY_MS = 500;

/** Files the report: once, however often it is sent (an Idempotency-Key derived from the answers). */
const sendReport: PageRoute = {
  method: 'POST',
  path: '/report/send',
  handle: async (request) => {
    const answers = answersOf(request.form);
    const { services, questions } = await questionsFor(answers);
    const view = { ...viewOf(request, answers), questions };
    const t = view.t;
    const errors = checkAnswers(answers, stepsBefore('check'), request.lang, questions);
    // Whatever is refused is asked again, then the citizen comes back here.
    const fix = { ...view, returnToCheck: true };
    if (errors.length > 0) return reask(fix, errors, services);
    const body = requestOf(answers, request.lang, questions);
    const path = `/cities/${encodeURIComponent(answers.city ?? '')}/requests`;
    const key = idempotencyKey(answers, body);
    let answer: Awaited<ReturnType<typeof api>> | undefined;
    try {
      for (let attempt = 0; attempt < IN_PROGRESS_RETRIES; attempt++) {
        answer = await api(path, { method: 'POST', json: body, idempotencyKey: key });
        // 409: the same report is being filed by an earlier click; its answer comes once it is done.
        if (answer.status !== 409) break;
        await new Promise((r) => setTimeout(r, RETRY_MS));
      }
    } catch {
      answer = undefined; // unreachable or timed out: nothing is lost, sending again files it once
    }
    const again = (message: string) =>
      show('check', { ...view, returnToCheck: false, pageError: message }, services);
    if (answer?.status === 201) {
      return { redirect: pathIn(request.lang, `/report/sent/${encodeURIComponent(answer.body.id)}`) };
    }
    if (answer?.status === 404) return reask(fix, [{ field: 'city', problem: 'unknown' }]);
    if (answer?.status === 400) {
      const refused = ((answer.body?.errors ?? []) as { path: string }[])
        .map((e) => fieldOfPath(e.path.split('.').slice(1)))
        .filter((f) => f !== undefined)
        .map((field): AnswerError => ({ field, problem: 'invalid' }));
      if (refused.length > 0) return reask(fix, refused, services);
    }
    if (answer?.status === 409) return again(t('send.inProgress'));
    if (answer?.status === 429) return again(t('send.tooMany'));
    return again(t('send.failed'));
  },
};
const reportSent: PageRoute = {
  method: 'GET',
  path: '/report/sent/:id',
  handle: async ({ lang, params }) => {
    const t = translator(lang, citizen);
    const id = params.id ?? '';
    const request = await publicRequestOf(id);
    return request ? { page: confirmationPage(t, request) } : unknownRequest(t, id);
  },
};

const followRequest: PageRoute = {
  method: 'GET',
  path: '/requests/:id',
  handle: async ({ lang, params }) => {
    const t = translator(lang, citizen);
    const id = params.id ?? '';
    const request = await publicRequestOf(id);
    return request ? { page: requestPage(t, request) } : unknownRequest(t, id);
  },
};

export const citizenRoutes: readonly PageRoute[] = [
  startReport,
  reportSent,
  stepWithoutAnswers,
  sendReport,
  reportStep,
  followRequest,
  ...answerRoutes,
];
