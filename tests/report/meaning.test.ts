/**
 * Say what the numbers mean (result@2): what a saving is made of, one-off fees kept out of
 * regular months, the decision on invoices beside the decision on total cost, and what the
 * symbols mean — each checked against the run's own JSON, not typed-in numbers.
 */
import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/engine/summary.js';
import { roundish } from '../../src/report/format.js';
import { runCli } from '../helpers/cli.js';
import { testStream, zScore } from '../helpers/stats.js';

const DENTAL = 'scenarios/dental-clinic.yaml';
const FAST = ['--trials', '3000'];

async function json(args: string[]) {
  const r = await runCli([...args, '--json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

const dollars = (x: number) => `$${Math.round(roundish(Math.abs(x))).toLocaleString('en-US')}`;

describe('what the saving is made of', { tags: ['slow'] }, () => {
  it('splits every saving into invoices, downtime and losses that sum to it (basis total cost)', async () => {
    const r = (await json(['run', DENTAL, ...FAST])).recommendation;
    const sum = (c: { spend: number; downtime_cost: number; direct_cost: number }) => c.spend + c.downtime_cost + c.direct_cost;
    expect(sum(r.components)).toBeCloseTo(r.mean_saving, 4);
    for (const v of Object.values(r.versus) as Array<{ mean_saving: number; components: never }>)
      expect(sum(v.components)).toBeCloseTo(v.mean_saving, 4);
  });

  it('says plainly, in the first reason, that the recommended invoices are higher, by how much, and what it saves instead', async () => {
    const result = await json(['run', DENTAL, ...FAST]);
    const r = result.recommendation;
    const bf = r.versus.break_fix.components;
    expect(r.option).toBe('managed');
    expect(bf.spend).toBeLessThan(0); // the managed invoices are higher than break-fix's
    expect(r.reasons[0]).toContain(
      `Its invoices are ${dollars(bf.spend)} a year higher than break-fix's, but downtime costs ${dollars(bf.downtime_cost)} less and losses ${dollars(bf.direct_cost)} less.`,
    );
  });

  it('shows the decision on invoices alone beside the decision on total cost', async () => {
    const result = await json(['run', DENTAL, ...FAST]);
    const cheapest = Object.entries(result.options as Record<string, { horizon_spend: { mean: number } }>).sort(
      ([, a], [, b]) => a.horizon_spend.mean - b.horizon_spend.mean,
    )[0]!;
    expect(cheapest[0]).toBe('break_fix');
    const table = (await runCli(['run', DENTAL, ...FAST])).stdout;
    expect(table).toContain(
      `Recommendation: Managed · All-inclusive (on total cost)\nOn invoices alone: Break-fix (${dollars(cheapest[1].horizon_spend.mean)} a year; All-inclusive ${dollars(result.options.managed.horizon_spend.mean)}).\n`,
    );
  });

  it('with decision.basis spend, says the decision counts invoices only', async () => {
    const r = (await json(['run', DENTAL, ...FAST, '--set', 'decision.basis=spend'])).recommendation;
    expect(r.option).toBe('break_fix');
    expect(r.reasons[0]).toContain('The decision counts invoices only (decision.basis: spend), not downtime or losses.');
  });
});

describe('a scheduled fee is not a risky month', { tags: ['slow'] }, () => {
  it('keeps the onboarding fee out of every regular-month statistic and the budget share, and in the horizon', async () => {
    const [withFee, without] = [
      await json(['run', DENTAL, ...FAST]),
      await json(['run', DENTAL, ...FAST, '--set', 'managed.onboarding_fee=0']),
    ];
    const [a, b] = [withFee.options.managed, without.options.managed];
    expect(a.monthly_spend).toEqual(b.monthly_spend);
    expect(a.monthly_total_cost).toEqual(b.monthly_total_cost);
    expect(a.p_month_over_budget).toBe(b.p_month_over_budget);
    expect(a.one_off_spend.mean).toBe(10_700);
    expect(a.one_off_spend.sd).toBe(0);
    expect(b.one_off_spend.mean).toBe(0);
    expect(a.horizon_spend.mean - b.horizon_spend.mean).toBeCloseTo(10_700, 4);
    const table = (await runCli(['run', DENTAL, ...FAST])).stdout.replace(/\n {2}/g, ' ');
    expect(table).toContain('\nOne-off: onboarding $10,700 in month 1 for All-inclusive (in the yearly costs, not the monthly figures).\n');
  });
});

describe('explaining the symbols', { tags: ['slow'] }, () => {
  it('puts a footnote on what ±, P(best) and "cheaper in N% of years" mean under the table and the Markdown', async () => {
    const table = (await runCli(['run', DENTAL, '--trials', '300'])).stdout.replace(/\n/g, ' ');
    expect(table).toContain('± is two standard errors of the simulated average, not a range of outcomes.');
    expect(table).toContain('P(best) is the share of simulated years in which an option was the cheapest of all;');
    const md = (await runCli(['run', DENTAL, '--trials', '300', '--format', 'markdown'])).stdout;
    expect(md).toContain('<sub>± is two standard errors of the simulated average, not a range of outcomes. P(best) is');
  });

  it('emphasises no row when the call is too close', async () => {
    const twins = [
      'version: 1',
      'name: Twins',
      'organization: { employees: 5, loaded_hourly_cost: 40 }',
      'incidents: [{ name: x, rate: { per_month: 2 }, labor_hours: 1 }]',
      'break_fix: { hourly_rate: 150, response_hours: 4 }',
      'managed: [{ name: a, per_employee: 20, response_hours: 1 }, { name: b, per_employee: 20, response_hours: 1 }]',
    ].join('\n');
    const md = (await runCli(['run', '-', '--trials', '300', '--format', 'markdown'], { stdin: twins })).stdout;
    expect(JSON.parse((await runCli(['run', '-', '--trials', '300', '--json'], { stdin: twins })).stdout).recommendation.too_close).toBe(
      true,
    );
    expect(md.split('\n').filter((l) => l.startsWith('| ') && l.includes('**'))).toEqual([]);
    expect(md).toContain('**Recommendation:** too close to call at 300 trials');
  });
});

describe('standard errors (result@2)', () => {
  it('the mean\u2019s is sd / √n; for trial-months it comes from each trial\u2019s mean month', () => {
    const s = testStream('se');
    const trials = 500;
    const values = Float64Array.from({ length: trials * 12 }, () => s.u());
    const perTrial = summarize(values.subarray(0, trials));
    expect(perTrial.se.mean).toBeCloseTo(perTrial.sd / Math.sqrt(trials), 12);
    const means = Float64Array.from({ length: trials }, (_, t) => values.subarray(t * 12, t * 12 + 12).reduce((a, b) => a + b, 0) / 12);
    expect(summarize(values, 12).se.mean).toBeCloseTo(summarize(means).sd / Math.sqrt(trials), 12);
  });

  it('the median\u2019s from batch means matches the asymptotic 1/√n of an exponential, within 4 of its own errors', () => {
    // Exponential(1): median ln 2, density ½ there, so the median's SE is √(¼/n) / ½ = 1/√n.
    const s = testStream('batch-se');
    const n = 1024 * 200;
    const xs = Float64Array.from({ length: n }, () => -Math.log(s.u()));
    const se = summarize(xs).se.p50;
    const truth = 1 / Math.sqrt(n);
    // 200 batches: the estimate's relative standard error is about 1/√(2 · 199).
    expect(zScore(se, truth, truth / Math.sqrt(2 * 199))).toBeLessThan(4);
  });
});
