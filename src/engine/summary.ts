import { mean, quantile, quantileSorted, quickselect, sampleStandardDeviation } from 'simple-statistics';
import { BLOCK_SIZE } from './rng.js';

/** Monte Carlo standard errors of a summary's mean, median and 90th percentile (docs/model.md §6). */
export interface StandardErrors {
  mean: number;
  p50: number;
  p90: number;
}

/** The statistics reported for every quantity (docs/model.md §6). */
export interface Summary {
  mean: number;
  sd: number;
  p5: number;
  p10: number;
  p25: number;
  p50: number;
  p75: number;
  p90: number;
  p95: number;
  p99: number;
  cvar95: number;
  se: StandardErrors;
}

// simple-statistics' typings accept only number[]; its functions read any array-like.
export const asNumbers = (x: Float64Array): number[] => x as unknown as number[];

const PERCENTILES = [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99] as const;

/**
 * The batches percentile standard errors are computed from, as trial boundaries
 * [0, b₁, …, T]: the 1,024-trial blocks when there are at least 20 of them, else 20 batches
 * of consecutive trials whose sizes differ by at most one (T of one trial each below 20).
 */
export function batchBounds(trials: number): number[] {
  const blocks = Math.floor(trials / BLOCK_SIZE);
  if (blocks >= 20) {
    const bounds = Array.from({ length: blocks }, (_, k) => k * BLOCK_SIZE);
    // A last partial block joins the one before it, so every batch has at least 1,024 trials.
    bounds.push(trials);
    return bounds;
  }
  const batches = Math.min(20, trials);
  return Array.from({ length: batches + 1 }, (_, k) => Math.floor((k * trials) / batches));
}

/**
 * Puts the order statistics that R type-7 percentiles and the top-5% tail read into place
 * in a copy of `values`, with successive quickselects over shrinking ranges: the copy is
 * then "sorted where it matters", which is all quantileSorted reads, at a fraction of a
 * full sort's cost on the 10^5-10^6 trial-months per option.
 */
function selectOrderStatistics(values: Float64Array, tailStart: number): Float64Array {
  const a = values.slice();
  const n = a.length;
  const wanted = new Set<number>([tailStart]);
  for (const p of PERCENTILES) {
    const h = (n - 1) * p;
    wanted.add(Math.floor(h));
    wanted.add(Math.min(n - 1, Math.ceil(h)));
  }
  let left = 0;
  for (const k of [...wanted].sort((x, y) => x - y)) {
    if (k >= left && k < n) quickselect(asNumbers(a), k, left, n - 1);
    left = k + 1;
  }
  return a;
}

/** sd / √n of a list of batch statistics: the standard error of their mean (batch means). */
function batchSe(values: number[]): number {
  return values.length > 1 ? sampleStandardDeviation(values) / Math.sqrt(values.length) : 0;
}

/**
 * Standard errors: the mean's from the sample sd of per-trial values (for trial-months, of
 * each trial's mean month, since a trial's months share its uncertain inputs), the
 * percentiles' from batch means over `batchBounds` (each batch's percentile, their sd / √B).
 */
function standardErrors(values: Float64Array, perTrial: number): StandardErrors {
  const trials = values.length / perTrial;
  let meanSe: number;
  if (perTrial === 1) meanSe = trials > 1 ? sampleStandardDeviation(asNumbers(values)) / Math.sqrt(trials) : 0;
  else {
    const trialMeans = new Float64Array(trials);
    for (let t = 0; t < trials; t++) {
      let sum = 0;
      for (let m = 0; m < perTrial; m++) sum += values[t * perTrial + m]!;
      trialMeans[t] = sum / perTrial;
    }
    meanSe = trials > 1 ? sampleStandardDeviation(asNumbers(trialMeans)) / Math.sqrt(trials) : 0;
  }
  const bounds = batchBounds(trials);
  const p50s: number[] = [];
  const p90s: number[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const batch = values.subarray(bounds[k]! * perTrial, bounds[k + 1]! * perTrial);
    const [p50, p90] = quantile(asNumbers(batch), [0.5, 0.9]);
    p50s.push(p50!);
    p90s.push(p90!);
  }
  return { mean: meanSe, p50: batchSe(p50s), p90: batchSe(p90s) };
}

/**
 * Mean, sample sd, R type-7 percentiles, CVaR95 (the mean of the largest ⌈0.05 n⌉ values,
 * which sit from index n − ⌈0.05 n⌉ on once that order statistic is in place) and their
 * standard errors. `perTrial` is 1 for one value per trial, M for one per trial-month.
 */
export function summarize(values: Float64Array, perTrial = 1): Summary {
  const n = values.length;
  const tail = Math.ceil(0.05 * n);
  const selected = selectOrderStatistics(values, n - tail);
  const q = (p: number) => quantileSorted(asNumbers(selected), p);
  let tailSum = 0;
  for (let i = n - tail; i < n; i++) tailSum += selected[i]!;
  return {
    mean: mean(asNumbers(values)),
    sd: n > 1 ? sampleStandardDeviation(asNumbers(values)) : 0,
    p5: q(0.05),
    p10: q(0.1),
    p25: q(0.25),
    p50: q(0.5),
    p75: q(0.75),
    p90: q(0.9),
    p95: q(0.95),
    p99: q(0.99),
    cvar95: tailSum / tail,
    se: standardErrors(values, perTrial),
  };
}

/**
 * The Monte Carlo standard error of a statistic of `values` (one per trial, or `perTrial` per
 * trial) from batch means over batchBounds, as the summaries' se.p50 and se.p90 are.
 */
export function batchStatisticSe(values: Float64Array, perTrial: number, statistic: (batch: Float64Array) => number): number {
  const bounds = batchBounds(values.length / perTrial);
  const stats: number[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) stats.push(statistic(values.subarray(bounds[k]! * perTrial, bounds[k + 1]! * perTrial)));
  return batchSe(stats);
}

/** The standard error of the p-quantile (R type 7) by batch means. */
export function quantileSe(values: Float64Array, perTrial: number, p: number): number {
  return batchStatisticSe(values, perTrial, (b) => quantile(asNumbers(b), p));
}
