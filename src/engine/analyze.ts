import { mean, quantile, quantileSorted, quickselect, sampleStandardDeviation } from 'simple-statistics';
import type { SimulationOutput } from './collect.js';
import type { Basis, Metric, Model } from './model.js';
import { QUANTITIES, type Quantity } from './quantities.js';
import type { OptionInfo } from './simulate.js';

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
}

export interface OptionStats {
  readonly summaries: Record<Quantity, Summary>;
  readonly pBest: number;
  /** Share of trial-months whose spend exceeds the budget; undefined without a budget. */
  readonly pMonthOverBudget: number | undefined;
}

export interface Versus {
  readonly option: number;
  readonly meanSaving: number;
  readonly meanSavingSe: number;
  readonly pCheaper: number;
}

export interface Decision {
  /** Indexes into the options list. */
  readonly option: number;
  readonly runnerUp: number;
  readonly basis: Basis;
  readonly metric: Metric;
  readonly meanSaving: number;
  readonly meanSavingSe: number;
  readonly metricSaving: number;
  readonly metricSavingSe: number;
  readonly tooClose: boolean;
  /** Every option but the recommended one, in option order. */
  readonly versus: readonly Versus[];
}

export interface Analysis {
  readonly trials: number;
  readonly months: number;
  readonly options: readonly OptionInfo[];
  readonly stats: readonly OptionStats[];
  readonly decision: Decision;
}

// simple-statistics' typings accept only number[]; its functions read any array-like.
const asNumbers = (x: Float64Array): number[] => x as unknown as number[];

const PERCENTILES = [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99] as const;

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

/**
 * Mean, sample sd, R type-7 percentiles and CVaR95 (the mean of the largest ⌈0.05 n⌉
 * values, which sit from index n − ⌈0.05 n⌉ on once that order statistic is in place).
 */
export function summarize(values: Float64Array): Summary {
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
  };
}

/** Per option, the share of trials in which it is cheapest; ties share the trial equally. */
export function pBest(values: readonly Float64Array[], trials: number): number[] {
  const wins = values.map(() => 0);
  for (let t = 0; t < trials; t++) {
    let best = Infinity;
    let ties = 0;
    for (const v of values) {
      const x = v[t]!;
      if (x < best) {
        best = x;
        ties = 1;
      } else if (x === best) ties++;
    }
    for (let o = 0; o < values.length; o++) if (values[o]![t] === best) wins[o]! += 1 / ties;
  }
  return wins.map((w) => w / trials);
}

function shareAbove(values: Float64Array, limit: number): number {
  let over = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! > limit) over++;
  return over / values.length;
}

export function metricOf(values: Float64Array, metric: Metric): number {
  if (metric === 'mean') return mean(asNumbers(values));
  return quantile(asNumbers(values), metric === 'p50' ? 0.5 : 0.9);
}

/** Mean and standard error of the paired differences a − b. */
export function pairedSaving(a: Float64Array, b: Float64Array): { mean: number; se: number } {
  const d = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) d[i] = a[i]! - b[i]!;
  const sd = d.length > 1 ? sampleStandardDeviation(asNumbers(d)) : 0;
  return { mean: mean(asNumbers(d)), se: sd / Math.sqrt(d.length) };
}

/**
 * The metric difference a − b and its standard error from batch means: the trials split
 * into min(20, T) consecutive batches whose sizes differ by at most one.
 */
export function batchedMetricSaving(a: Float64Array, b: Float64Array, metric: Metric): { saving: number; se: number } {
  const saving = metricOf(a, metric) - metricOf(b, metric);
  const batches = Math.min(20, a.length);
  const diffs: number[] = [];
  for (let k = 0; k < batches; k++) {
    const from = Math.floor((k * a.length) / batches);
    const to = Math.floor(((k + 1) * a.length) / batches);
    diffs.push(metricOf(a.subarray(from, to), metric) - metricOf(b.subarray(from, to), metric));
  }
  return { saving, se: sampleStandardDeviation(diffs) / Math.sqrt(batches) };
}

function pCheaper(a: Float64Array, b: Float64Array): number {
  let cheaper = 0;
  for (let i = 0; i < a.length; i++) if (a[i]! < b[i]!) cheaper++;
  return cheaper / a.length;
}

export function decide(basisValues: readonly Float64Array[], basis: Basis, metric: Metric): Decision {
  const metrics = basisValues.map((v) => metricOf(v, metric));
  // A stable sort keeps ties in option order, so the earlier option wins them.
  const order = metrics.map((_, i) => i).sort((x, y) => metrics[x]! - metrics[y]!);
  const option = order[0]!;
  const runnerUp = order[1]!;
  const rec = basisValues[option]!;
  const versus = basisValues.flatMap((v, o) => {
    if (o === option) return [];
    const s = pairedSaving(v, rec);
    return [{ option: o, meanSaving: s.mean, meanSavingSe: s.se, pCheaper: pCheaper(v, rec) }];
  });
  // The runner-up's paired saving is already in versus.
  const vsRunnerUp = versus.find((v) => v.option === runnerUp)!;
  const paired = { mean: vsRunnerUp.meanSaving, se: vsRunnerUp.meanSavingSe };
  const byMetric = metric === 'mean' ? { saving: paired.mean, se: paired.se } : batchedMetricSaving(basisValues[runnerUp]!, rec, metric);
  return {
    option,
    runnerUp,
    basis,
    metric,
    meanSaving: paired.mean,
    meanSavingSe: paired.se,
    metricSaving: byMetric.saving,
    metricSavingSe: byMetric.se,
    tooClose: Math.abs(byMetric.saving) <= 2 * byMetric.se,
    versus,
  };
}

/** Everything docs/model.md §6 reports, as numbers. */
export function analyze(model: Model, out: SimulationOutput): Analysis {
  const arrays = out.values;
  const basisValues = model.decision.basis === 'spend' ? arrays.horizon_spend : arrays.horizon_total_cost;
  const best = pBest(basisValues, out.trials);
  const budget = model.budgetMonthly;
  const stats = out.options.map((_, o) => {
    const summaries = Object.fromEntries(QUANTITIES.map((q) => [q, summarize(arrays[q][o]!)])) as Record<Quantity, Summary>;
    return {
      summaries,
      pBest: best[o]!,
      pMonthOverBudget: budget === undefined ? undefined : shareAbove(arrays.monthly_spend[o]!, budget),
    };
  });
  return {
    trials: out.trials,
    months: out.months,
    options: out.options,
    stats,
    decision: decide(basisValues, model.decision.basis, model.decision.metric),
  };
}
