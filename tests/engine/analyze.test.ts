import { describe, expect, it } from 'vitest';
import { batchedMetricSaving, decide, metricOf, summarize } from '../../src/engine/analyze.js';
import { DecisionAccumulator } from '../../src/engine/decision.js';
import { analyzeProfile, baseProfile } from '../helpers/profiles.js';
import { testStream } from '../helpers/stats.js';

const f64 = (xs: number[]) => Float64Array.from(xs);

describe('summarize (MODEL.md §6)', () => {
  it('uses R type-7 percentiles, the sample sd and the mean of the top 5%', () => {
    const s = summarize(f64([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]));
    // R: quantile(1:10, c(.05,.1,.25,.5,.75,.9,.95,.99)) = 1.45 1.9 3.25 5.5 7.75 9.1 9.55 9.91
    expect(s.p5).toBeCloseTo(1.45, 12);
    expect(s.p10).toBeCloseTo(1.9, 12);
    expect(s.p25).toBeCloseTo(3.25, 12);
    expect(s.p50).toBeCloseTo(5.5, 12);
    expect(s.p75).toBeCloseTo(7.75, 12);
    expect(s.p90).toBeCloseTo(9.1, 12);
    expect(s.p95).toBeCloseTo(9.55, 12);
    expect(s.p99).toBeCloseTo(9.91, 12);
    expect(s.mean).toBe(5.5);
    expect(s.sd).toBeCloseTo(Math.sqrt(55 / 6), 12); // sd(1:10) in R
    expect(s.cvar95).toBe(10); // ⌈0.05 × 10⌉ = 1 value
  });
  it('averages ⌈0.05 n⌉ values for cvar95', () => {
    const xs = Array.from({ length: 41 }, (_, i) => i); // ⌈2.05⌉ = 3 largest: 38, 39, 40
    expect(summarize(f64(xs)).cvar95).toBe(39);
  });
  it('leaves its input unsorted', () => {
    const xs = f64([3, 1, 2]);
    summarize(xs);
    expect([...xs]).toEqual([3, 1, 2]);
  });
});

describe('summarize against a full sort', () => {
  it.each([2, 3, 20, 1001, 12_000])('gives the sorted-array percentiles and tail mean for n = %d, ties included', (n) => {
    const s = testStream(`summarize-${n}`);
    // Rounded lognormal-ish values: heavy right tail and many ties, like monthly spend.
    const xs = Float64Array.from({ length: n }, () => Math.round(Math.exp(3 * s.u()) * 4) / 4);
    const sorted = [...xs].sort((a, b) => a - b);
    const r7 = (p: number) => {
      const h = (n - 1) * p;
      const lo = Math.floor(h);
      return sorted[lo]! + (h - lo) * (sorted[Math.min(n - 1, lo + 1)]! - sorted[lo]!);
    };
    const tail = Math.ceil(0.05 * n);
    const cvar = sorted.slice(n - tail).reduce((a, b) => a + b, 0) / tail;
    const got = summarize(xs);
    for (const [key, p] of [
      ['p5', 0.05],
      ['p10', 0.1],
      ['p25', 0.25],
      ['p50', 0.5],
      ['p75', 0.75],
      ['p90', 0.9],
      ['p95', 0.95],
      ['p99', 0.99],
    ] as const) {
      expect(got[key]).toBeCloseTo(r7(p), 10);
    }
    expect(got.cvar95).toBeCloseTo(cvar, 8);
  });
});

describe('p_best', () => {
  it('splits ties equally so the shares sum to 1', () => {
    const basis = [f64([1, 5, 2, 3]), f64([2, 5, 2, 1]), f64([3, 5, 9, 9])];
    const acc = new DecisionAccumulator(3, 4, 'spend', 'mean');
    acc.add(spendOnly(basis));
    const shares = acc.pBest();
    expect(shares).toEqual([(1 + 1 / 3 + 1 / 2) / 4, (1 / 3 + 1 / 2 + 1) / 4, 1 / 3 / 4]);
    expect(shares.reduce((a, b) => a + b)).toBeCloseTo(1, 15);
  });
});

/** Decision inputs whose basis is the spend itself, with no downtime or losses. */
function spendOnly(basis: Float64Array[]) {
  const zeros = basis.map((b) => new Float64Array(b.length));
  return { basis, spend: basis, downtimeCost: zeros, directCost: zeros };
}

describe('decision', () => {
  it('recommends the lowest metric; ties go to the earlier option', () => {
    const d = decide(spendOnly([f64([5, 5]), f64([4, 6]), f64([6, 4])]), 'total_cost', 'mean');
    expect(d.option).toBe(0);
    expect(d.runnerUp).toBe(1);
    expect(d.meanSaving).toBe(0);
  });
  it('gives the paired mean saving and its standard error', () => {
    const a = f64([10, 12, 14, 16]);
    const b = f64([11, 11, 15, 19]);
    const d = decide(spendOnly([b, a]), 'spend', 'mean');
    expect(d.option).toBe(1);
    // differences b − a: 1, −1, 1, 3 → mean 1, sd √(8/3)
    expect(d.meanSaving).toBe(1);
    expect(d.meanSavingSe).toBeCloseTo(Math.sqrt(8 / 3) / 2, 12);
    expect(d.metricSaving).toBe(d.meanSaving);
    expect(d.metricSavingSe).toBe(d.meanSavingSe);
    expect(d.tooClose).toBe(true); // |1| ≤ 2 × 0.816
    expect(d.versus).toEqual([
      { option: 0, meanSaving: 1, meanSavingSe: d.meanSavingSe, pCheaper: 0.25, components: { spend: 1, downtimeCost: 0, directCost: 0 } },
    ]);
  });
  it('estimates a percentile metric\u2019s standard error from 20 batches of consecutive trials', () => {
    const n = 400;
    const a = f64(Array.from({ length: n }, (_, i) => (i * 37) % 101));
    const b = f64(Array.from({ length: n }, (_, i) => ((i * 53) % 97) + 3));
    const { saving, se } = batchedMetricSaving(a, b, 'p90');
    const diffs = Array.from({ length: 20 }, (_, k) => {
      const q = (x: Float64Array) => {
        const s = [...x.subarray(k * 20, k * 20 + 20)].sort((u, v) => u - v);
        const h = 19 * 0.9;
        return s[Math.floor(h)]! + (h - Math.floor(h)) * (s[Math.ceil(h)]! - s[Math.floor(h)]!);
      };
      return q(a) - q(b);
    });
    const mean = diffs.reduce((x, y) => x + y) / 20;
    const sd = Math.sqrt(diffs.reduce((x, y) => x + (y - mean) ** 2, 0) / 19);
    expect(se).toBeCloseTo(sd / Math.sqrt(20), 12);
    expect(saving).toBe(metricOf(a, 'p90') - metricOf(b, 'p90'));
  });
});

describe('analysis of a profile', () => {
  it('reports budget overruns and p_best shares that sum to 1', () => {
    const p = baseProfile();
    p['budget'] = { monthly: 1000 };
    const { analysis, out } = analyzeProfile(p, { trials: 3000 });
    const total = analysis.stats.reduce((s, o) => s + o.pBest, 0);
    expect(total).toBeCloseTo(1, 12);
    const bfSpend = out.values.monthly_spend[0]!;
    const over = bfSpend.filter((x) => x > 1000).length / bfSpend.length;
    expect(analysis.stats[0]!.pMonthOverBudget).toBe(over);
    expect(analysis.stats[1]!.pMonthOverBudget).toBe(1); // the managed fee is 1,500
  });
});
