import { writeFileSync } from 'node:fs';
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
      `error: ${broken}:8:27 break_fix.hourly_rate: must be at least 0, got -5 — use a value of at least 0`,
      'error: cannot read missing.yaml: no such file — check the path',
      '2 of 3 profiles invalid (3 problems)',
      '',
    ]);
  });

  it('prints GitHub annotations with --format github', async () => {
    const broken = brokenFile();
    const r = await runCli(['validate', broken, '--format', 'github']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `::error file=${broken},line=8,col=27::break_fix.hourly_rate: must be at least 0, got -5 — use a value of at least 0\n`,
    );
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
});
