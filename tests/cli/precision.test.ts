import { describe, expect, it } from 'vitest';
import { BLOCK_SIZE } from '../../src/engine/rng.js';
import { PILOT_TRIALS, trialsFor } from '../../src/run/precision.js';
import { runCli } from '../helpers/cli.js';
import { resultValidator } from '../helpers/schema.js';

const OFFICE = 'scenarios/office-5.yaml';

async function json(args: string[]) {
  const r = await runCli([...args, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

describe('the trials a target implies', () => {
  it('is the trials × (SE / target)², in whole blocks, within the bounds', () => {
    // SE ∝ 1/√n: halving the SE takes four times the trials.
    expect(trialsFor(4096, 100, 50, 4096, 1e6)).toBe(16_384);
    expect(trialsFor(4096, 100, 99, 4096, 1e6)).toBe(Math.ceil((4096 * (100 / 99) ** 2) / BLOCK_SIZE) * BLOCK_SIZE);
    expect(trialsFor(4096, 10, 50, 4096, 1e6)).toBe(4096);
    expect(trialsFor(4096, 100, 1, 4096, 50_000)).toBe(50_000);
    expect(trialsFor(4096, 100, 0, 4096, 50_000)).toBe(50_000);
  });
});

describe('--precision', { tags: ['slow'] }, () => {
  it('stops with the saving\u2019s SE at or under the target, within 1.5× the trials the pilot implied', async () => {
    for (const target of ['1%', '25']) {
      const r = await json(['run', OFFICE, '--precision', target]);
      expect(resultValidator()(r)).toBe(true);
      const p = r.settings.precision;
      expect(p).toMatchObject({ requested: target, met: true, pilot_trials: PILOT_TRIALS });
      expect(p.se).toBeLessThanOrEqual(p.target);
      if (target === '25') expect(p.target).toBe(25);
      else expect(p.target).toBeCloseTo(0.01 * Math.abs(r.recommendation.metric_saving), 9);
      // settings.trials is what ran; the SE is the decision's own, a year.
      expect(r.settings.trials % BLOCK_SIZE).toBe(0);
      expect(r.settings.trials).toBeLessThanOrEqual(1.5 * p.planned_trials);
      expect(p.se).toBeCloseTo(r.recommendation.metric_saving_se, 9);
    }
  });

  it('is deterministic for a seed and a target', async () => {
    const a = await runCli(['run', OFFICE, '--precision', '2%', '--json']);
    const b = await runCli(['run', OFFICE, '--precision', '2%', '--json', '--threads', '1']);
    expect(a.stdout).toBe(b.stdout);
  });

  it('says so, on stderr and in the JSON, when it cannot meet the target within --max-trials', async () => {
    const r = await runCli(['run', OFFICE, '--precision', '1', '--max-trials', '8192', '--json']);
    expect(r.code).toBe(0);
    const p = JSON.parse(r.stdout).settings;
    expect(p.trials).toBe(8192);
    expect(p.precision.met).toBe(false);
    expect(r.stderr).toMatch(
      /^warning: Northside Accounting: --precision 1: the saving's SE is \$\d+ a year after 8,192 trials, above the target \$1; --max-trials 8,192 stopped it — raise --max-trials\n$/,
    );
  });

  // Two studies run whole: end-to-end (docs/architecture.md, Tests).
  it('works for compare, check, breakeven and sensitivity, and reports the trials it ran', { tags: ['e2e'] }, async () => {
    const run = await json(['run', OFFICE, '--precision', '3%']);
    const trials = run.settings.trials;
    const compare = await json(['compare', OFFICE, '--precision', '3%']);
    expect(compare.results[0].settings).toEqual(run.settings);
    const check = await runCli(['check', OFFICE, '--precision', '3%', '--json']);
    expect(JSON.parse(check.stdout).profiles[0].manifest.trials).toBe(trials);
    const be = await json(['breakeven', OFFICE, '--precision', '3%', '--vary', 'managed["remote"].per_employee', '--search-trials', '500']);
    expect(be.settings.trials).toBe(trials);
    const se = await json(['sensitivity', OFFICE, '--precision', '3%', '--rerun-trials', '300']);
    expect(se.settings.trials).toBe(trials);
  });

  it('refuses --trials beside it, and a target that is not an amount or a percentage', async () => {
    expect((await runCli(['run', OFFICE, '--precision', '2%', '--trials', '500'])).stderr).toBe(
      'error: --trials and --precision both set how many trials run — use one (--max-trials bounds --precision)\n',
    );
    for (const bad of ['0', '-5', '2%%', '150%', 'abc', '0%']) {
      const r = await runCli(['run', OFFICE, '--precision', bad]);
      expect(r.code, bad).toBe(2);
      expect(r.stderr, bad).toMatch(/Precision must be an amount a year above 0/);
    }
  });
});
