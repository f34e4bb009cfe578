import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { drawPerTrial } from '../../src/engine/amounts.js';
import { loadProfile } from '../../src/profile/load.js';
import { deciles, uncertainInputs } from '../../src/study/sensitivity.js';

const loaded = loadProfile(readFileSync('scenarios/dental-clinic.yaml', 'utf8'));
if (!loaded.ok) throw new Error('the dental clinic must load');
const model = loaded.value.model;

describe('deciles of the base run by each uncertain input', () => {
  it('lists each per-trial uncertain input once', () => {
    expect(uncertainInputs(model).map((i) => i.key)).toEqual([
      'incidents["user support"].rate',
      'incidents["practice server outage"].downtime.revenue_per_hour',
      'incidents["ransomware"].rate',
      'incidents["ransomware"].downtime.revenue_per_hour',
      'incidents["workstation failure"].rate',
    ]);
  });

  it('finds where the saving changes sign: a saving built to be the draw minus 0.45', () => {
    const n = 2000;
    const seed = 7;
    const input = uncertainInputs(model)[0]!;
    const drawn = drawPerTrial(input, seed, 0, n);
    const w = new Float64Array(n);
    const c = drawn.map((x) => x - 0.45);
    const point = { model, trials: n, months: 12, basis: [w, c, w], metrics: { mean: [0, 0, 0], p50: [0, 0, 0], p90: [0, 0, 0] } };
    const d = deciles(point, seed, 1, 0).find((x) => x.input === input.key)!;
    expect(d.edges).toHaveLength(11);
    // Each tenth's mean saving is its mean draw minus 0.45: negative below, positive above.
    const sorted = [...drawn].sort((a, b) => a - b);
    for (let k = 0; k < 10; k++) {
      const tenth = sorted.slice((k * n) / 10, ((k + 1) * n) / 10);
      expect(d.mean_saving[k]).toBeCloseTo(tenth.reduce((s, x) => s + x, 0) / tenth.length - 0.45, 9);
    }
    const k = d.mean_saving.findIndex((m) => m > 0);
    expect(d.changes_at).toBe(d.edges[k]);
    expect(d.mean_saving[k - 1]!).toBeLessThan(0);
  });
});
