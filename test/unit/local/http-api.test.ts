import { describe, expect, it } from 'vitest';
import { LocalHttpApi } from '../../../lib/local/http-api.ts';

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
