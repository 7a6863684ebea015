import { describe, expect, it } from 'vitest';
import { withSection } from '../../../scripts/bench/markdown.ts';
import {
  CSS_BUDGET_KB,
  JS_BUDGET_KB,
  type LighthouseScores,
  lighthouseVerdicts,
  type PageWeight,
  weightVerdicts,
} from '../../../scripts/bench/web-budgets.ts';

const KB = 1024;
const page = (o: Partial<PageWeight> & Pick<PageWeight, 'label' | 'group'>): PageWeight => ({
  jsBytes: 1 * KB,
  cssBytes: 5 * KB,
  map: false,
  ...o,
});
const verdictFor = (pages: PageWeight[], target: RegExp) => {
  const v = weightVerdicts(pages, '/report/where').find((x) => target.test(x.target));
  if (!v) throw new Error(`no verdict for ${target}`);
  return v;
};

describe('the web bench: weight budgets', () => {
  it('passes pages at their budget exactly and fails one byte over, per group', () => {
    for (const group of ['public', 'official', 'console'] as const) {
      const at = page({ label: `/${group}`, group, jsBytes: JS_BUDGET_KB[group] * KB });
      expect(verdictFor([at], new RegExp(`of ${group} pages`)).ok).toBe(true);
      const over = { ...at, jsBytes: at.jsBytes + 1 };
      const v = verdictFor([at, over], new RegExp(`of ${group} pages`));
      expect(v.ok).toBe(false);
      expect(v.result).toContain(`/${group}`);
    }
  });

  it('judges each group by its own budget: 70 KB fails a public page, passes a console page', () => {
    const pages = [
      page({ label: '/members', group: 'public', jsBytes: 70 * KB }),
      page({ label: '/console', group: 'console', jsBytes: 70 * KB }),
    ];
    expect(verdictFor(pages, /of public pages/).ok).toBe(false);
    expect(verdictFor(pages, /of console pages/).ok).toBe(true);
  });

  it('leaves the map step out of the public JavaScript budget, but fails the map loaded anywhere else', () => {
    const where = page({ label: '/report/where', group: 'public', jsBytes: 50 * KB, map: true });
    const city = page({ label: '/report/city', group: 'public' });
    expect(verdictFor([where, city], /of public pages/).ok).toBe(true);
    expect(verdictFor([where, city], /map/).ok).toBe(true);
    const leaky = { ...city, map: true, jsBytes: 50 * KB };
    expect(verdictFor([where, leaky], /map/)).toMatchObject({ ok: false, result: 'also on /report/city' });
  });

  it('fails CSS over its budget on any page', () => {
    const ok = page({ label: '/', group: 'public', cssBytes: CSS_BUDGET_KB * KB });
    expect(verdictFor([ok], /CSS/).ok).toBe(true);
    const heavy = page({ label: '/console', group: 'console', cssBytes: CSS_BUDGET_KB * KB + 1 });
    expect(verdictFor([ok, heavy], /CSS/)).toMatchObject({ ok: false });
    expect(verdictFor([ok, heavy], /CSS/).result).toContain('/console');
  });
});

describe('the web bench: Lighthouse scores', () => {
  const scores = (performance: number | undefined, accessibility: number | undefined): LighthouseScores => ({
    label: '/report',
    performance,
    accessibility,
  });

  it('passes at 95 and fails at 94, naming the lowest page', () => {
    expect(lighthouseVerdicts([scores(95, 100)]).every((v) => v.ok)).toBe(true);
    const [performance, accessibility] = lighthouseVerdicts([
      scores(100, 100),
      { label: '/requests/X', performance: 94, accessibility: 100 },
    ]);
    expect(performance).toMatchObject({ ok: false });
    expect(performance?.result).toContain('/requests/X');
    expect(accessibility?.ok).toBe(true);
  });

  it('fails a page Lighthouse could not score, and fails when no page was scored', () => {
    expect(lighthouseVerdicts([scores(undefined, 100)])[0]?.ok).toBe(false);
    expect(lighthouseVerdicts([]).every((v) => !v.ok)).toBe(true);
  });
});

describe('the web bench run alone (--only web): its section of the report', () => {
  const report =
    '# Performance\n\n## Verdicts\n\nold verdicts\n\n## Web pages\n\nold web\n\n## Later\n\nkept\n';

  it('replaces the section of the same heading and keeps every other section as it was', () => {
    const out = withSection(report, '## Web pages\n\nnew web\n');
    expect(out).toBe(
      '# Performance\n\n## Verdicts\n\nold verdicts\n\n## Web pages\n\nnew web\n\n## Later\n\nkept\n',
    );
  });

  it('adds the section at the end of a report that has none, or of an empty one', () => {
    expect(withSection('# Performance\n\n## Verdicts\n\nv\n', '## Web pages\n\nw\n')).toBe(
      '# Performance\n\n## Verdicts\n\nv\n\n## Web pages\n\nw\n',
    );
    expect(withSection('', '## Web pages\n\nw\n')).toBe('## Web pages\n\nw\n');
  });
});
