import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { schemaValidator } from '../helpers/schema.js';

const DENTAL = 'scenarios/dental-clinic.yaml';
const FAST = ['--trials', '2000', '--search-trials', '500'];

async function json(args: string[]) {
  const r = await runCli([...args, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

describe('supportcast breakeven', { tags: ['slow', 'e2e'] }, () => {
  it('finds a fixed fee\u2019s break-even at the closed form, to the cent, with the closed form\u2019s error', async () => {
    const b = await json(['breakeven', DENTAL, '--vary', 'managed.per_employee', ...FAST]);
    const run = await json(['run', DENTAL, '--trials', '2000']);
    expect(schemaValidator('breakeven.schema.json')(b)).toBe(true);
    const mean = b.results.find((e: { metric: string }) => e.metric === 'mean');
    // The saving falls by one fee unit × 40 seats × 12 months: fee + saving ÷ (units × months), no minimum, no increase within a year.
    const r = run.recommendation;
    expect(Math.abs(mean.value - (175 + r.mean_saving / (40 * 12)))).toBeLessThan(0.005);
    // Its error is the saving's over the same slope (the delta method, exact for a line).
    expect(Math.abs(mean.se / (r.mean_saving_se / (40 * 12)) - 1)).toBeLessThan(1e-4);
    expect([mean.below, mean.above]).toEqual([r.option, r.runner_up]);
  });

  it('gives values that, written back with --set, leave the two options equal within two standard errors', async () => {
    for (const vary of ['managed.per_employee', 'incidents["user support"].rate.per_employee']) {
      const b = await json(['breakeven', DENTAL, '--vary', vary, ...FAST]);
      for (const e of b.results.filter((x: { value: number | null }) => x.value !== null)) {
        const at = await json(['run', DENTAL, '--trials', '2000', '--set', e.set, '--set', `decision.metric=${e.metric}`]);
        const d = at.recommendation;
        expect(Math.abs(d.metric_saving), `${vary} ${e.metric}`).toBeLessThanOrEqual(2 * d.metric_saving_se);
        expect(new Set([d.option, d.runner_up])).toEqual(new Set([e.below, e.above]));
      }
    }
  });

  it('says so when nothing changes in the range, and searches only --between', async () => {
    const b = await json(['breakeven', DENTAL, '--vary', 'managed.per_employee', '--between', '100', '200', ...FAST]);
    for (const e of b.results.filter((x: { metric: string }) => x.metric !== 'p50')) {
      expect(e).toMatchObject({ value: null, se: null, below: 'managed', above: 'managed', searched: [100, 200] });
    }
    const text = await runCli(['breakeven', DENTAL, '--vary', 'managed.per_employee', '--between', '100', '200', ...FAST]);
    expect(text.stdout.replace(/\n {2}/g, ' ')).toContain(
      'Managed · All-inclusive stays the better buy everywhere from $100 to $200: no change of recommendation.',
    );
  });

  it('headlines the decision\u2019s metric in words, with the ± and the option on the other side', async () => {
    const r = await runCli(['breakeven', DENTAL, '--vary', 'managed.per_employee', ...FAST]);
    expect(r.stdout.replace(/\n {2}/g, ' ')).toMatch(
      /Managed · All-inclusive stays the better buy up to \$\d{3} a seat a month \(± \$\d+(\.\d)?\); above that, Hybrid · 1 in-house tech\./,
    );
  });

  it('tries a default set of inputs, and refuses a path that is not an input', async () => {
    const b = await json(['breakeven', DENTAL, ...FAST]);
    expect([...new Set(b.results.map((e: { path: string }) => e.path))]).toEqual([
      'managed.per_employee',
      'break_fix.hourly_rate',
      'organization.employees',
      'incidents["user support"].rate.per_employee',
    ]);
    const bad = await runCli(['breakeven', DENTAL, '--vary', 'managed.label', '--vary', 'managed.per_employe']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: --vary managed\.label: managed\.label holds a string, not a number/m);
    expect(bad.stderr).toMatch(/^error: --vary managed\.per_employe: /m);
  });

  it('writes CSV and Markdown with the same values', async () => {
    const csv = await runCli(['breakeven', DENTAL, '--vary', 'managed.per_employee', '--format', 'csv', ...FAST]);
    const lines = csv.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(
      'profile,path,metric,base,value,se,below,above,searched_from,searched_to,set,tool_version,profile_sha256,seed,trials,months',
    );
    expect(lines).toHaveLength(4);
    const md = await runCli(['breakeven', DENTAL, '--vary', 'managed.per_employee', '--format', 'markdown', ...FAST]);
    expect(md.stdout).toMatch(/^### supportcast break-even · Harbor Dental Group\n/);
    expect(md.stdout).toContain('| Input (now) | Mean | P50 | P90 | Below → above |');
  });
});
