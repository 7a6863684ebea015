import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiAnswer } from '../../../functions/web/api-client.ts';

/**
 * The officials' pages against a stubbed API: what each answer of the API (400 naming fields, 401,
 * 403, 409) becomes on the page, in its language, and that a preview or a refused form sends nothing.
 */
await import('../support/web-env.ts');
vi.mock('../../../functions/web/api-client.ts', () => ({ api: vi.fn() }));
const { api } = await import('../../../functions/web/api-client.ts');
const { officialPages } = await import('../../../functions/web/official/pages.ts');
const { official } = await import('../../../functions/web/official/messages.ts');
const { translator } = await import('../../../functions/shared/i18n.ts');
const { renderPage } = await import('../../../functions/web/layout.ts');
type PageRequest = import('../../../functions/web/server.ts').PageRequest;
type PageResult = import('../../../functions/web/server.ts').PageResult;

const ID = 'AB12CD34EF56';
const me = {
  token: 'token',
  email: 'ana@city.example',
  roles: ['official' as const],
  expiresAt: new Date(Date.now() + 3_600_000),
};

const fullRequest = (overrides: Record<string, unknown> = {}) => ({
  id: ID,
  cityId: 'city-1',
  cityName: 'Campinas',
  service: 'pothole',
  serviceName: 'Potholes',
  district: 'Centro',
  description: 'A deep pothole <script>alert(1)</script>',
  status: 'assigned',
  assignedTo: { officialId: 'o-1', name: 'Ana Souza', title: 'Head of Roads', email: me.email },
  createdAt: '2026-03-01T10:00:00.000Z',
  updatedAt: '2026-03-01T10:00:00.000Z',
  expectedAt: '2099-03-03T10:00:00.000Z',
  overdue: false,
  contact: { name: 'Joana', email: 'joana@citizen.example' },
  updates: [
    { at: '2026-03-01T10:00:00.000Z', actor: 'citizen', status: 'assigned', note: 'Assigned', public: true },
  ],
  attributes: { depth_cm: 12, near_school: true },
  ...overrides,
});
const { contact: _contact, ...publicRequest } = fullRequest({
  assignedTo: { name: 'Bruno Lima', title: 'Lights' },
});
const assignees = { items: [{ id: 'o-2', name: 'Carla Dias', title: 'General Works' }] };

/** The stubbed API: answers by method and path; every call is recorded. */
function stubApi(answers: Record<string, ApiAnswer | ApiAnswer[]>) {
  const calls: { key: string; json: unknown }[] = [];
  vi.mocked(api).mockImplementation(async (path, options = {}) => {
    const key = `${options.method ?? 'GET'} ${path.split('?')[0]}`;
    calls.push({ key, json: options.json });
    const answer = answers[key];
    const next = Array.isArray(answer) ? (answer.length > 1 ? answer.shift() : answer[0]) : answer;
    if (!next) throw new Error(`unexpected call ${key}`);
    return next;
  });
  return calls;
}

const ok = (body: unknown, status = 200): ApiAnswer => ({ status, body });

function pageRequest(p: Partial<PageRequest> & Pick<PageRequest, 'method' | 'path'>): PageRequest {
  return {
    lang: 'en',
    params: { id: ID },
    query: new URLSearchParams(),
    form: {},
    cookies: {},
    session: me,
    event: {} as PageRequest['event'],
    ctx: { lang: p.lang ?? 'en', path: p.path, assets: '/assets/x' },
    ...p,
  };
}

async function handle(request: PageRequest): Promise<PageResult> {
  const route = officialPages.find(
    (r) =>
      r.method === request.method &&
      r.path.split('/').length === request.path.split('/').length &&
      r.path.replace(':id', ID) === request.path,
  );
  if (!route) throw new Error(`no route for ${request.method} ${request.path}`);
  return route.handle(request);
}

const htmlOf = (result: PageResult, request: PageRequest) =>
  'page' in result ? renderPage(request.ctx, result.page) : '';

const reading = {
  [`GET /requests/${ID}`]: ok(fullRequest()),
  [`GET /requests/${ID}/assignees`]: ok(assignees),
};

beforeEach(() => {
  vi.mocked(api).mockReset();
});

describe('the request page', () => {
  it('shows the full view, escaped, with the fields it does not know by name', async () => {
    stubApi(reading);
    const request = pageRequest({ method: 'GET', path: `/official/requests/${ID}` });
    const result = await handle(request);
    const html = htmlOf(result, request);
    expect('page' in result && result.status).toBe(200);
    expect(html).toContain('joana@citizen.example');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('Depth cm');
    expect(html).toContain('Carla Dias, General Works');
  });

  it('shows the photos: the site’s own as images with alt text, an app’s links as links', async () => {
    const mediaUrls = [
      'https://wego.example/media/request-photo/0b7e3d5c-1a2b-4c3d-8e9f-001122334455.webp',
      'https://fms.example/photo/42.0.full.jpeg',
    ];
    stubApi({ ...reading, [`GET /requests/${ID}`]: ok(fullRequest({ mediaUrls })) });
    const request = pageRequest({ method: 'GET', path: `/official/requests/${ID}`, lang: 'ko' });
    const html = htmlOf(await handle(request), request);
    expect(html).toContain(`<img class="photos__image" src="${mediaUrls[0]}" alt="사진 1/2"`);
    expect(html).toContain(
      `<a href="${mediaUrls[1]}" rel="noopener noreferrer nofollow">사진 2/2, 다른 사이트</a>`,
    );
  });

  it('is "not yours" (403) when the API gives the caller only the public view', async () => {
    stubApi({
      [`GET /requests/${ID}`]: ok(publicRequest),
      [`GET /requests/${ID}/assignees`]: ok({ type: 'forbidden' }, 403),
    });
    const request = pageRequest({ method: 'GET', path: `/official/requests/${ID}`, lang: 'fr' });
    const result = await handle(request);
    expect('page' in result && result.status).toBe(403);
    const html = htmlOf(result, request);
    expect(html).toContain(translator('fr', official)('notYours.title'));
    expect(html).toContain('Bruno Lima');
  });

  it('asks to sign in again when the API no longer accepts the token', async () => {
    stubApi({ [`GET /requests/${ID}`]: ok({}, 401), [`GET /requests/${ID}/assignees`]: ok({}, 401) });
    const result = await handle(pageRequest({ method: 'GET', path: `/official/requests/${ID}` }));
    expect('page' in result && result.status).toBe(401);
  });
});

describe('the update form', () => {
  const form = { status: 'in_progress', audience: 'public', note: '  The crew comes on Monday.  ' };
  const post = (lang: 'en' | 'es' | 'fr' | 'ko', intent = 'send') =>
    pageRequest({ method: 'POST', path: `/official/requests/${ID}`, lang, form: { ...form, intent } });

  it('previews without sending anything', async () => {
    const calls = stubApi(reading);
    const request = post('en', 'preview');
    const html = htmlOf(await handle(request), request);
    expect(calls.map((c) => c.key)).not.toContain(`POST /requests/${ID}/updates`);
    expect(html).toMatch(/<section class="preview"[^>]*data-preview[^>]*>/);
    expect(html).not.toMatch(/<section class="preview"[^>]* hidden>/);
    expect(html).toContain('The crew comes on Monday.');
  });

  it('sends a trimmed public note and redirects to the page with its banner', async () => {
    const calls = stubApi({ ...reading, [`POST /requests/${ID}/updates`]: ok(fullRequest(), 201) });
    const result = await handle(post('en'));
    expect(result).toMatchObject({ redirect: `/en/official/requests/${ID}?sent=public#main` });
    expect(calls.find((c) => c.key.startsWith('POST'))?.json).toEqual({
      status: 'in_progress',
      note: 'The crew comes on Monday.',
      public: true,
    });
  });

  it('puts a 400 of the API next to the field it names, in the page language', async () => {
    stubApi({
      ...reading,
      [`POST /requests/${ID}/updates`]: ok(
        { errors: [{ path: 'body.note', message: 'must not be empty' }] },
        400,
      ),
    });
    const request = post('fr');
    const result = await handle(request);
    expect('page' in result && result.status).toBe(400);
    const html = htmlOf(result, request);
    expect(html).toContain(`<a href="#note">${translator('fr', official)('error.api')}</a>`);
    expect(html).not.toContain('must not be empty');
  });

  it('reads the request again after a 409 and names its status now', async () => {
    stubApi({
      [`GET /requests/${ID}`]: [ok(fullRequest()), ok(fullRequest({ status: 'resolved' }))],
      [`GET /requests/${ID}/assignees`]: ok(assignees),
      [`POST /requests/${ID}/updates`]: ok({ detail: 'The request changed' }, 409),
    });
    const request = post('es');
    const result = await handle(request);
    expect('page' in result && result.status).toBe(409);
    const t = translator('es', official);
    expect(htmlOf(result, request)).toContain(t('update.error.conflict', { status: t('status.resolved') }));
  });

  it('becomes "not yours" when the API answers 403 (handed over meanwhile)', async () => {
    stubApi({
      [`GET /requests/${ID}`]: [ok(fullRequest()), ok(publicRequest)],
      [`GET /requests/${ID}/assignees`]: [ok(assignees), ok({}, 403)],
      [`POST /requests/${ID}/updates`]: ok({ detail: 'Only the official in charge' }, 403),
    });
    const result = await handle(post('ko'));
    expect('page' in result && result.status).toBe(403);
  });

  it('refuses a status the request cannot take without calling the API to change it', async () => {
    const calls = stubApi(reading);
    const request = pageRequest({
      method: 'POST',
      path: `/official/requests/${ID}`,
      form: { ...form, status: 'submitted', intent: 'send' },
    });
    const result = await handle(request);
    expect('page' in result && result.status).toBe(400);
    expect(calls.some((c) => c.key.startsWith('POST'))).toBe(false);
  });
});

describe('the hand-over form', () => {
  it('accepts only an official the API offered, and sends nothing otherwise', async () => {
    const calls = stubApi(reading);
    const request = pageRequest({
      method: 'POST',
      path: `/official/requests/${ID}/hand-over`,
      lang: 'ko',
      form: { officialId: 'o-999', reason: 'Theirs' },
    });
    const result = await handle(request);
    expect('page' in result && result.status).toBe(400);
    expect(htmlOf(result, request)).toContain(translator('ko', official)('handOver.error.official'));
    expect(calls.some((c) => c.key.startsWith('POST'))).toBe(false);
  });

  it('hands over and sends the official back to their queue with the request named', async () => {
    const calls = stubApi({ ...reading, [`POST /requests/${ID}/assign`]: ok(fullRequest()) });
    const result = await handle(
      pageRequest({
        method: 'POST',
        path: `/official/requests/${ID}/hand-over`,
        form: { officialId: 'o-2', reason: ' Their street ' },
      }),
    );
    expect(result).toMatchObject({ redirect: `/en/official?handedOver=${ID}#main` });
    expect(calls.find((c) => c.key.startsWith('POST'))?.json).toEqual({
      officialId: 'o-2',
      reason: 'Their street',
    });
  });
});

describe('the queue', () => {
  it('sends the filters to the API and shows a refused cursor in the page language', async () => {
    const calls = stubApi({
      'GET /officials/me/requests': [
        ok({ errors: [{ path: 'query.cursor', message: 'is not valid' }] }, 400),
        ok({ items: [] }),
      ],
    });
    const request = pageRequest({
      method: 'GET',
      path: '/official',
      lang: 'ru',
      query: new URLSearchParams({ service: 'pothole', district: ' Centro ', cursor: 'forged' }),
    });
    const result = await handle(request);
    expect('page' in result && result.status).toBe(400);
    expect(htmlOf(result, request)).toContain(translator('ru', official)('queue.error.cursor'));
    const [first] = calls;
    expect(first?.key).toBe('GET /officials/me/requests');
    const sent = new URLSearchParams(vi.mocked(api).mock.calls[0]?.[0].split('?')[1]);
    expect(Object.fromEntries(sent)).toEqual({
      limit: '25',
      status: 'open',
      service: 'pothole',
      district: 'Centro',
      cursor: 'forged',
    });
  });
});
