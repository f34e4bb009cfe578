import { errorFunction } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { baseProfile, optionIndex, simulateProfile } from '../helpers/profiles.js';
import { moments, zScore } from '../helpers/stats.js';

const Z90 = 1.2815515655446004;
const normalCdf = (x: number) => 0.5 * (1 + errorFunction(x / Math.SQRT2));

/** A lognormal given as { p50, p90 }: its CDF and mean in closed form. */
function lognormal(p50: number, p90: number) {
  const mu = Math.log(p50);
  const sigma = (Math.log(p90) - mu) / Z90;
  return { cdf: (x: number) => (x <= 0 ? 0 : normalCdf((Math.log(x) - mu) / sigma)), mean: Math.exp(mu + (sigma * sigma) / 2) };
}

/**
 * E[billed hours] by summing over billing steps: P(H in ((k−1)·inc, k·inc]) × max(min, k·inc).
 * Independent of the engine's code path; the tail past 1,000 h is below 1e-12.
 */
function expectedBilledHours(cdf: (x: number) => number, minimum: number, inc: number): number {
  let e = 0;
  for (let k = 1; k * inc <= 1000; k++) e += (cdf(k * inc) - cdf((k - 1) * inc)) * Math.max(minimum, k * inc);
  return e;
}

const TRIALS = 20_000;

describe('break-fix spend (MODEL.md §4)', { tags: ['slow'] }, () => {
  const p = baseProfile();
  const { out } = simulateProfile(p, { trials: TRIALS });
  const bf = optionIndex(out, 'break_fix');
  const lambda = 10 * 0.5;
  const labor = lognormal(0.5, 2);
  const billed = expectedBilledHours(labor.cdf, 1, 0.25);

  it('averages λ · E[billed hours] · rate (with after-hours and trip fees) a month', () => {
    const perIncident = billed * 150 * (1 + 0.2 * (1.5 - 1)) + 0.3 * 50;
    const m = moments(out.values.monthly_spend[bf]!);
    expect(zScore(m.mean, lambda * perIncident, m.meanSe)).toBeLessThan(4);
  });

  it('loses people × (wait + outage) hours per incident', () => {
    const perIncident = 0.5 * (lognormal(6, 24).mean + lognormal(1, 4).mean);
    const m = moments(out.values.horizon_downtime_hours[bf]!);
    expect(zScore(m.mean, 12 * lambda * perIncident, m.meanSe)).toBeLessThan(4);
  });

  it('bills and waits the same way when a month of 6,000 incidents fills more than one chunk of columns', () => {
    // The engine draws at most 4,096 incidents at a time (CHUNK): past that, a month's streams
    // continue into a chunk of its own. 240 months of 6,000 (20 trials): the SEs are from the sample.
    const flood = baseProfile();
    flood['incidents'][0].rate = { per_employee: 600 };
    const { out: o } = simulateProfile(flood, { trials: 20 });
    const perIncident = billed * 150 * (1 + 0.2 * (1.5 - 1)) + 0.3 * 50;
    const spend = moments(o.values.monthly_spend[bf]!);
    expect(zScore(spend.mean, 6000 * perIncident, spend.meanSe)).toBeLessThan(4);
    const hours = moments(o.values.horizon_downtime_hours[bf]!);
    const hoursPerIncident = 0.5 * (lognormal(6, 24).mean + lognormal(1, 4).mean);
    expect(zScore(hours.mean, 12 * 6000 * hoursPerIncident, hours.meanSe)).toBeLessThan(4);
  });

  it('costs downtime hours at the loaded hourly cost, with no direct costs here', () => {
    const hours = out.values.horizon_downtime_hours[bf]!;
    const cost = out.values.horizon_downtime_cost[bf]!;
    for (let t = 0; t < 50; t++) expect(cost[t]).toBeCloseTo(hours[t]! * 40, 6);
    expect(out.values.horizon_direct_cost[bf]!.every((x) => x === 0)).toBe(true);
  });
});

describe('managed (MODEL.md §4)', { tags: ['slow'] }, () => {
  const lambda = 5;
  const labor = lognormal(0.5, 2);
  const billed = expectedBilledHours(labor.cdf, 1, 0.25);

  it('charges the flat fee every month and prevents its share of incidents', () => {
    const { out } = simulateProfile(baseProfile(), { trials: TRIALS });
    const m = optionIndex(out, 'managed');
    expect(out.values.monthly_spend[m]!.every((x) => x === 1500)).toBe(true);
    const perIncident = 0.5 * (lognormal(1, 4).mean + lognormal(1, 4).mean);
    const hours = moments(out.values.horizon_downtime_hours[m]!);
    expect(zScore(hours.mean, 12 * lambda * (1 - 0.25) * perIncident, hours.meanSe)).toBeLessThan(4);
  });

  it('bills on-site visits with the trip fee on a remote-only plan', () => {
    const p = baseProfile();
    Object.assign(p['managed'], { covers_onsite: false, out_of_scope_hourly_rate: 100 });
    const { out } = simulateProfile(p, { trials: TRIALS });
    const m = moments(out.values.monthly_spend[optionIndex(out, 'managed')]!);
    const onsite = billed * 100 * (1 + 0.2 * 0.5) + 50;
    expect(zScore(m.mean, 1500 + lambda * (1 - 0.25) * 0.3 * onsite, m.meanSe)).toBeLessThan(4);
  });

  it('bills an uncovered class at the out-of-scope rate, without a trip fee', () => {
    const p = baseProfile();
    p['incidents'][0].covered = false;
    Object.assign(p['managed'], { out_of_scope_hourly_rate: 165 });
    const { out } = simulateProfile(p, { trials: TRIALS });
    const m = moments(out.values.monthly_spend[optionIndex(out, 'managed')]!);
    expect(zScore(m.mean, 1500 + lambda * (1 - 0.25) * billed * 165 * 1.1, m.meanSe)).toBeLessThan(4);
  });

  it('escalates the fee once a year, and keeps onboarding out of the regular months but in the horizon', () => {
    const p = baseProfile();
    Object.assign(p['managed'], { onboarding_fee: 500, annual_increase: 0.1, per_employee: 100 });
    const { out } = simulateProfile(p, { trials: 3, months: 25 });
    const m = optionIndex(out, 'managed');
    const spend = out.values.monthly_spend[m]!;
    const expected = [...Array(12).fill(1000), ...Array(12).fill(1000 * 1.1), 1000 * 1.1 * 1.1];
    for (let t = 0; t < 3; t++) {
      expected.forEach((e, month) => expect(spend[t * 25 + month]).toBeCloseTo(e, 9));
      expect(out.values.one_off_spend[m]![t]).toBe(500);
      expect(out.values.horizon_spend[m]![t]).toBeCloseTo(500 + expected.reduce((a, b) => a + b, 0), 6);
    }
  });

  it('charges the minimum when the fees add up to less', () => {
    const p = baseProfile();
    Object.assign(p['managed'], { minimum_monthly: 2000 });
    const { out } = simulateProfile(p, { trials: 3 });
    expect(out.values.monthly_spend[optionIndex(out, 'managed')]!.every((x) => x === 2000)).toBe(true);
  });

  it('draws uncertain prices once per trial', () => {
    const p = baseProfile();
    p['managed'].per_employee = { low: 100, mode: 150, high: 230 };
    const { out } = simulateProfile(p, { trials: TRIALS, months: 3 });
    const spend = out.values.monthly_spend[optionIndex(out, 'managed')]!;
    const perTrial = new Float64Array(TRIALS);
    for (let t = 0; t < TRIALS; t++) {
      expect(spend[t * 3 + 1]).toBe(spend[t * 3]);
      perTrial[t] = spend[t * 3]!;
    }
    const m = moments(perTrial);
    expect(zScore(m.mean, (10 * (100 + 150 + 230)) / 3, m.meanSe)).toBeLessThan(4);
  });
});

describe('common random numbers (MODEL.md §1)', { tags: ['slow'] }, () => {
  it('shows every option the same incidents: a managed offer that prevents nothing, covers nothing and answers like break-fix matches break-fix', () => {
    const p = baseProfile();
    p['managed'] = {
      per_employee: 100,
      prevention: 0,
      covers_onsite: false,
      out_of_scope_hourly_rate: 150,
      response_hours: { p50: 6, p90: 24 },
    };
    p['incidents'][0].covered = false;
    p['incidents'][0].direct_cost = { p50: 100, p90: 300 };
    const { out } = simulateProfile(p);
    const [bf, m] = [optionIndex(out, 'break_fix'), optionIndex(out, 'managed')];
    expect(out.values.horizon_downtime_hours[m]).toEqual(out.values.horizon_downtime_hours[bf]);
    expect(out.values.horizon_direct_cost[m]).toEqual(out.values.horizon_direct_cost[bf]);
    // The same bills, plus the 1,000 fee.
    out.values.monthly_spend[m]!.forEach((x, i) => expect(x - 1000).toBeCloseTo(out.values.monthly_spend[bf]![i]!, 8));
  });

  it('keeps one class\u2019s draws when another class changes', () => {
    const p = baseProfile();
    p['incidents'].push({ name: 'parts', rate: { per_month: 2 }, labor_hours: 1, direct_cost: { p50: 100, p90: 400 } });
    const before = simulateProfile(p).out;
    p['incidents'][0].rate = { per_employee: 0.9 };
    p['incidents'][0].labor_hours = { low: 1, mode: 2, high: 3 };
    const after = simulateProfile(p).out;
    expect(after.values.horizon_direct_cost[0]).toEqual(before.values.horizon_direct_cost[0]);
  });
});

describe('hybrid (MODEL.md §4)', { tags: ['slow'] }, () => {
  const withHybrid = (h: Record<string, unknown>) => {
    const p = baseProfile();
    p['hybrid'] = { internal_staff: 1, monthly_cost_per_staff: 5000, hours_per_staff_month: 0, response_hours: 2, ...h };
    return p;
  };

  it('bills everything as break-fix when it has no capacity', () => {
    const { out } = simulateProfile(withHybrid({}));
    const [bf, h] = [optionIndex(out, 'break_fix'), optionIndex(out, 'hybrid')];
    out.values.monthly_spend[h]!.forEach((x, i) => expect(x - 5000).toBeCloseTo(out.values.monthly_spend[bf]![i]!, 6));
    // Overflow waits the break-fix response.
    expect(out.values.horizon_downtime_hours[h]).toEqual(out.values.horizon_downtime_hours[bf]);
  });

  it('bills everything as break-fix when every incident escalates', () => {
    const { out } = simulateProfile(withHybrid({ hours_per_staff_month: 744, escalation_share: 1 }));
    const [bf, h] = [optionIndex(out, 'break_fix'), optionIndex(out, 'hybrid')];
    out.values.monthly_spend[h]!.forEach((x, i) => expect(x - 5000).toBeCloseTo(out.values.monthly_spend[bf]![i]!, 6));
  });

  it('costs only the staff when all incidents fit in-house', () => {
    const { out } = simulateProfile(withHybrid({ hours_per_staff_month: 744, internal_staff: 1.5 }));
    expect(out.values.monthly_spend[optionIndex(out, 'hybrid')]!.every((x) => x === 7500)).toBe(true);
  });

  it('bills exactly the incidents over capacity when capacity binds, with escalation and prevention (Poisson thinning)', () => {
    // One class of 3-hour incidents, λ = 6 a month; the team has 10 hours (3 incidents).
    // Each incident escalates with probability e and is prevented with probability p·q,
    // independently, so non-escalated unprevented incidents are Poisson(λ(1 − pq)(1 − e)).
    // Billed = all unprevented − in-house = N − min(N₁, 3), and E[min(N₁, 3)] is a finite sum.
    const [lambda, e, prevented] = [6, 0.25, 0.4 * 0.5];
    const p = withHybrid({ hours_per_staff_month: 10, escalation_share: e, prevention: 0.5 });
    p['break_fix'] = { hourly_rate: 100, response_hours: 1 };
    p['incidents'] = [{ name: 'A', rate: { per_month: lambda }, labor_hours: 3, preventable: 0.4 }];
    const { out } = simulateProfile(p, { trials: TRIALS });
    const mu = lambda * (1 - prevented);
    const mu1 = mu * (1 - e);
    let pmf = Math.exp(-mu1);
    let eMin = 0;
    for (let n = 0; n < 200; n++) {
      eMin += Math.min(n, 3) * pmf;
      pmf *= mu1 / (n + 1);
    }
    const expected = 5000 + 300 * (mu - eMin);
    const m = moments(out.values.monthly_spend[optionIndex(out, 'hybrid')]!);
    expect(zScore(m.mean, expected, m.meanSe)).toBeLessThan(4);
  });

  it('fills capacity first-fit: classes in file order, a later smaller incident may still fit', () => {
    // One month per trial; counts are read back from fixed direct costs (1 per A, 1000 per B).
    const p = withHybrid({ hours_per_staff_month: 5 });
    p['break_fix'] = { hourly_rate: 100, response_hours: 1 };
    p['incidents'] = [
      { name: 'A', rate: { per_month: 1.5 }, labor_hours: 4, direct_cost: 1 },
      { name: 'B', rate: { per_month: 2 }, labor_hours: 1, direct_cost: 1000 },
    ];
    const { out } = simulateProfile(p, { months: 1 });
    const [bf, h] = [optionIndex(out, 'break_fix'), optionIndex(out, 'hybrid')];
    let sawBoth = 0;
    for (let t = 0; t < out.trials; t++) {
      const direct = out.values.horizon_direct_cost[bf]![t]!;
      const a = direct % 1000;
      const b = Math.round((direct - a) / 1000);
      let remaining = 5;
      let billed = 0;
      for (const [count, hours] of [
        [a, 4],
        [b, 1],
      ] as const) {
        for (let k = 0; k < count; k++) {
          if (hours <= remaining) remaining -= hours;
          else billed += hours * 100;
        }
      }
      if (a > 0 && b > 0) sawBoth++;
      expect(out.values.monthly_spend[h]![t]).toBeCloseTo(5000 + billed, 9);
      expect(out.values.monthly_spend[bf]![t]).toBeCloseTo(a * 400 + b * 100, 9);
    }
    expect(sawBoth).toBeGreaterThan(100);
  });
});
