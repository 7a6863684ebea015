import { describe, expect, it } from 'vitest';
import { featureApis } from '../../../functions/routes.ts';
import { routeKey } from '../../../functions/shared/route.ts';
import {
  type Call,
  perFeature,
  perRoute,
  prng,
  type SimulationRules,
  simulate,
} from '../../../scripts/bench/cold-share.ts';
import { referenceDay } from '../../../scripts/bench/reference-day.ts';

const MIN = 60_000;
const rules: SimulationRules = { idleReclaimMs: 5 * MIN, warmMs: 100, coldMs: 600 };
const oneFunction = () => 'fn';
const at = (atMs: number, route = 'GET /a'): Call => ({ atMs, route });
const coldOf = (calls: Call[], functionOf: (route: string) => string = oneFunction) =>
  simulate(calls, functionOf, rules);

describe('cold-start simulator', () => {
  it('makes the first call cold and the next one, within the idle limit, warm', () => {
    const r = coldOf([at(0), at(MIN)]);
    expect(r.total).toEqual({ invocations: 2, cold: 1 });
  });

  it('reclaims an environment idle for 5 minutes, counted from the end of its last invocation', () => {
    // The cold call ends at 600 ms: idle 5 min at 5 min + 600 ms.
    expect(coldOf([at(0), at(5 * MIN + 599)]).total.cold).toBe(1);
    expect(coldOf([at(0), at(5 * MIN + 600)]).total.cold).toBe(2);
    // A warm call (100 ms) restarts the clock.
    expect(coldOf([at(0), at(4 * MIN), at(9 * MIN + 99)]).total.cold).toBe(1);
    expect(coldOf([at(0), at(4 * MIN), at(9 * MIN + 100)]).total.cold).toBe(2);
  });

  it('gives a call that finds every environment busy a new, cold one', () => {
    const r = coldOf([at(0), at(100), at(700), at(800)]);
    // 0: cold (busy until 600); 100: cold (busy until 700); 700: both free, warm; 800: warm.
    expect(r.total).toEqual({ invocations: 4, cold: 2 });
    expect(r.byFunction.get('fn')?.peakEnvironments).toBe(2);
  });

  it('serves a call from the environment used last, so the other one ages out', () => {
    // Two environments after the overlap at 0 and 100; then one call a minute keeps only one warm.
    const calls = [at(0), at(100), ...[1, 2, 3, 4, 5, 6].map((m) => at(m * MIN))];
    // At 7 min two calls at once: the second needs the other environment, idle since 700 ms: reclaimed.
    const r = coldOf([...calls, at(7 * MIN), at(7 * MIN + 10)]);
    expect(r.total.cold).toBe(3);
  });

  it('keeps functions apart: a busy or idle environment of one function does not serve another', () => {
    const r = coldOf([at(0, 'GET /a'), at(MIN, 'GET /b'), at(2 * MIN, 'GET /a')], perRoute.functionOf);
    expect(r.total.cold).toBe(2);
    expect(r.byRoute.get('GET /a')).toEqual({ invocations: 2, cold: 1 });
    expect(r.byFunction.size).toBe(2);
  });

  it('lets routes of one feature share its warm environment', () => {
    const design = perFeature({ one: ['GET /a', 'GET /b'], two: ['GET /c'] });
    const r = coldOf([at(0, 'GET /a'), at(MIN, 'GET /b'), at(2 * MIN, 'GET /c')], design.functionOf);
    expect(r.total.cold).toBe(2);
    expect(r.byFunction.get('one')).toEqual({ invocations: 2, cold: 1, peakEnvironments: 1 });
    expect(() => design.functionOf('GET /unknown')).toThrow(/in no feature/);
  });

  it('orders calls by arrival whatever the order given', () => {
    expect(coldOf([at(3 * MIN), at(0), at(MIN)]).total.cold).toBe(1);
  });
});

describe('reference day', () => {
  const catalogue = Object.values(featureApis).flatMap((routes) => routes.map(routeKey));

  it('is the same day for the same seed and another for another seed', () => {
    expect(referenceDay(7)).toEqual(referenceDay(7));
    expect(referenceDay(7)).not.toEqual(referenceDay(8));
    const [a, b] = [prng(1), prng(1)];
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });

  it('calls every route of the catalogue, and only those, about 5,000 times within 24 hours (pages included)', () => {
    const calls = referenceDay(1).flatMap((s) => s.calls);
    expect(new Set(calls.map((c) => c.route))).toEqual(new Set(catalogue));
    expect(calls.length).toBeGreaterThan(4500);
    expect(calls.length).toBeLessThan(6000);
    for (const c of calls) expect(c.atMs >= 0 && c.atMs < 24 * 60 * MIN).toBe(true);
  });
});
