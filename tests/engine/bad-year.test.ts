/**
 * Bad years (docs/model.md §3): a mean-1 gamma factor per trial and year on λ. The gamma's own
 * functions are checked against closed forms and tables; the simulated counts against the
 * compound variance 12λ + (12λ)²·Var F within 4 standard errors derived from the sample.
 */
import { mean, sampleCorrelation, sampleVariance } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/collect.js';
import { badYearFactor, badYearShape, gammaP, gammaQuantile } from '../../src/engine/gamma.js';
import { runCli } from '../helpers/cli.js';
import { load } from '../helpers/profiles.js';

describe('the gamma distribution', () => {
  it('has the CDF of its closed-form cases', () => {
    for (const x of [0.01, 0.5, 1, 2, 7, 30]) {
      expect(gammaP(1, x)).toBeCloseTo(1 - Math.exp(-x), 14);
      expect(gammaP(2, x)).toBeCloseTo(1 - Math.exp(-x) * (1 + x), 14);
      expect(gammaP(3, x)).toBeCloseTo(1 - Math.exp(-x) * (1 + x + (x * x) / 2), 13);
    }
  });

  it('has the quantiles of the chi-square tables (χ²(ν) is a gamma of shape ν/2, scale 2)', () => {
    // Pearson's tables, to the three decimals printed there.
    const table: [number, number, number][] = [
      [10, 0.9, 15.987],
      [3, 0.1, 0.584],
      [4, 0.95, 9.488],
      [1, 0.9, 2.706],
      [30, 0.5, 29.336],
    ];
    for (const [nu, p, x] of table) expect(2 * gammaQuantile(nu / 2, p)).toBeCloseTo(x, 3);
    for (const a of [1, 1.7, 11, 400])
      for (const p of [1e-6, 0.1, 0.5, 0.9, 0.999999]) expect(gammaP(a, gammaQuantile(a, p))).toBeCloseTo(p, 12);
  });

  it('gives the bad year the shape whose mean-1 P90 is the one asked for', () => {
    expect(badYearShape(Math.LN10)).toBe(1);
    for (const p90 of [1.01, 1.4, 2, 2.3]) expect(badYearFactor(badYearShape(p90), 0.9)).toBeCloseTo(p90, 10);
    // A wider bad year is a smaller shape (more variance, 1/k).
    expect(badYearShape(1.2)).toBeGreaterThan(badYearShape(1.6));
  });
});

/** One class with a fixed λ a month and fixed labour: break-fix bills exactly $100 an incident, so spend counts incidents. */
function countingProfile(lambda: number, months: number, badYear?: object) {
  return load({
    version: 1,
    name: 'Counting',
    organization: { employees: 10, loaded_hourly_cost: 40 },
    simulation: { trials: 10, months, seed: 3 },
    incidents: [{ name: 'tickets', rate: { per_month: lambda }, labor_hours: 1 }],
    break_fix: { hourly_rate: 100, response_hours: 4 },
    managed: { flat: 500, response_hours: 1 },
    ...(badYear ? { bad_year: badYear } : {}),
  });
}

/** SE of a sample variance from the sample's own fourth central moment: √((m₄ − s⁴(n − 3)/(n − 1)) / n). */
function varianceSe(xs: number[]): number {
  const n = xs.length;
  const m = mean(xs);
  const m4 = xs.reduce((s, x) => s + (x - m) ** 4, 0) / n;
  const s2 = sampleVariance(xs);
  return Math.sqrt((m4 - (s2 * s2 * (n - 3)) / (n - 1)) / n);
}

describe('bad years in the simulation', { tags: ['slow'] }, () => {
  const lambda = 3;
  const p90 = 1.4;
  const k = badYearShape(p90);

  it('widen a year\u2019s count to 12λ + (12λ)²·Var F and leave its mean at 12λ', () => {
    const trials = 20_000;
    const loaded = countingProfile(lambda, 12, { p90 });
    const out = simulate(loaded.model, { trials, months: 12, seed: 5 });
    const counts = [...out.values.horizon_spend[0]!].map((x) => x / 100);
    const expected = 12 * lambda + (12 * lambda) ** 2 / k;
    expect(Math.abs(sampleVariance(counts) - expected)).toBeLessThan(4 * varianceSe(counts));
    expect(Math.abs(mean(counts) - 12 * lambda)).toBeLessThan(4 * Math.sqrt(sampleVariance(counts) / trials));
    // Without a bad year the count is Poisson: the variance is the mean.
    const plain = simulate(countingProfile(lambda, 12).model, { trials, months: 12, seed: 5 });
    const poisson = [...plain.values.horizon_spend[0]!].map((x) => x / 100);
    expect(Math.abs(sampleVariance(poisson) - 12 * lambda)).toBeLessThan(4 * varianceSe(poisson));
  });

  it('give each year of a trial its own factor: over 24 months the years\u2019 counts are independent', () => {
    const trials = 20_000;
    const out = simulate(countingProfile(lambda, 24, { p90 }).model, { trials, months: 24, seed: 8 });
    const monthly = out.values.monthly_spend[0]!;
    const year = (t: number, y: number) => {
      let sum = 0;
      for (let m = 12 * y; m < 12 * y + 12; m++) sum += monthly[t * 24 + m]! / 100;
      return sum;
    };
    const first = Array.from({ length: trials }, (_, t) => year(t, 0));
    const second = Array.from({ length: trials }, (_, t) => year(t, 1));
    // A correlation of independent samples has SE about 1/√n.
    expect(Math.abs(sampleCorrelation(first, second))).toBeLessThan(4 / Math.sqrt(trials));
    const expected = 12 * lambda + (12 * lambda) ** 2 / k;
    for (const ys of [first, second]) expect(Math.abs(sampleVariance(ys) - expected)).toBeLessThan(4 * varianceSe(ys));
  });

  it('keep a raised rate from ever lowering a trial\u2019s spend', () => {
    const trials = 2000;
    const base = simulate(countingProfile(lambda, 24, { p90 }).model, { trials, months: 24, seed: 2 });
    const raised = simulate(countingProfile(lambda * 1.01, 24, { p90 }).model, { trials, months: 24, seed: 2 });
    let lower = 0;
    for (let t = 0; t < trials; t++) if (raised.values.horizon_spend[0]![t]! < base.values.horizon_spend[0]![t]!) lower++;
    expect(lower).toBe(0);
  });
});

describe('a bad year is addressed: nothing it does not apply to moves', { tags: ['slow'] }, () => {
  it('leaves a class it does not apply to with the same incidents in every trial', () => {
    // Managed covers "a" and bills "b" out of scope: its spend is the fee plus b's bills alone.
    const profile = (badYear?: object) =>
      load({
        version: 1,
        name: 'Two classes',
        organization: { employees: 10, loaded_hourly_cost: 40 },
        incidents: [
          { name: 'a', rate: { per_month: 4 }, labor_hours: { p50: 1, p90: 3 } },
          { name: 'b', rate: { per_month: 2 }, labor_hours: { p50: 2, p90: 5 }, covered: false },
        ],
        break_fix: { hourly_rate: 100, response_hours: 4 },
        managed: { flat: 500, response_hours: 1 },
        ...(badYear ? { bad_year: badYear } : {}),
      });
    const settings = { trials: 3000, months: 24, seed: 4 };
    const without = simulate(profile().model, settings);
    const withA = simulate(profile({ p90: 1.8, applies_to: ['a'] }).model, settings);
    expect([...withA.values.horizon_spend[1]!]).toEqual([...without.values.horizon_spend[1]!]);
    // …while break-fix, which bills class a, does move.
    expect([...withA.values.horizon_spend[0]!]).not.toEqual([...without.values.horizon_spend[0]!]);
  });
});

describe('bad years in the profile and the reports', () => {
  it('are validated: p90 in (1, 2.3], classes that exist (with did-you-mean)', async () => {
    const r = await runCli(['validate', 'scenarios/office-5.yaml', '--set', 'bad_year={p90: 2.5, applies_to: [user suport]}']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('bad_year.p90: must be at most 2.3, got 2.5 — ');
    expect(r.stdout).toContain('bad_year.applies_to[0]: no incident class named "user suport" — did you mean "user support"?');
    expect((await runCli(['validate', 'scenarios/office-5.yaml', '--set', 'bad_year={p90: 1}'])).stdout).toContain(
      'bad_year.p90: must be greater than 1, got 1',
    );
  });

  // A study run whole: end-to-end (docs/architecture.md, Tests).
  it('are said in the run header in words, and are an input of sensitivity', { tags: ['slow', 'e2e'] }, async () => {
    const set = ['--set', 'bad_year={p90: 1.4}'];
    const run = await runCli(['run', 'scenarios/office-5.yaml', '--trials', '300', ...set]);
    const k = badYearShape(1.4);
    expect(run.stdout.split('\n')[2]).toBe(`bad year: P10 ${badYearFactor(k, 0.1).toFixed(2)}×, P90 1.40× incidents a year (all classes)`);
    const s = JSON.parse(
      (await runCli(['sensitivity', 'scenarios/office-5.yaml', '--trials', '600', '--rerun-trials', '300', '--json', ...set])).stdout,
    );
    const input = s.inputs.find((i: { path: string }) => i.path === 'bad_year.p90');
    expect(input).toMatchObject({ how: 'swing', base: 1.4 });
    expect(input.low).toBeCloseTo(1.05, 12);
    expect(input.high).toBeCloseTo(1.75, 12);
  });
});
