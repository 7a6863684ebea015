/**
 * Cold-start share on a reference day: replays a day of calls against a deployment design (which
 * function serves which route) and counts the invocations that found no warm execution environment.
 * A pure simulation: no AWS, no network, no clock. The traffic itself is in reference-day.ts.
 *
 * Rules of the model (AWS publishes none of them; these are the usual observations, stated so the
 * numbers can be checked):
 * - A function keeps as many execution environments as its concurrency needs: a call that arrives
 *   while every environment of its function is busy gets a new one, and that call is cold.
 * - An environment idle for `idleReclaimMs` (from the end of its last invocation) is reclaimed; the next
 *   call after that is cold.
 * - A call that finds several idle environments takes the one used last, so the others age out.
 * - An invocation keeps its environment busy `warmMs`, or `coldMs` when it is cold (init + the call).
 */

/** One call of the day: its arrival, in ms after midnight UTC, and its route key ("GET /members"). */
export interface Call {
  readonly atMs: number;
  readonly route: string;
}

export interface SimulationRules {
  readonly idleReclaimMs: number;
  readonly warmMs: number;
  readonly coldMs: number;
}

export interface Tally {
  invocations: number;
  cold: number;
}

export interface FunctionTally extends Tally {
  /** Most environments the function had at once. */
  peakEnvironments: number;
}

export interface SimulationResult {
  readonly total: Tally;
  readonly byFunction: ReadonlyMap<string, FunctionTally>;
  readonly byRoute: ReadonlyMap<string, Tally>;
}

/** Which function serves a route. */
export interface Design {
  readonly name: string;
  readonly functionOf: (route: string) => string;
}

export const REFERENCE_RULES: SimulationRules = {
  idleReclaimMs: 5 * 60_000,
  warmMs: 100,
  coldMs: 600,
};

export const coldShare = (t: Tally): number => (t.invocations === 0 ? 0 : t.cold / t.invocations);

export function simulate(
  calls: readonly Call[],
  functionOf: (route: string) => string,
  rules: SimulationRules,
): SimulationResult {
  /** Per function: when each of its environments is (or was) done with its last invocation. */
  const environments = new Map<string, number[]>();
  const byFunction = new Map<string, FunctionTally>();
  const byRoute = new Map<string, Tally>();
  const total: Tally = { invocations: 0, cold: 0 };
  // Stable sort: calls at the same instant keep their order.
  for (const call of [...calls].sort((a, b) => a.atMs - b.atMs)) {
    const fn = functionOf(call.route);
    const t = call.atMs;
    const live = (environments.get(fn) ?? []).filter(
      (doneAt) => doneAt > t || t - doneAt < rules.idleReclaimMs,
    );
    let lastUsed = -1;
    for (let i = 0; i < live.length; i++) {
      const doneAt = live[i] as number;
      if (doneAt <= t && (lastUsed < 0 || doneAt > (live[lastUsed] as number))) lastUsed = i;
    }
    const cold = lastUsed < 0;
    if (cold) live.push(t + rules.coldMs);
    else live[lastUsed] = t + rules.warmMs;
    environments.set(fn, live);

    const f = byFunction.get(fn) ?? { invocations: 0, cold: 0, peakEnvironments: 0 };
    const r = byRoute.get(call.route) ?? { invocations: 0, cold: 0 };
    for (const tally of [f, r, total]) {
      tally.invocations += 1;
      if (cold) tally.cold += 1;
    }
    f.peakEnvironments = Math.max(f.peakEnvironments, live.length);
    byFunction.set(fn, f);
    byRoute.set(call.route, r);
  }
  return { total, byFunction, byRoute };
}

/** The per-route design: each route its own function, as the app was deployed before. */
export const perRoute: Design = { name: 'per route', functionOf: (route) => route };

/** The per-feature design: a feature's routes share one function (functions/routes.ts `featureApis`). */
export function perFeature(features: Readonly<Record<string, readonly string[]>>): Design {
  const featureOf = new Map(Object.entries(features).flatMap(([f, routes]) => routes.map((r) => [r, f])));
  return {
    name: 'per feature',
    functionOf: (route) => {
      const feature = featureOf.get(route);
      if (!feature) throw new Error(`${route} is in no feature`);
      return feature;
    },
  };
}

/** A seeded PRNG (mulberry32): uniform in [0, 1), the same sequence for the same seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
