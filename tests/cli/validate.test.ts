import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

const SCENARIOS = ['scenarios/office-5.yaml', 'scenarios/dental-clinic.yaml', 'scenarios/multisite-150.yaml'];

function brokenFile(): string {
  const dir = tmpDir();
  const file = join(dir, 'broken.yaml');
  writeFileSync(
    file,
    'version: 1\nname: Broken\norganization: { employees: 5, loaded_hourly_cost: 40 }\nincidents:\n  - name: a\n    rate: { per_employe: 1 }\n    labor_hours: 1\nbreak_fix: { hourly_rate: -5, response_hours: 2 }\nmanaged: { response_hours: 1 }\n',
  );
  return file;
}

describe('supportcast validate', () => {
  it('exits 0 when every file is valid', async () => {
    expect(await runCli(['validate', ...SCENARIOS])).toEqual({ code: 0, stdout: '3 profiles valid\n', stderr: '' });
  });

  it('lists every problem of every file with file:line:col and exits 1', async () => {
    const broken = brokenFile();
    const r = await runCli(['validate', SCENARIOS[0]!, broken, 'missing.yaml']);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')).toEqual([
      `error: ${broken}:6:13 incidents[0].rate.per_employe: unknown key — did you mean "per_employee"?`,
      `error: ${broken}:8:27 break_fix.hourly_rate: must be at least 0, got -5 — use 0 or more`,
      'error: cannot read missing.yaml: no such file — check the path',
      '2 of 3 profiles invalid (3 problems)',
      '',
    ]);
  });

  it('prints GitHub annotations with --format github', async () => {
    const broken = brokenFile();
    const r = await runCli(['validate', broken, '--format', 'github']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`::error file=${broken},line=8,col=27::break_fix.hourly_rate: must be at least 0, got -5 — use 0 or more\n`);
  });

  it('validates with --set applied, and names the --set argument in errors', async () => {
    const ok = await runCli(['validate', SCENARIOS[1]!, '--set', 'managed.per_employee=95']);
    expect(ok.code).toBe(0);
    const bad = await runCli(['validate', SCENARIOS[1]!, '--set', 'managed.per_employee=-95']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('error: --set managed.per_employee=-95: managed.per_employee: must be at least 0, got -95');
  });

  it('exits 2 on a usage error', async () => {
    expect((await runCli(['validate'])).code).toBe(2);
    expect((await runCli(['validate', 'x.yaml', '--format', 'sarif'])).code).toBe(2);
  });

  it('reports every problem of a file in one pass: cross-field rules beside each other and beside schema problems', async () => {
    const fixture = 'tests/fixtures/many-problems.yaml';
    const r = await runCli(['validate', fixture]);
    expect(r.code).toBe(1);
    const at = (line: number, col: number, rest: string) => `error: ${fixture}:${line}:${col} ${rest}`;
    expect(r.stdout.split('\n')).toEqual([
      at(9, 35, 'incidents[0].downtime.people: must be at most organization.employees (10), got 50 — use all or a smaller number'),
      at(10, 11, 'incidents[1].name: duplicate name (also incidents[0]) — give each class its own name'),
      at(17, 3, 'expect["options.managed.monthly_spnd.p90"]: unknown quantity "monthly_spnd" — did you mean monthly_spend?'),
      at(18, 3, 'expect["options.gold.p_best"]: no option "gold" in this profile — use one of break_fix, managed'),
      expect.stringMatching(/^error: \S+:19:3 expect\["recommendation\.savings"\]: not a result path — use recommendation\.mean_saving, /),
      at(20, 3, 'expect["options.break_fix.monthly_spend.p91"]: the path needs a statistic at its end — did you mean p90?'),
      at(21, 55, 'expect["options.managed.monthly_spend.p50"].max: must be at least min (100), got 50 — raise max or lower min'),
      '1 of 1 profile invalid (7 problems)',
      '',
    ]);
    // A schema problem elsewhere in the file hides none of them.
    const dir = tmpDir();
    const worse = join(dir, 'worse.yaml');
    writeFileSync(worse, readFileSync(fixture, 'utf8').replace('hourly_rate: 150', 'hourly_rate: -150'));
    const w = await runCli(['validate', worse]);
    expect(w.stdout).toContain(`error: ${worse}:13:27 break_fix.hourly_rate: must be at least 0, got -150 — use 0 or more\n`);
    expect(w.stdout.trimEnd().split('\n').at(-1)).toBe('1 of 1 profile invalid (8 problems)');
  });
});
