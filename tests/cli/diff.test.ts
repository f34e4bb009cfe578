import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

const DENTAL = 'scenarios/dental-clinic.yaml';
const FAST = ['--trials', '1000'];

/** The dental clinic with a cheaper contract, its classes reordered and a seed changed. */
function changedDental(): string {
  const text = readFileSync(DENTAL, 'utf8')
    .replace('  per_employee: 175 ', '  per_employee: 150 ')
    .replace('seed: 42', 'seed: 7')
    .replace('    preventable: 0.5              # E1-E5 (GUESS x0.5)', '    preventable: 0.6');
  const file = join(tmpDir(), 'dental-new.yaml');
  writeFileSync(file, text);
  return file;
}

describe('supportcast diff', { tags: ['slow'] }, () => {
  it('runs both with old\u2019s settings and lists changed inputs, matched by name', async () => {
    const r = await runCli(['diff', DENTAL, changedDental(), ...FAST, '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const d = JSON.parse(r.stdout);
    expect(d.schema).toBe('supportcast/diff@2');
    expect(d.changes).toEqual([
      { path: 'simulation.seed', old: 42, new: 7 },
      { path: 'incidents["ransomware"].preventable', old: 0.5, new: 0.6 },
      { path: 'managed.per_employee', old: 175, new: 150 },
    ]);
    expect(d.old.settings).toEqual(d.new.settings);
    expect(d.new.settings.seed).toBe(42);
    // Same seed, same break-fix inputs: break-fix does not move.
    const bf = d.deltas.filter((x: { option: string }) => x.option === 'break_fix');
    expect(bf.every((x: { change: number }) => x.change === 0)).toBe(true);
    const p50 = d.deltas.find(
      (x: { option: string; quantity: string; statistic: string }) => x.option === 'managed' && x.statistic === 'p50',
    );
    expect(p50).toEqual({ option: 'managed', quantity: 'monthly_spend', statistic: 'p50', old: 7620, new: 6620, change: -1000 });
    expect(d.recommendation).toEqual({ old: 'managed', new: 'managed', changed: false });
  });

  it('prints a readable table for a pull request review', async () => {
    const r = await runCli(['diff', DENTAL, changedDental(), ...FAST]);
    expect(r.stdout).toContain(
      'Inputs changed\n  simulation.seed: 42 → 7\n  incidents["ransomware"].preventable: 0.5 → 0.6\n  managed.per_employee: 175 → 150\n',
    );
    expect(r.stdout).toMatch(/\n {2}Managed · All-inclusive · P50 monthly invoice\s+7,620\s+6,620\s+−1,000\n/);
    expect(r.stdout).toMatch(/\nRecommendation unchanged: Managed · All-inclusive/);
    const md = await runCli(['diff', DENTAL, changedDental(), ...FAST, '--format', 'markdown']);
    expect(md.stdout).toContain('- `managed.per_employee`: 175 → 150\n');
  });

  it('says when nothing changed', async () => {
    const r = await runCli(['diff', DENTAL, DENTAL, ...FAST]);
    expect(r.stdout).toContain('Inputs changed\n  (no input changes)\n');
  });

  it('exits 2 for an invalid profile', async () => {
    expect(await runCli(['diff', DENTAL, 'gone.yaml'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: cannot read gone.yaml: no such file — check the path\n',
    });
  });
});
