import { type CallOptions, call } from './api.ts';
import { percentile } from './cold-start.ts';

export interface Endpoint {
  readonly label: string;
  readonly method: string;
  readonly path: string;
  /** Options per request (a fresh body for creating POSTs). */
  readonly options: (i: number) => CallOptions | Promise<CallOptions>;
  readonly baseUrl: string;
  /** Fewer measured requests than the others, for a heavy one. */
  readonly runs?: number;
}

/** The endpoint of the Open311 target: FixMyStreet's status job asks for every open report at once. */
export const OPEN311_ID_LIST = 'GET /open311/v2/{cityId}/requests.json, 1,000 service_request_ids';
/** …answered within this, warm (p50). */
export const OPEN311_ID_LIST_MS = 1000;

export interface Latency {
  readonly label: string;
  readonly p50: number;
  readonly p99: number;
  readonly mean: number;
  readonly n: number;
  readonly statuses: string;
}

/** `warmup` unmeasured requests, then `n` sequential measured ones (client-side wall time). */
export async function measure(e: Endpoint, n: number, warmup: number, deadline: number): Promise<Latency> {
  const times: number[] = [];
  const statuses = new Map<number, number>();
  for (let i = 0; i < warmup + n && Date.now() < deadline; i++) {
    const res = await call(e.baseUrl, e.path, { ...(await e.options(i)), method: e.method });
    if (i < warmup) continue;
    times.push(res.doneAt - res.sentAt);
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
  }
  return {
    label: e.label,
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    mean: times.reduce((a, b) => a + b, 0) / Math.max(1, times.length),
    n: times.length,
    statuses: [...statuses].map(([s, c]) => (statuses.size === 1 ? String(s) : `${s}×${c}`)).join(' '),
  };
}
