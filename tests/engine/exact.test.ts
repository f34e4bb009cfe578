/**
 * The exact method (docs/model.md §7): the Panjer recursion against hand-computed and closed-form
 * cases, then break-fix's monthly spend on five kinds of profile against the simulation, each
 * simulated percentile within the band the order statistics allow.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/collect.js';
import { EXACT_PERCENTILES, exactBreakFixMonthly } from '../../src/engine/exact.js';
import { gammaP } from '../../src/engine/gamma.js';
import { convolve, gridQuantile, panjer } from '../../src/engine/panjer.js';
import { negativeBinomialPmf, poissonPmf } from '../../src/engine/special.js';
import { inverseEcdf } from '../../src/study/exact.js';
import { load } from '../helpers/profiles.js';

const degenerateAt = (k: number, n: number) => Float64Array.from({ length: n }, (_, i) => (i === k ? 1 : 0));

describe('the Panjer recursion', () => {
  it('gives the hand-computed compound Poisson(1) of bills 1 or 2, each with probability ½', () => {
    const g = panjer({ kind: 'poisson', lambda: 1 }, Float64Array.from([0, 0.5, 0.5]), 4);
    const e = Math.exp(-1);
    // g₁ = λ f₁ g₀; g₂ = (λ/2)(f₁g₁ + 2f₂g₀); g₃ = (λ/3)(f₁g₂ + 2f₂g₁).
    expect([...g]).toEqual([e, 0.5 * e, 0.625 * e, (0.3125 + 0.5) * (e / 3)].map((x) => expect.closeTo(x, 15)));
  });

  it('is the count law itself for a bill of exactly one grid step, even where e^(−λ) underflows', () => {
    const n = 60;
    const p = panjer({ kind: 'poisson', lambda: 7.5 }, degenerateAt(1, n), n);
    for (let k = 0; k < n; k++) expect(p[k]).toBeCloseTo(poissonPmf(k, 7.5), 14);
    const nb = panjer({ kind: 'negative_binomial', lambda: 4, dispersion: 0.5 }, degenerateAt(1, n), n);
    // Mean 4, variance 4 + 0.5 × 16: size r = 2, success probability r / (r + λ).
    for (let k = 0; k < n; k++) expect(nb[k]).toBeCloseTo(negativeBinomialPmf(k, 2, 2 / 6), 14);
    const big = panjer({ kind: 'poisson', lambda: 3000 }, degenerateAt(1, 3200), 3200);
    expect(big[3000]! / poissonPmf(3000, 3000)).toBeCloseTo(1, 10);
  });

  it('matches the closed form of a compound Poisson with exponential bills', () => {
    // F(x) = Σₙ e^(−λ) λⁿ/n! · P(n, x/θ): n exponential bills sum to a gamma of shape n.
    const [lambda, theta, h, n] = [2, 100, 0.1, 20_000];
    const severity = new Float64Array(n);
    // The method of rounding: the probability of ((j − ½)h, (j + ½)h] at jh.
    for (let j = 0; j < n; j++) severity[j] = Math.exp(-Math.max(0, (j - 0.5) * h) / theta) - Math.exp(-((j + 0.5) * h) / theta);
    const g = panjer({ kind: 'poisson', lambda }, severity, n);
    const closed = (x: number) => {
      let sum = Math.exp(-lambda);
      let weight = Math.exp(-lambda);
      for (let k = 1; k < 80; k++) {
        weight *= lambda / k;
        sum += weight * gammaP(k, x / theta);
      }
      return sum;
    };
    let cdf = 0;
    for (let k = 0; k < n; k++) {
      cdf += g[k]!;
      // Rounding moves each of the N bills by at most h/2: the CDFs agree within the density (≤ 1/θ) × N·h/2, N ≲ 12 here.
      if (k % 500 === 0) expect(Math.abs(cdf - closed((k + 0.5) * h))).toBeLessThan(((12 * h) / 2 / theta) * 1.01);
    }
  });

  it('convolves independent parts: Poisson(1) + Poisson(2) is Poisson(3)', () => {
    const n = 40;
    const sum = convolve(
      [panjer({ kind: 'poisson', lambda: 1 }, degenerateAt(1, n), n), panjer({ kind: 'poisson', lambda: 2 }, degenerateAt(1, n), n)],
      n,
    );
    for (let k = 0; k < n; k++) expect(sum[k]).toBeCloseTo(poissonPmf(k, 3), 13);
  });
});

interface Case {
  name: string;
  incidents: object[];
  billing?: object;
}

const BILLING = { hourly_rate: 150, after_hours_multiplier: 1.5, minimum_hours: 1, billing_increment_hours: 0.25, trip_fee: 50 };
const CASES: Case[] = [
  {
    name: 'Poisson, lognormal labour, 0.25 h increments with a 1 h minimum, after hours and trips',
    incidents: [{ name: 'tickets', rate: { per_month: 6 }, labor_hours: { p50: 1, p90: 3 }, onsite_share: 0.3, after_hours_share: 0.2 }],
  },
  {
    name: 'negative binomial beside Poisson',
    incidents: [
      { name: 'bursty', rate: { per_month: 4 }, dispersion: 0.5, labor_hours: { p50: 0.75, p90: 2 } },
      { name: 'steady', rate: { per_month: 2 }, labor_hours: 1.5, onsite_share: 0.5 },
    ],
  },
  {
    name: 'a heavy lognormal tail (σ = 1.52)',
    incidents: [{ name: 'heavy', rate: { per_month: 3 }, labor_hours: { p50: 1, p90: 7 }, onsite_share: 0.2 }],
  },
  {
    name: 'sparse months (λ = 0.3)',
    incidents: [{ name: 'rare', rate: { per_month: 0.3 }, labor_hours: { p50: 4, p90: 12 }, onsite_share: 1 }],
  },
  {
    name: 'triangular labour without increments (a continuous bill, rounded to the grid)',
    incidents: [{ name: 'tri', rate: { per_month: 5 }, labor_hours: { low: 0.5, mode: 1, high: 4 } }],
    billing: { hourly_rate: 120, minimum_hours: 0, billing_increment_hours: 0, trip_fee: 0 },
  },
];

function caseModel(c: Case) {
  return load({
    version: 1,
    name: c.name,
    organization: { employees: 10, loaded_hourly_cost: 40 },
    incidents: c.incidents,
    break_fix: { ...BILLING, ...(c.billing ?? {}), response_hours: 4 },
    managed: { flat: 1000, response_hours: 1 },
  }).model;
}

describe('exact against simulated monthly break-fix spend', { tags: ['slow'] }, () => {
  it.each(CASES)('$name', (c) => {
    const model = caseModel(c);
    const e = exactBreakFixMonthly(model);
    expect(e.covered).toBeGreaterThan(0.99);
    const trials = 20_000;
    const months = 12;
    const monthly = simulate(model, { trials, months, seed: 17 }).values.monthly_spend[0]!;
    const n = trials * months;
    // Months are independent and alike here: the sample p-quantile lies between the exact quantiles at p ± 4√(p(1 − p)/n).
    const step = e.exactGrid ? 0 : e.stepCents / 100;
    const q = (p: number) => (gridQuantile(e.pmf, Math.min(1, Math.max(0, p))) * e.stepCents) / 100;
    for (const p of EXACT_PERCENTILES) {
      const band = 4 * Math.sqrt((p * (1 - p)) / n);
      const sim = inverseEcdf(monthly, p);
      expect(sim, `P${p * 100}`).toBeGreaterThanOrEqual(q(p - band) - step - 0.005);
      expect(sim, `P${p * 100}`).toBeLessThanOrEqual(q(p + band) + step + 0.005);
    }
    let sum = 0;
    for (const x of monthly) sum += x;
    expect(Math.abs(sum / n - e.mean)).toBeLessThan((4 * e.sd) / Math.sqrt(n));
  });
});
