import {
  type Call,
  coldShare,
  type Design,
  perFeature,
  perRoute,
  REFERENCE_RULES,
  type SimulationResult,
  type SimulationRules,
  simulate,
} from './cold-share.ts';
import { mdTable, percent, ratio, type Verdict } from './markdown.ts';
import { referenceDay, type TrafficSource } from './reference-day.ts';

/** The seed of the day the report shows; other seeds only feed the sensitivity line. */
const REFERENCE_SEED = 1;
const OTHER_SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);
/** Goal: grouping routes by feature cuts the cold share to a third of the per-route one, or less. */
const TARGET_FRACTION = 1 / 3;

/** Feature name → its route keys ("GET /members"), as in functions/routes.ts. */
export type Features = Readonly<Record<string, readonly string[]>>;

export interface ColdShareRun {
  readonly sources: readonly TrafficSource[];
  readonly calls: readonly Call[];
  readonly perRoute: SimulationResult;
  readonly perFeature: SimulationResult;
}

function run(features: Features, seed: number, rules: SimulationRules): ColdShareRun {
  const sources = referenceDay(seed);
  const calls = sources.flatMap((s) => s.calls);
  const sim = (d: Design) => simulate(calls, d.functionOf, rules);
  return { sources, calls, perRoute: sim(perRoute), perFeature: sim(perFeature(features)) };
}

export const referenceRun = (features: Features) => run(features, REFERENCE_SEED, REFERENCE_RULES);

/** Each feature's most called route on the reference day (ties: catalogue order). */
export function mostCalledRoutes(r: ColdShareRun, features: Features): Map<string, string> {
  const calls = (route: string) => r.perRoute.byRoute.get(route)?.invocations ?? 0;
  return new Map(
    Object.entries(features).map(([feature, routes]) => [
      feature,
      routes.reduce((best, route) => (calls(route) > calls(best) ? route : best)),
    ]),
  );
}

const shareRatio = (r: ColdShareRun) => coldShare(r.perFeature.total) / coldShare(r.perRoute.total);

/** Section 3 of the report, and its line in the verdict list. */
export function coldShareSection(
  r: ColdShareRun,
  features: Features,
): { markdown: string; verdict: Verdict } {
  const routes = Object.values(features).flat();
  const featureOf = perFeature(features).functionOf;
  const { idleReclaimMs, warmMs, coldMs } = REFERENCE_RULES;
  const minutes = (ms: number) => `${ms / 60_000} min`;
  const cell = (t: { invocations: number; cold: number } | undefined) =>
    t ? [t.cold, percent(coldShare(t))] : [0, percent(0)];
  const out: string[] = [];

  out.push('## 3. Cold-start share on a reference day', '');
  out.push(
    `One synthetic day of the organization's HTTP traffic (\`scripts/bench/reference-day.ts\`, seed ${REFERENCE_SEED}) replayed against two designs: **per route**, each of the ${routes.length} routes its own function, as the app was deployed before; **per feature**, the ${Object.keys(features).length} functions of \`featureApis\` (functions/routes.ts), as deployed now. A pure simulation (\`scripts/bench/cold-share.ts\`, no AWS, no network): the same figures on every run.`,
    '',
    'Model (AWS publishes none of this; these are assumptions):',
    '',
    `- An execution environment idle for ${minutes(idleReclaimMs)} (from the end of its last invocation) is reclaimed; the next call is cold.`,
    '- A function keeps as many environments as its concurrency needs: a call that finds all of them busy gets a new one, cold. A call that finds several idle takes the one used last.',
    `- A fixed service time, not the measured one: a warm invocation holds its environment ${warmMs} ms, a cold one ${coldMs} ms (init + call). The local warm latencies (section 4) are far shorter, so this errs towards overlap (more concurrency, more cold starts), and it keeps this section independent of the machine.`,
    '- The day starts at 00:00 UTC with no environment. A call a client makes after an answer (the docs page, then its script) comes at least 1 s after the call before it.',
    '- HTTP routes only. The event functions (outbox notifier, approval workflow steps, CPS sweep) are left out: the notifier and the sweep are one function in both designs, and the workflow steps run a few times per vote.',
    '',
  );

  const uncalled = routes.filter((route) => !r.perRoute.byRoute.has(route));
  out.push(
    `Traffic: ${r.calls.length} calls over 24 h, ${uncalled.length ? `no call to ${uncalled.map((x) => `\`${x}\``).join(', ')}` : 'every route of the catalogue called at least once'}. WeGO has a few hundred member cities, but daily traffic comes from the CPS: 12 cities are assumed to run it (most of them in Asia, like most members), with their citizens arriving independently of one another (Poisson) by local daytime, and 3 officials per city working their queue in office hours. Four of these cities have a civic app that polls Open311 on timers. The Secretariat in Seoul works in bursts; the Executive Committee, spread over the time zones, votes one member at a time; the docs and health routes see a few developers and deploys.`,
    '',
    mdTable(
      ['Who', 'Model', 'Calls'],
      r.sources.map((s) => [s.who, s.model, s.calls.length]),
    ),
    '',
  );

  const designRow = (name: string, functions: number, sim: SimulationResult) => [
    name,
    functions,
    sim.total.invocations,
    sim.total.cold,
    percent(coldShare(sim.total)),
    Math.max(...[...sim.byFunction.values()].map((f) => f.peakEnvironments)),
  ];
  out.push(
    mdTable(
      [
        'Design',
        'Functions',
        'Invocations',
        'Cold starts',
        'Cold share',
        'Most environments of one function',
      ],
      [
        designRow('per route', r.perRoute.byFunction.size, r.perRoute),
        designRow('per feature', r.perFeature.byFunction.size, r.perFeature),
      ],
    ),
    '',
  );

  out.push('Per feature (cold starts of its routes under each design):', '');
  out.push(
    mdTable(
      [
        'Feature',
        'Routes',
        'Calls',
        'Cold, per route',
        'Share',
        'Cold, per feature',
        'Share',
        'Environments at most',
      ],
      Object.entries(features).map(([feature, featureRoutes]) => {
        const perRouteCold = featureRoutes.reduce((n, x) => n + (r.perRoute.byRoute.get(x)?.cold ?? 0), 0);
        const f = r.perFeature.byFunction.get(feature);
        const calls = f?.invocations ?? 0;
        return [
          feature,
          featureRoutes.length,
          calls,
          perRouteCold,
          percent(calls ? perRouteCold / calls : 0),
          ...cell(f),
          f?.peakEnvironments ?? 0,
        ];
      }),
    ),
    '',
  );

  out.push('Per route:', '');
  out.push(
    mdTable(
      ['Route', 'Feature', 'Calls', 'Cold, per route', 'Share', 'Cold, per feature', 'Share'],
      routes.map((route) => [
        `\`${route}\``,
        featureOf(route),
        r.perRoute.byRoute.get(route)?.invocations ?? 0,
        ...cell(r.perRoute.byRoute.get(route)),
        ...cell(r.perFeature.byRoute.get(route)),
      ]),
    ),
    '',
  );

  // How the conclusion moves with the assumptions: a longer idle limit, other days.
  const idleRows = [5, 15, 30].map((m) => {
    const x = run(features, REFERENCE_SEED, { ...REFERENCE_RULES, idleReclaimMs: m * 60_000 });
    return [
      `${m} min${m * 60_000 === idleReclaimMs ? ' (reference)' : ''}`,
      percent(coldShare(x.perRoute.total)),
      percent(coldShare(x.perFeature.total)),
      ratio(shareRatio(x)),
    ];
  });
  const ratios = OTHER_SEEDS.map((seed) => shareRatio(run(features, seed, REFERENCE_RULES))).sort(
    (a, b) => a - b,
  );
  out.push(
    'Sensitivity (not part of the verdict): the idle limit, and other days.',
    '',
    mdTable(
      ['Idle limit', 'Cold share, per route', 'Cold share, per feature', 'Per feature ÷ per route'],
      idleRows,
    ),
    '',
    `Seeds ${OTHER_SEEDS[0]}–${OTHER_SEEDS.at(-1)} at ${minutes(idleReclaimMs)}: per feature ÷ per route from ${ratio(ratios[0] as number)} to ${ratio(ratios.at(-1) as number)} (median ${ratio(ratios[Math.floor(ratios.length / 2)] as number)}).`,
    '',
  );

  const fraction = shareRatio(r);
  return {
    markdown: out.join('\n'),
    verdict: {
      target: 'Cold share on the reference day, per feature ≤ ⅓ of per route',
      result: `${percent(coldShare(r.perFeature.total))} vs ${percent(coldShare(r.perRoute.total))} (${ratio(fraction)})`,
      ok: fraction <= TARGET_FRACTION,
    },
  };
}
