import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/collect.js';
import { expectedMonthly } from '../../src/engine/expected.js';
import { runCli } from '../helpers/cli.js';
import { load } from '../helpers/profiles.js';
import { resultValidator } from '../helpers/schema.js';

const SCENARIOS = ['scenarios/office-5.yaml', 'scenarios/dental-clinic.yaml', 'scenarios/multisite-150.yaml'];

describe('run --explain', { tags: ['slow', 'e2e'] }, () => {
  it.each(SCENARIOS)('%s: every exact mean is within 3 SE of the simulated one', async (file) => {
    const r = await runCli(['run', file, '--explain', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(resultValidator()(result)).toBe(true);
    expect(Object.keys(result.explain)).toEqual(Object.keys(result.options));
    for (const [id, x] of Object.entries(result.explain) as [string, Record<string, { difference_se: number; se: number }>][]) {
      for (const part of ['spend', 'downtime_cost', 'direct_cost', 'total_cost']) {
        expect(x[part]!.se, `${id} ${part}`).toBeGreaterThan(0);
        expect(Math.abs(x[part]!.difference_se), `${id} ${part}`).toBeLessThanOrEqual(3);
      }
    }
  });

  it('puts the comparison in the table', async () => {
    const r = await runCli(['run', 'scenarios/office-5.yaml', '--explain', '--trials', '1000']);
    expect(r.stdout).toMatch(
      /\nExpected month \(USD\) +invoice +sim\. +diff +total +sim\. +diff\n {2}Break-fix +[\d,]+ +[\d,]+ +[−+]?\d\.\d +[\d,]+ +[\d,]+ +[−+]?\d\.\d\n/,
    );
    expect(Math.max(...r.stdout.split('\n').map((l) => l.length))).toBeLessThanOrEqual(80);
  });
});

describe('the exact expected month', () => {
  it('is the closed form for a fixed break-fix bill: λ × (rate × billed hours + on-site share × trip)', () => {
    const model = load({
      version: 1,
      name: 'Closed',
      organization: { employees: 10, loaded_hourly_cost: 40 },
      incidents: [{ name: 'a', rate: { per_employee: 0.3 }, labor_hours: 1.1, onsite_share: 0.25, downtime: { hours: 2, people: 1 } }],
      break_fix: { hourly_rate: 100, minimum_hours: 1, billing_increment_hours: 0.5, trip_fee: 40, response_hours: 5 },
      managed: { per_employee: 50, response_hours: 1 },
    }).model;
    const [bf, managed] = expectedMonthly(model, 12);
    // 3 incidents a month; 1.1 h bills 1.5 h; a quarter on site.
    expect(bf!.spend).toBeCloseTo(3 * (100 * 1.5 + 0.25 * 40), 9);
    // Downtime: (5 h wait + 2 h outage) × 1 person × $40.
    expect(bf!.downtimeCost).toBeCloseTo(3 * 7 * 40, 9);
    expect(managed!.spend).toBeCloseTo(500, 9);
    expect(managed!.downtimeCost).toBeCloseTo(3 * 3 * 40, 9);
  });

  // Hybrid's capacity binds: 10 in-house hours a month against about 8 hours of demand.
  it.each([
    ['fixed labour', 1, 2],
    ['lognormal and triangular labour', { p50: 1, p90: 3 }, { low: 0.5, mode: 1.5, high: 5 }],
  ])('matches the simulation where hybrid\u2019s capacity binds (%s)', { tags: ['slow'] }, (_, a, b) => {
    const model = load({
      version: 1,
      name: 'Tight',
      organization: { employees: 20, loaded_hourly_cost: 40 },
      incidents: [
        { name: 'a', rate: { per_employee: { low: 0.1, mode: 0.2, high: 0.4 } }, dispersion: 0.3, labor_hours: a, preventable: 0.2 },
        { name: 'b', rate: { per_month: 2 }, labor_hours: b },
      ],
      break_fix: { hourly_rate: 100, response_hours: 4 },
      hybrid: {
        internal_staff: 1,
        monthly_cost_per_staff: 3000,
        hours_per_staff_month: 10,
        escalation_share: 0.2,
        prevention: 0.3,
        response_hours: 1,
      },
    }).model;
    const trials = 20_000;
    const out = simulate(model, { trials, months: 12, seed: 3 });
    const hybrid = expectedMonthly(model, 12)[1]!;
    const perTrial = [...out.values.horizon_spend[1]!].map((x) => x / 12);
    const mean = perTrial.reduce((s, x) => s + x, 0) / trials;
    const sd = Math.sqrt(perTrial.reduce((s, x) => s + (x - mean) ** 2, 0) / (trials - 1));
    expect(Math.abs(mean - hybrid.spend)).toBeLessThan((3 * sd) / Math.sqrt(trials));
  });
});
