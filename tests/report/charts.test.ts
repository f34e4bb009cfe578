import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bandsChart, barChart, distributionChart, monthTicks } from '../../src/report/html/charts.js';
import { esc } from '../../src/report/html/escape.js';
import { linearScale, niceDomain, ticks } from '../../src/report/html/svg.js';
import { attr, byTag, type Element, parseHtml, textOf } from '../helpers/html.js';

const fmt = (x: number) => `$${Math.round(x)}`;
const num = (e: Element, a: string) => Number(attr(e, a));
/** Coordinates are written to 0.1, so a sum of two can be 0.1 off (and a little for floating point). */
const near = (actual: number, expected: number, tolerance = 0.11) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance);

function svgOf(markup: string) {
  const { root, errors } = parseHtml(`<!doctype html><html><head><title>t</title></head><body>${markup}</body></html>`);
  expect(errors).toEqual([]);
  return root;
}

describe('scales and ticks', () => {
  it('maps the ends of the domain to the ends of the range, linearly between', () => {
    const x = linearScale([10, 30], [100, 500]);
    expect([x(10), x(20), x(30)]).toEqual([100, 300, 500]);
  });

  it('gives round ticks inside the range, on one step', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 1e-3, max: 1e7, noNaN: true }), (lo, span) => {
        const t = ticks(lo, lo + span, 4);
        expect(t.length).toBeGreaterThan(0);
        for (const v of t) expect(v >= lo - span * 1e-9 && v <= lo + span * (1 + 1e-9)).toBe(true);
        const steps = t.slice(1).map((v, i) => v - t[i]!);
        for (const s of steps) expect(s).toBeCloseTo(steps[0]!, 6);
      }),
    );
  });

  it('makes a domain that holds zero and every value', () => {
    fc.assert(
      // Amounts of money, in cents.
      fc.property(fc.integer({ min: -1e8, max: 1e8 }), fc.integer({ min: -1e8, max: 1e8 }), (ca, cb) => {
        const [a, b] = [ca / 100, cb / 100];
        const [lo, hi] = niceDomain(Math.min(a, b), Math.max(a, b));
        expect(lo).toBeLessThanOrEqual(Math.min(0, a, b));
        expect(hi).toBeGreaterThanOrEqual(Math.max(0, a, b));
        expect(hi).toBeGreaterThan(lo);
      }),
    );
  });

  it('labels month 1 and then whole quarters, half-years or years', () => {
    expect(monthTicks(12)).toEqual([1, 3, 6, 9, 12]);
    expect(monthTicks(36)).toEqual([1, 6, 12, 18, 24, 30, 36]);
    expect(monthTicks(120).at(-1)).toBe(120);
  });
});

describe('the yearly cost chart', () => {
  const edges = [0, 100, 200, 300, 400];
  const rows = [
    { name: 'A', counts: [1, 4, 2, 0], p10: 50, p50: 150, p90: 250, mean: 160 },
    { name: 'B', counts: [0, 8, 0, 2], p10: 120, p50: 140, p90: 390, mean: 180 },
  ];

  it('draws one bar per non-empty bin, as tall as its count against the row’s largest, on the shared axis', () => {
    const root = svgOf(distributionChart('t', rows, edges, fmt));
    const bars = byTag(root, 'rect');
    expect(bars).toHaveLength(rows.flatMap((r) => r.counts.filter((c) => c > 0)).length);
    let k = 0;
    for (const r of rows) {
      const mine = bars.slice(k, k + r.counts.filter((c) => c > 0).length);
      k += mine.length;
      const tallest = Math.max(...mine.map((b) => num(b, 'height')));
      const nonEmpty = r.counts.map((c, i) => [c, i] as const).filter(([c]) => c > 0);
      nonEmpty.forEach(([c, i], j) => {
        expect(num(mine[j]!, 'height') / tallest).toBeCloseTo(c / Math.max(...r.counts), 2);
        // Bins of equal width sit at equal steps along the one axis both rows share.
        expect(num(mine[j]!, 'x')).toBeCloseTo(
          num(bars[0]!, 'x') + (i - (rows[0]!.counts[0]! > 0 ? 0 : 1)) * (num(bars[0]!, 'width') + 1),
          0,
        );
      });
      // Each bar's bottom is on the row's baseline.
      const bottoms = mine.map((b) => num(b, 'y') + num(b, 'height'));
      for (const y of bottoms) expect(y).toBeCloseTo(bottoms[0]!, 1);
    }
  });

  it('puts the whisker from P10 to P90 where the axis says those values are, and writes them out', () => {
    const root = svgOf(distributionChart('t', rows, edges, fmt));
    const axisLabels = byTag(root, 'text')
      .filter((t) => /^\$\d+\+?$/.test(textOf(t)))
      .sort((a, b) => num(a, 'x') - num(b, 'x'));
    const at = (v: number) => {
      const [a, b] = [axisLabels[0]!, axisLabels.at(-1)!];
      const [va, vb] = [Number(textOf(a).replace(/[$+]/g, '')), Number(textOf(b).replace(/[$+]/g, ''))];
      return num(a, 'x') + ((v - va) / (vb - va)) * (num(b, 'x') - num(a, 'x'));
    };
    const whiskers = byTag(root, 'line').filter((l) => attr(l, 'class') === 'whisker' && attr(l, 'y1') === attr(l, 'y2'));
    rows.forEach((r, i) => {
      expect(num(whiskers[i]!, 'x1')).toBeCloseTo(at(r.p10), 0);
      expect(num(whiskers[i]!, 'x2')).toBeCloseTo(at(r.p90), 0);
    });
    const dots = byTag(root, 'circle');
    rows.forEach((r, i) => expect(num(dots[i]!, 'cx')).toBeCloseTo(at(r.p50), 0));
    expect(textOf(root)).toContain('P10 $50 · P50 $150 · P90 $250 · mean $160');
  });

  it('has a title and a description that name every option', () => {
    const root = svgOf(distributionChart('t', rows, edges, fmt));
    const svg = byTag(root, 'svg')[0]!;
    expect(attr(svg, 'role')).toBe('img');
    expect(attr(svg, 'aria-labelledby')).toBe('tt td');
    expect(textOf(byTag(root, 'desc')[0]!)).toMatch(/A: P10 \$50.*B: P10 \$120/);
  });
});

/** The y of a value in a panel, from the chart's own $0 and top grid lines and their labels. */
function panelScale(root: ReturnType<typeof svgOf>, panel: number, perPanel: number) {
  const grid = byTag(root, 'line').filter((l) => attr(l, 'class') === 'grid');
  const mine = grid.slice(panel * perPanel, (panel + 1) * perPanel);
  const labels = byTag(root, 'text').filter((t) => attr(t, 'text-anchor') === 'end' && /^\$\d+$/.test(textOf(t)));
  const values = labels.slice(panel * perPanel, (panel + 1) * perPanel).map((t) => Number(textOf(t).slice(1)));
  const [y0, y1] = [num(mine[0]!, 'y1'), num(mine.at(-1)!, 'y1')];
  return (v: number) => y0 + ((v - values[0]!) / (values.at(-1)! - values[0]!)) * (y1 - y0);
}

describe('the monthly bill chart', () => {
  const panels = [
    { name: 'A', p10: [50, 60, 70], p50: [100, 110, 120], p90: [150, 170, 190], note: 'month 1: onboarding' },
    { name: 'B', p10: [10, 10, 10], p50: [20, 20, 20], p90: [40, 40, 40] },
  ];

  it('steps the band from P10 to P90 and the P50 line through each month at the heights the axis gives', () => {
    const root = svgOf(bandsChart('m', panels, 3, fmt));
    const paths = byTag(root, 'path');
    const perPanel = byTag(root, 'line').filter((l) => attr(l, 'class') === 'grid').length / panels.length;
    panels.forEach((p, i) => {
      const y = panelScale(root, i, perPanel);
      const band = attr(paths[2 * i]!, 'd')!;
      const median = attr(paths[2 * i + 1]!, 'd')!;
      const points = (d: string) => [...d.matchAll(/[ML]([\d.]+) ([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
      const up = points(band).slice(0, 2 * p.p90.length);
      const down = points(band)
        .slice(2 * p.p90.length)
        .reverse();
      p.p90.forEach((v, m) => {
        expect(up[2 * m]![1]).toBeCloseTo(y(v), 0);
        expect(up[2 * m + 1]![1]).toBeCloseTo(y(v), 0);
        expect(down[2 * m]![1]).toBeCloseTo(y(p.p10[m]!), 0);
      });
      points(median).forEach(([, my], k) => expect(my).toBeCloseTo(y(p.p50[Math.floor(k / 2)]!), 0));
      // Months are equal columns.
      const xs = up.filter((_, k) => k % 2 === 0).map(([x]) => x);
      expect(xs[2]! - xs[1]!).toBeCloseTo(xs[1]! - xs[0]!, 1);
    });
    expect(textOf(root)).toContain('month 1: onboarding');
  });

  it('draws the budget as a line at its height in every panel, labelled', () => {
    const root = svgOf(bandsChart('m', panels, 3, fmt, 100));
    const budget = byTag(root, 'line').filter((l) => attr(l, 'class') === 'budget');
    expect(budget).toHaveLength(2);
    const perPanel = byTag(root, 'line').filter((l) => attr(l, 'class') === 'grid').length / panels.length;
    budget.forEach((b, i) => expect(num(b, 'y1')).toBeCloseTo(panelScale(root, i, perPanel)(100), 0));
    expect(textOf(root)).toContain('budget $100');
  });
});

describe('bar charts', () => {
  it('draws bars from their start to their end on the scale, measured from the zero marker', () => {
    const rows = [
      { label: 'a', value: '+300', from: 0, to: 300, kind: 'less' },
      { label: 'b', value: '−100', from: 0, to: -100, kind: 'more' },
      { label: 'c', value: '50 to 250', from: 100, to: 50, kind: 'low', also: { from: 100, to: 250, kind: 'high' } },
    ];
    const root = svgOf(barChart('b', 'T', 'D', rows, [-200, 400], [{ at: 0, label: 'zero', kind: 'zero' }]));
    const zero = num(byTag(root, 'line')[0]!, 'x1');
    const rects = byTag(root, 'rect');
    const perUnit = num(rects[0]!, 'width') / 300;
    near(num(rects[0]!, 'x'), zero);
    near(num(rects[1]!, 'x') + num(rects[1]!, 'width'), zero);
    near(num(rects[1]!, 'width'), 100 * perUnit);
    near(num(rects[2]!, 'x'), zero + 50 * perUnit);
    near(num(rects[3]!, 'x') + num(rects[3]!, 'width'), zero + 250 * perUnit, 0.2);
    expect(rects.map((r) => attr(r, 'class'))).toEqual(['less', 'more', 'low', 'high']);
  });

  it('gives a long value a line of its own rather than letting it run into the label', () => {
    const long = 'x'.repeat(60);
    const root = svgOf(barChart('b', 'T', 'D', [{ label: long, value: 'a value', from: 0, to: 1, kind: 'less' }], [0, 1]));
    const [label, value] = byTag(root, 'text');
    expect(num(value!, 'y')).toBeGreaterThan(num(label!, 'y'));
  });

  it('escapes every label: text cannot become markup', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const root = svgOf(barChart('b', s, s, [{ label: s, value: s, from: 0, to: 1, kind: 'less' }], [0, 1]));
        expect(byTag(root, 'svg')).toHaveLength(1);
        expect(byTag(root, 'script')).toHaveLength(0);
        expect(byTag(root, 'text').map(textOf)[0]).toBe(s.replace(/\s+/g, ' ').trim());
      }),
    );
    expect(esc(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
