import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalHttpApi } from '../../../lib/local/http-api.ts';
import { freePort } from '../../support/free-port.ts';

const api = new LocalHttpApi({
  routes: [
    { method: 'GET', path: '/applications/{id}', functionId: 'get' },
    { method: 'GET', path: '/applications/{id}/history', functionId: 'history' },
    { method: 'GET', path: '/applications/mine', functionId: 'mine' },
    { method: 'POST', path: '/applications/{id}/accept', functionId: 'accept' },
    { method: 'GET', path: '/files/{proxy+}', functionId: 'files' },
  ],
  cors: undefined,
  invoke: async () => undefined,
  verify: async () => ({}),
  onError: () => undefined,
});

describe('local API route matching', () => {
  it('matches a path parameter and decodes it', () => {
    const hit = api.match('GET', '/applications/a%20b');
    expect(hit?.route.functionId).toBe('get');
    expect(hit?.params).toEqual({ id: 'a b' });
  });

  it('prefers a literal segment over a parameter, as API Gateway does', () => {
    expect(api.match('GET', '/applications/mine')?.route.functionId).toBe('mine');
  });

  it('matches deeper routes only with the full path', () => {
    expect(api.match('GET', '/applications/1/history')?.route.functionId).toBe('history');
    expect(api.match('GET', '/applications/1/history/2')).toBeUndefined();
  });

  it('requires the method to match', () => {
    expect(api.match('POST', '/applications/1')).toBeUndefined();
    expect(api.match('POST', '/applications/1/accept')?.params).toEqual({ id: '1' });
  });

  it('gives a greedy parameter the rest of the path', () => {
    expect(api.match('GET', '/files/a/b/c')?.params).toEqual({ proxy: 'a/b/c' });
    expect(api.match('GET', '/files')).toBeUndefined();
  });
});

describe('local API body limit', () => {
  const limited = new LocalHttpApi({
    routes: [{ method: 'POST', path: '/echo', functionId: 'echo' }],
    cors: undefined,
    invoke: async () => ({ statusCode: 200, body: 'ok' }),
    verify: async () => ({}),
    onError: () => undefined,
  });
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    await limited.listen(port);
  });
  afterAll(() => limited.close());

  /** One request on the agent's single socket; `reusedSocket` tells that the previous connection was kept. */
  const post = (agent: Agent, bytes: number) =>
    new Promise<{ status: number; reusedSocket: boolean }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/echo', agent }, (res) => {
        res.resume();
        res.on('error', reject);
        res.on('end', () => resolve({ status: res.statusCode ?? 0, reusedSocket: req.reusedSocket }));
      });
      req.on('error', reject);
      req.end(Buffer.alloc(bytes));
    });

  it('answers 413 for a body over 10 MiB, and the next request on that keep-alive connection is served', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      expect(await post(agent, 11 * 1024 * 1024)).toEqual({ status: 413, reusedSocket: false });
      expect(await post(agent, 10)).toEqual({ status: 200, reusedSocket: true });
    } finally {
      agent.destroy();
    }
  });
});

describe('local API on close', () => {
  it('lets a request in flight get its answer before it closes', async () => {
    const slow = new LocalHttpApi({
      routes: [{ method: 'GET', path: '/slow', functionId: 'slow' }],
      cors: undefined,
      invoke: () =>
        new Promise((resolve) => setTimeout(() => resolve({ statusCode: 200, body: 'done' }), 200)),
      verify: async () => ({}),
      onError: () => undefined,
    });
    const port = await freePort();
    await slow.listen(port);
    const answer = fetch(`http://127.0.0.1:${port}/slow`).then(async (res) => [res.status, await res.text()]);
    await new Promise((r) => setTimeout(r, 50));
    await slow.close();
    expect(await answer).toEqual([200, 'done']);
  });
});
