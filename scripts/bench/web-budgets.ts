import type { Verdict } from './markdown.ts';
import type { PageGroup } from './web-site.ts';

/**
 * The issues' budgets for what a page loads (issue 10: public pages 15 KB of JavaScript before the
 * map step, officials' 60 KB, CSS 25 KB; issue 11: the console 80 KB), gzipped, and Lighthouse's
 * mobile scores on the citizens' pages. Pure: the web section measures, this judges.
 */
export const JS_BUDGET_KB: Record<PageGroup, number> = { public: 15, official: 60, console: 80 };
export const CSS_BUDGET_KB = 25;
export const LIGHTHOUSE_MIN = 95;

export interface PageWeight {
  /** The page as visited, e.g. `/report/where` or `/console/cities/:id`. */
  readonly label: string;
  readonly group: PageGroup;
  /** Gzipped bytes of the scripts and the stylesheets the page loaded. */
  readonly jsBytes: number;
  readonly cssBytes: number;
  /** The page loaded the map (Leaflet): the one step allowed to go over the public JavaScript budget. */
  readonly map: boolean;
}

/** The page's JavaScript budget in bytes, or undefined where the issue sets none (the map step). */
export function jsBudgetBytes(p: PageWeight): number | undefined {
  return p.map && p.group === 'public' ? undefined : JS_BUDGET_KB[p.group] * 1024;
}

const heaviest = <T>(xs: readonly T[], by: (x: T) => number): T | undefined =>
  xs.reduce<T | undefined>((best, x) => (best === undefined || by(x) > by(best) ? x : best), undefined);

/**
 * One verdict per group of pages (its heaviest page against the budget), one for CSS over every page,
 * and one that the map is loaded only where it is asked for (the where step).
 */
export function weightVerdicts(pages: readonly PageWeight[], mapStep: string): Verdict[] {
  const verdicts: Verdict[] = [];
  for (const group of Object.keys(JS_BUDGET_KB) as PageGroup[]) {
    const budgeted = pages.filter((p) => p.group === group && jsBudgetBytes(p) !== undefined);
    const worst = heaviest(budgeted, (p) => p.jsBytes);
    if (!worst) continue;
    verdicts.push({
      target: `JavaScript of ${group} pages${group === 'public' ? ' (the map step aside)' : ''} ≤ ${JS_BUDGET_KB[group]} KB gzipped`,
      result: `heaviest ${kb1(worst.jsBytes)} KB (${worst.label}), ${budgeted.length} pages`,
      ok: budgeted.every((p) => p.jsBytes <= (jsBudgetBytes(p) as number)),
    });
  }
  const css = heaviest(pages, (p) => p.cssBytes);
  if (css) {
    verdicts.push({
      target: `CSS of every page ≤ ${CSS_BUDGET_KB} KB gzipped`,
      result: `heaviest ${kb1(css.cssBytes)} KB (${css.label}), ${pages.length} pages`,
      ok: pages.every((p) => p.cssBytes <= CSS_BUDGET_KB * 1024),
    });
  }
  const mapElsewhere = pages.filter((p) => p.map && p.label !== mapStep);
  verdicts.push({
    target: `the map (Leaflet) loaded on ${mapStep} only`,
    result: mapElsewhere.length
      ? `also on ${mapElsewhere.map((p) => p.label).join(', ')}`
      : pages.some((p) => p.label === mapStep && p.map)
        ? `on ${mapStep} only`
        : 'on no page',
    ok: mapElsewhere.length === 0,
  });
  return verdicts;
}

export interface LighthouseScores {
  readonly label: string;
  /** Category scores 0–100; undefined when Lighthouse could not score the page. */
  readonly performance: number | undefined;
  readonly accessibility: number | undefined;
  /** The performance score of each run, and Lighthouse's index of the machine's speed (median). */
  readonly runs?: readonly number[];
  readonly benchmarkIndex?: number;
}

/** Every citizen page scores at least 95 in performance and in accessibility (a page not scored fails). */
export function lighthouseVerdicts(scores: readonly LighthouseScores[]): Verdict[] {
  return (['performance', 'accessibility'] as const).map((category) => {
    const lowest = scores.reduce<LighthouseScores | undefined>(
      (low, s) => (low === undefined || (s[category] ?? -1) < (low[category] ?? -1) ? s : low),
      undefined,
    );
    return {
      target: `Lighthouse (mobile) ${category} of the citizen pages ≥ ${LIGHTHOUSE_MIN}`,
      result: lowest
        ? `lowest ${lowest[category] ?? 'not scored'} (${lowest.label}), ${scores.length} pages`
        : 'no page scored',
      ok: scores.length > 0 && scores.every((s) => (s[category] ?? -1) >= LIGHTHOUSE_MIN),
    };
  });
}

/** Kilobytes with one decimal: budgets are small enough that a tenth matters. */
export const kb1 = (bytes: number) => (bytes / 1024).toFixed(1);
