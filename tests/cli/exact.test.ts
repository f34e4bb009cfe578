import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { schemaValidator } from '../helpers/schema.js';

const OFFICE = 'scenarios/office-5.yaml';
const FIXED = ['--set', 'incidents["ransomware"].rate.per_year=0.0267'];

describe('supportcast exact', { tags: ['slow'] }, () => {
  it('prints exact@1 JSON, valid against its schema, with both distributions and their difference', async () => {
    const r = await runCli(['exact', OFFICE, ...FIXED, '--trials', '3000', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const e = JSON.parse(r.stdout);
    const validate = schemaValidator('exact.schema.json');
    expect(validate(e), JSON.stringify(validate.errors)).toBe(true);
    expect(e.method).toMatchObject({ name: 'panjer', grid: 6.25, exact_grid: true });
    // The simulated side is the run's own: its mean is the result's break-fix monthly mean.
    const run = JSON.parse((await runCli(['run', OFFICE, ...FIXED, '--trials', '3000', '--json'])).stdout);
    expect(e.simulated.mean).toBeCloseTo(run.options.break_fix.monthly_spend.mean, 9);
    expect(Math.abs(e.difference_se.mean)).toBeLessThan(4);
  });

  it('says which inputs keep it from applying, with the --set that fixes each, and exits 2', async () => {
    const r = await runCli(['exact', 'scenarios/dental-clinic.yaml', '--set', 'bad_year={p90: 1.3}']);
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe('error: bad_year: a bad year ties a year\u2019s months together — remove bad_year for the exact method');
    expect(lines[1]).toBe(
      'error: incidents["user support"].rate: uncertain (drawn once per trial) — the exact method needs a fixed value: --set \'incidents["user support"].rate.per_employee=0.456667\' (its mean)',
    );
    expect(lines.at(-1)).toBe('the exact method does not apply to scenarios/dental-clinic.yaml: months must be independent and alike');
  });

  it('prints a table of exact beside simulated percentiles', async () => {
    const r = await runCli(['exact', OFFICE, ...FIXED, '--trials', '2000']);
    expect(r.stdout).toMatch(/\n {2}P99 +\$[\d,]+ +\$[\d,]+ +[−+]?\d+\.\d SE\n/);
    expect(r.stdout).toContain('Panjer recursion on a $6.25 grid, every bill a');
  });
});
