import { performance } from 'node:perf_hooks';

export interface CallOptions {
  method?: string;
  token?: string;
  json?: unknown;
  /** A form body; a list repeats its field (as Open311 clients send several media_url). */
  form?: Record<string, string | readonly string[]>;
  headers?: Record<string, string>;
}

export interface CallResult {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: the benchmark reads a few response fields freely
  body: any;
  text: string;
  /** performance.now() just before the request was sent and just after the whole answer arrived. */
  sentAt: number;
  doneAt: number;
}

/** One HTTP call to a local API (127.0.0.1 only). */
export async function call(baseUrl: string, path: string, o: CallOptions = {}): Promise<CallResult> {
  const headers: Record<string, string> = { ...o.headers };
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  let body: string | undefined;
  if (o.json !== undefined) {
    body = JSON.stringify(o.json);
    headers['content-type'] ??= 'application/json';
  } else if (o.form) {
    const form = new URLSearchParams();
    for (const [name, value] of Object.entries(o.form)) {
      for (const v of typeof value === 'string' ? [value] : value) form.append(name, v);
    }
    body = form.toString();
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
  }
  const sentAt = performance.now();
  const res = await fetch(`${baseUrl}${path}`, { method: o.method ?? 'GET', headers, body });
  const text = await res.text();
  const doneAt = performance.now();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  return { status: res.status, body: parsed, text, sentAt, doneAt };
}
