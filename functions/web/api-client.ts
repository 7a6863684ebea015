import { AsyncLocalStorage } from 'node:async_hooks';
import { requireEnv } from '../shared/env.ts';

/**
 * The pages' way to the data: the public JSON API, as any client calls it, with the signed-in
 * person's token when there is one. Its answers (403 for a wrong role, 404, 409, a 400 naming the
 * fields) are what the pages show people, in their language.
 */
const API_URL = requireEnv('API_URL');

export interface ApiAnswer<T = unknown> {
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: answers are read by the page that asked, against its route's schema
  readonly body: T extends unknown ? any : T;
}

export interface ApiProblem {
  readonly detail?: string;
  readonly errors?: readonly { readonly path: string; readonly message: string }[];
}

/** The API calls made while rendering one page: how many, and the time spent waiting for them. */
export interface ApiCalls {
  count: number;
  ms: number;
}

const perRender = new AsyncLocalStorage<ApiCalls>();

/**
 * Runs a page's rendering and counts the API calls it makes (the server reports them in the
 * Server-Timing header: a page should need at most two).
 */
export async function countApiCalls<T>(render: () => Promise<T>): Promise<{ result: T; calls: ApiCalls }> {
  const calls: ApiCalls = { count: 0, ms: 0 };
  const result = await perRender.run(calls, render);
  return { result, calls };
}

export async function api(
  path: string,
  options: {
    method?: string;
    token?: string;
    json?: unknown;
    idempotencyKey?: string;
    /** Other request headers (e.g. a draft's `draft-token`). */
    headers?: Readonly<Record<string, string>>;
  } = {},
): Promise<ApiAnswer> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.json !== undefined) headers['content-type'] = 'application/json';
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  const calls = perRender.getStore();
  const started = performance.now();
  if (calls) calls.count += 1;
  const answer = await fetch(`${API_URL}${path}`, {
    method: options.method ?? 'GET',
    headers,
    ...(options.json !== undefined ? { body: JSON.stringify(options.json) } : {}),
    signal: AbortSignal.timeout(9000),
  });
  const text = await answer.text();
  if (calls) calls.ms += performance.now() - started;
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  return { status: answer.status, body };
}
