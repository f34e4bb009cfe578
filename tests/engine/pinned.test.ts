/**
 * Behaviours a mutation pass found no test stating (issue 15): each test says what must hold
 * and checks it on the running engine, trial by trial, not on a twin of the code.
 */
import { describe, expect, it } from 'vitest';
import { analyze, batchedMetricSaving, decide, metricOf, pairedSaving, summarize } from '../../src/engine/analyze.js';
import { baseProfile, optionIndex, simulateProfile } from '../helpers/profiles.js';

function withHybrid(escalation: number) {
  const p = baseProfile();
  // Plenty of in-house hours: nothing overflows, so only escalation sends work to break-fix.
  p.hybrid = {
    internal_staff: 20,
    monthly_cost_per_staff: 250,
    hours_per_staff_month: 744,
    escalation_share: escalation,
    prevention: 0,
    response_hours: { p50: 1, p90: 3 },
  };
  return p;
}

describe('hybrid escalation', () => {
  it('with no escalation and room for everything, hybrid pays its staff and nothing else, every month', () => {
    const { out } = simulateProfile(withHybrid(0), { trials: 300 });
    const h = optionIndex(out, 'hybrid');
    for (const v of out.values.monthly_spend[h]!) expect(v).toBe(5000);
  });

  it('with every incident escalated, hybrid pays its staff plus exactly break-fix’s bill, every month', () => {
    const { out } = simulateProfile(withHybrid(1), { trials: 300 });
    const h = optionIndex(out, 'hybrid');
    const bf = out.values.monthly_spend[0]!;
    out.values.monthly_spend[h]!.forEach((v, i) => expect(v).toBeCloseTo(5000 + bf[i]!, 6));
  });

  it('escalates about the share asked for: the billed share of break-fix’s bill, within 4 SE', () => {
    for (const share of [0.2, 0.5, 0.8]) {
      const { out } = simulateProfile(withHybrid(share), { trials: 400 });
      const h = optionIndex(out, 'hybrid');
      const billed = out.values.monthly_spend[h]!.map((v) => v - 5000);
      const bf = out.values.monthly_spend[0]!;
      // A ratio of sums over trial-months; its SE by the delta method from the months' residuals.
      const total = bf.reduce((a, b) => a + b, 0);
      const r = billed.reduce((a, b) => a + b, 0) / total;
      let residuals = 0;
      for (let m = 0; m < bf.length; m++) residuals += (billed[m]! - r * bf[m]!) ** 2;
      const se = Math.sqrt(residuals) / total;
      expect(Math.abs(r - share)).toBeLessThanOrEqual(4 * se);
    }
  });
});

describe('horizon sums', () => {
  it('each option’s horizon spend is its months’ spend plus its one-off fees, trial by trial', () => {
    const p = withHybrid(0.3);
    p.managed.onboarding_fee = 1234.56;
    const { out } = simulateProfile(p, { trials: 200, months: 24 });
    const v = out.values;
    for (let o = 0; o < out.options.length; o++) {
      for (let t = 0; t < out.trials; t++) {
        let sum = v.one_off_spend[o]![t]!;
        for (let m = 0; m < out.months; m++) sum += v.monthly_spend[o]![t * out.months + m]!;
        expect(v.horizon_spend[o]![t]).toBeCloseTo(sum, 6);
        expect(v.horizon_total_cost[o]![t]).toBeCloseTo(
          v.horizon_spend[o]![t]! + v.horizon_downtime_cost[o]![t]! + v.horizon_direct_cost[o]![t]!,
          4,
        );
      }
    }
  });
});

describe('billing increments in the running engine', () => {
  it('bills an exact multiple of the increment as that many increments (2.1 h at 0.3 h is 2.1 h, not 2.4 h)', () => {
    const p = baseProfile();
    p.incidents[0].labor_hours = 2.1;
    p.incidents[0].onsite_share = 0;
    p.incidents[0].after_hours_share = 0;
    p.incidents[0].preventable = 0;
    p.break_fix = { ...p.break_fix, hourly_rate: 100, minimum_hours: 0, billing_increment_hours: 0.3, trip_fee: 0 };
    const { out } = simulateProfile(p, { trials: 200 });
    // Every month's break-fix bill is a whole number of $210 incidents (2.4 h would make multiples of $240).
    for (const v of out.values.monthly_spend[0]!) expect(Math.round(v * 100) % 21000).toBe(0);
    expect(Math.max(...out.values.monthly_spend[0]!)).toBeGreaterThan(0);
  });
});

describe('summaries and metrics', () => {
  it('gives one value a sample sd of 0, and two values the n − 1 sd', () => {
    expect(summarize(Float64Array.of(5)).sd).toBe(0);
    expect(summarize(Float64Array.of(1, 3)).sd).toBeCloseTo(Math.SQRT2, 12);
  });

  it('reads the metric it is asked for: mean, median and 90th percentile of a skewed sample differ', () => {
    const xs = Float64Array.from({ length: 101 }, (_, i) => i * i);
    // Σ i² for i = 0 … 100 is 100 · 101 · 201 / 6; the median is 50², the R-7 P90 is 90².
    expect(metricOf(xs, 'mean')).toBeCloseTo((100 * 101 * 201) / 6 / 101, 9);
    expect(metricOf(xs, 'p50')).toBe(2500);
    expect(metricOf(xs, 'p90')).toBe(8100);
  });

  it('shares months over budget only when there is a budget', () => {
    const p = baseProfile();
    const none = analyze(simulateProfile(p, { trials: 200 }).loaded.model, simulateProfile(p, { trials: 200 }).out);
    for (const s of none.stats) expect(s.pMonthOverBudget).toBeUndefined();
    p.budget = { monthly: 400 };
    const { loaded, out } = simulateProfile(p, { trials: 200 });
    const withBudget = analyze(loaded.model, out);
    const bf = out.values.monthly_spend[0]!;
    expect(withBudget.stats[0]!.pMonthOverBudget).toBe(bf.filter((v) => v > 400).length / bf.length);
  });

  it('names break-fix “Break-fix” whatever the profile calls its other options', () => {
    const { out } = simulateProfile(baseProfile(), { trials: 10 });
    expect(out.options[0]).toMatchObject({ id: 'break_fix', label: 'Break-fix' });
  });
});

describe('the decision’s savings and how sure they are', () => {
  const f64 = (xs: number[]) => Float64Array.from(xs);
  const inputsOf = (a: number[], b: number[]) => ({
    basis: [f64(a), f64(b)],
    spend: [f64(a), f64(b)],
    downtimeCost: [f64(a.map(() => 0)), f64(b.map(() => 0))],
    directCost: [f64(a.map(() => 0)), f64(b.map(() => 0))],
  });

  it('has no standard error to give from one trial or one batch: 0, not an error', () => {
    expect(pairedSaving(f64([3]), f64([1]))).toEqual({ mean: 2, se: 0 });
    expect(batchedMetricSaving(f64([3]), f64([1]), 'p50')).toEqual({ saving: 2, se: 0 });
  });

  it('on the mean, the metric’s saving is the paired mean saving with its own standard error', () => {
    const d = decide(inputsOf([10, 14, 9, 20, 12], [8, 9, 9, 11, 10]), 'total_cost', 'mean');
    expect(d.metricSaving).toBe(d.meanSaving);
    expect(d.metricSavingSe).toBe(d.meanSavingSe);
  });

  it('is too close to call exactly when the saving is within two standard errors', () => {
    // Paired differences 0, 0, 20, 20: mean 10, sd √(400/3), SE 5.77 — 10 is within 2 SE.
    const close = decide(inputsOf([100, 100, 100, 100], [100, 100, 80, 80]), 'total_cost', 'mean');
    expect(close.meanSaving).toBe(10);
    expect(close.meanSavingSe).toBeCloseTo(Math.sqrt(400 / 3) / 2, 12);
    expect(close.tooClose).toBe(true);
    // Differences 9, 9, 11, 11: mean 10, SE 0.577 — far beyond 2 SE.
    const clear = decide(inputsOf([100, 100, 100, 100], [91, 91, 89, 89]), 'total_cost', 'mean');
    expect(clear.tooClose).toBe(false);
  });
});
