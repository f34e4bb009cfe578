import { mean, sampleStandardDeviation } from 'simple-statistics';
import { batchStatisticSe } from '../engine/analyze.js';
import type { SimulationOutput } from '../engine/collect.js';
import { EXACT_PERCENTILES, exactBreakFixMonthly } from '../engine/exact.js';
import type { Model } from '../engine/model.js';
import type { ExactJson, SpendStats } from '../report/exact.js';
import type { StudyMeta } from './breakeven.js';

const asNumbers = (x: Float64Array) => x as unknown as number[];
const PERCENTILE_KEYS = ['p5', 'p10', 'p25', 'p50', 'p75', 'p90', 'p95', 'p99'] as const;

/**
 * The empirical CDF's inverse, inf{x : Fₙ(x) ≥ p} (R type 1): the definition the exact
 * percentile has. Type 7, the tables', interpolates between two bills where the distribution
 * has none, which would read as a difference that is no Monte Carlo error.
 */
export function inverseEcdf(values: Float64Array, p: number): number {
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.max(0, Math.ceil(p * sorted.length - 1e-9) - 1)]!;
}

function statsOf(values: Float64Array, months: number): { stats: SpendStats; se: SpendStats } {
  const sorted = Float64Array.from(values).sort();
  const q = EXACT_PERCENTILES.map((p) => sorted[Math.max(0, Math.ceil(p * sorted.length - 1e-9) - 1)]!);
  const stats = { mean: mean(asNumbers(values)), sd: sampleStandardDeviation(asNumbers(values)) } as SpendStats;
  const se = {
    mean: batchStatisticSe(values, months, (b) => mean(asNumbers(b))),
    sd: batchStatisticSe(values, months, (b) => sampleStandardDeviation(asNumbers(b))),
  } as SpendStats;
  PERCENTILE_KEYS.forEach((k, i) => {
    stats[k] = q[i]!;
    se[k] = batchStatisticSe(values, months, (b) => inverseEcdf(b, EXACT_PERCENTILES[i]!));
  });
  return { stats, se };
}

/**
 * (simulated − exact) / SE; 0 where they agree to the cent (an atom both land on), null where
 * they differ but every batch gave the same value (no spread to measure the difference by).
 */
function inSe(simulated: number, exact: number, se: number): number | null {
  const d = simulated - exact;
  if (Math.abs(d) < 0.005) return 0;
  return se > 0 ? d / se : null;
}

/** Break-fix's monthly spend exactly (Panjer) beside the simulation's, as `supportcast/exact@1`. */
export function exactStudy(
  model: Model,
  simulated: SimulationOutput,
  meta: StudyMeta & { seed: number; overrides: readonly string[] },
): ExactJson {
  const e = exactBreakFixMonthly(model);
  const exact = { mean: e.mean, sd: e.sd } as SpendStats;
  PERCENTILE_KEYS.forEach((k, i) => {
    exact[k] = e.percentiles[i]!;
  });
  const sim = statsOf(simulated.values.monthly_spend[0]!, simulated.months);
  const difference = Object.fromEntries(
    (Object.keys(exact) as (keyof SpendStats)[]).map((k) => [k, inSe(sim.stats[k], exact[k], sim.se[k])]),
  ) as unknown as Record<keyof SpendStats, number | null>;
  return {
    schema: 'supportcast/exact@1',
    tool: { name: 'supportcast', version: meta.version },
    profile: { name: meta.profileName, file: meta.file, sha256: meta.sha256, currency: meta.currency },
    settings: { trials: simulated.trials, months: simulated.months, seed: meta.seed, overrides: [...meta.overrides] },
    method: { name: 'panjer', grid: e.stepCents / 100, grid_points: e.points, exact_grid: e.exactGrid, covered: e.covered },
    exact,
    simulated: { ...sim.stats, se: sim.se },
    difference_se: difference,
  };
}
