import { describe, expect, it } from 'vitest';
import { tornadoBar } from '../../src/report/sensitivity.js';
import { runCli } from '../helpers/cli.js';
import { schemaValidator } from '../helpers/schema.js';

const DENTAL = 'scenarios/dental-clinic.yaml';
const FAST = ['--trials', '1500', '--rerun-trials', '400'];

interface Input {
  path: string;
  swing: number;
  flips: boolean;
  flips_to: string | null;
  flips_at: string | null;
  saving_low: number;
  saving_high: number;
}

async function json(args: string[]) {
  const r = await runCli([...args, '--json']);
  expect(r.code, r.stderr).toBe(0);
  const out = JSON.parse(r.stdout);
  const validate = schemaValidator('sensitivity.schema.json');
  expect(validate(out), JSON.stringify(validate.errors)).toBe(true);
  return out as {
    inputs: Input[];
    deciles: { input: string; edges: number[]; mean_saving: number[]; changes_at: number | null }[];
    decision: { saving: number };
  };
}

describe('supportcast sensitivity', { tags: ['slow', 'e2e'] }, () => {
  it('puts an input built to dominate at the top: a ransomware rate uncertain over two orders of magnitude', async () => {
    const s = await json([
      'sensitivity',
      DENTAL,
      ...FAST,
      '--set',
      'incidents["ransomware"].rate.per_year={low: 0.01, mode: 0.5, high: 3}',
    ]);
    const top = s.inputs.slice(0, 2).map((i) => i.path);
    expect(top).toContain('incidents["ransomware"].rate.per_year');
    expect(top.every((p) => p.startsWith('incidents["ransomware"]'))).toBe(true);
    // Ranked by swing, largest first.
    expect(s.inputs.map((i) => i.swing)).toEqual([...s.inputs.map((i) => i.swing)].sort((a, b) => b - a));
    // The free view: the base run's trials in tenths of each uncertain input, in order of the draws.
    expect(s.deciles.length).toBeGreaterThanOrEqual(4);
    for (const d of s.deciles) {
      expect(d.edges).toEqual([...d.edges].sort((a, b) => a - b));
      expect(d.mean_saving).toHaveLength(10);
    }
    // Ransomware years are where the managed contract's prevention pays: the saving grows with the rate.
    const ransomware = s.deciles.find((d) => d.input === 'incidents["ransomware"].rate')!;
    expect(ransomware.mean_saving[9]!).toBeGreaterThan(ransomware.mean_saving[0]!);
  });

  it('marks an input built to flip the recommendation, and what it flips to', async () => {
    // At $240 a seat the fee is 12 below its break-even (about $252): 25 % more makes Hybrid the better buy.
    const s = await json(['sensitivity', DENTAL, ...FAST, '--set', 'managed.per_employee=240']);
    const fee = s.inputs.find((i) => i.path === 'managed.per_employee')!;
    expect(fee).toMatchObject({ flips: true, flips_to: 'hybrid', flips_at: 'high' });
    expect(fee.saving_high).toBeLessThan(0);
    expect(s.inputs.find((i) => i.path === 'incidents["workstation failure"].onsite_share')?.flips).toBe(false);
    const text = await runCli(['sensitivity', DENTAL, ...FAST, '--set', 'managed.per_employee=240']);
    expect(text.stdout).toMatch(/\n {2}All-inclusive: fee per employee +[-#|: ]+ -> Hybrid\n/);
  });

  it('draws bars centred on the base saving: low input one way, high input the other', () => {
    const m = { low: '-', high: '#', centre: '|', zero: ':' };
    // Saving 10 at base; 0 with the input low, 20 with it high, on an axis from 0 to 20.
    const bar = tornadoBar(0, 20, 10, 0, 20, m);
    expect(bar).toHaveLength(28);
    expect(bar.indexOf('|')).toBe(Math.round(13.5));
    expect(bar.slice(0, bar.indexOf('|'))).toMatch(/^-+$/);
    expect(bar.slice(bar.indexOf('|') + 1)).toMatch(/^#+$/);
  });
});
