import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiAnswer } from '../../../functions/web/api-client.ts';

/**
 * The report's questions step against a stubbed API: the services read once per page, the answers
 * sent as `attributes`, and the API's refusal of one (`body.attributes.<code>`) shown at its question
 * with every other answer kept.
 */
await import('../support/web-env.ts');
vi.mock('../../../functions/web/api-client.ts', () => ({ api: vi.fn() }));
const { api } = await import('../../../functions/web/api-client.ts');
const { citizenRoutes } = await import('../../../functions/web/citizen/pages.ts');
type PageRequest = import('../../../functions/web/server.ts').PageRequest;
type PageResult = import('../../../functions/web/server.ts').PageResult;

const services = {
  services: [
    {
      code: 'pothole',
      name: 'Potholes',
      slaHours: 48,
      attributes: [
        { code: 'width', datatype: 'number', required: true, description: 'How wide is it?' },
        { code: 'plate', datatype: 'string', required: false, description: 'A vehicle plate' },
      ],
    },
    { code: 'streetlight', name: 'Street lights', slaHours: 24 },
  ],
};
const members = { items: [{ id: 'C1', city: { name: 'Seoul', country: 'KR' } }] };
const form = {
  flow: '6f1d0c1e-3a7b-4c2e-9d1f-0a1b2c3d4e5f',
  city: 'C1',
  service: 'pothole',
  questionsFor: 'pothole',
  'attr.width': '2',
  'attr.plate': 'XY 12',
  district: 'Jongno',
  description: 'A hole.',
};

function stubApi(answers: Record<string, ApiAnswer>) {
  const calls: { key: string; json: unknown }[] = [];
  vi.mocked(api).mockImplementation(async (path, options = {}) => {
    const key = `${options.method ?? 'GET'} ${path.split('?')[0]}`;
    calls.push({ key, json: options.json });
    const answer = answers[key];
    if (!answer) throw new Error(`unexpected call ${key}`);
    return answer;
  });
  return calls;
}

const route = (method: string, path: string) => {
  const found = citizenRoutes.find((r) => r.method === method && r.path === path);
  if (!found) throw new Error(`no route ${method} ${path}`);
  return found;
};

const post = (path: string, params: Record<string, string>, body: Record<string, string | string[]>) =>
  route('POST', path).handle({
    lang: 'en',
    method: 'POST',
    path,
    params,
    query: new URLSearchParams(),
    form: body,
    cookies: {},
    event: {} as PageRequest['event'],
    ctx: { lang: 'en', path, assets: '/assets/x' },
  } as unknown as PageRequest) as Promise<PageResult>;

const bodyOf = (result: PageResult) => String('page' in result ? result.page.body : '');

beforeEach(() => {
  vi.mocked(api).mockReset();
});

describe('the questions step of the report', () => {
  it('a page after it reads the services once, to check the answers and skip nothing', async () => {
    const calls = stubApi({ 'GET /cities/C1/services': { status: 200, body: services } });
    const result = await post('/report/:page', { page: 'description' }, form);
    expect(calls.map((c) => c.key)).toEqual(['GET /cities/C1/services']);
    const body = bodyOf(result);
    expect(body).toContain('formaction="/en/report/where"');
    expect(body).toContain('<input type="hidden" name="attr.plate" value="XY 12">');
    expect(body).toContain('step 5 of 7');
  });

  it('a refused answer on a later page is asked again on the questions step', async () => {
    stubApi({ 'GET /cities/C1/services': { status: 200, body: services } });
    const body = bodyOf(
      await post('/report/:page', { page: 'description' }, { ...form, 'attr.width': 'wide' }),
    );
    expect(body).toContain('Tell us more about the problem');
    expect(body).toContain('Enter a number for “How wide is it?”');
    expect(body).toContain('value="wide"');
  });

  it('sends the answers as attributes; an API refusal of one comes back to its question, nothing lost', async () => {
    const calls = stubApi({
      'GET /cities/C1/services': { status: 200, body: services },
      'GET /members': { status: 200, body: members },
      'POST /cities/C1/requests': {
        status: 400,
        body: { errors: [{ path: 'body.attributes.plate', message: 'is not valid' }] },
      },
    });
    const result = await post('/report/send', {}, form);
    const sent = calls.find((c) => c.key === 'POST /cities/C1/requests')?.json as Record<string, unknown>;
    expect(sent.attributes).toEqual({ width: '2', plate: 'XY 12' });
    const body = bodyOf(result);
    expect('page' in result && result.page.hasErrors).toBe(true);
    expect(body).toContain('href="#attr.plate"');
    expect(body).toContain('The answer to “A vehicle plate” cannot be sent as it is: check it');
    expect(body).toContain('id="attr.plate-error"');
    // Every other answer is kept: this step's in its fields, the others hidden; then back to the check page.
    expect(body).toContain('value="2"');
    expect(body).toContain('<input type="hidden" name="description" value="A hole.">');
    expect(body).toContain('<input type="hidden" name="return" value="check">');
  });

  it('another matter without questions: the answers are not sent', async () => {
    const calls = stubApi({
      'GET /cities/C1/services': { status: 200, body: services },
      'POST /cities/C1/requests': { status: 201, body: { id: 'AB12CD34EF56' } },
    });
    const result = await post('/report/send', {}, { ...form, service: 'streetlight' });
    expect(result).toMatchObject({ redirect: '/en/report/sent/AB12CD34EF56' });
    const sent = calls.find((c) => c.key === 'POST /cities/C1/requests')?.json as Record<string, unknown>;
    expect(sent).not.toHaveProperty('attributes');
  });
});
