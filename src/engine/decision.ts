import { mean, quantile } from 'simple-statistics';
import type { Basis, Metric } from './model.js';
import { asNumbers, Batches, batchBounds, CompensatedSum, RunningMoments, standardErrorOfMean } from './summary.js';

/** What a saving is made of (docs/model.md §6): the mean paired differences of the three parts of total cost. */
export interface Components {
  readonly spend: number;
  readonly downtimeCost: number;
  readonly directCost: number;
}

export interface Versus {
  readonly option: number;
  readonly meanSaving: number;
  readonly meanSavingSe: number;
  readonly pCheaper: number;
  /** This option's cost minus the recommended one's, part by part. */
  readonly components: Components;
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
  /** The runner-up's cost minus the recommended one's, part by part. */
  readonly components: Components;
  /** Every option but the recommended one, in option order. */
  readonly versus: readonly Versus[];
}

/** Per option, the per-trial horizon values a decision reads. */
export interface DecisionInputs {
  /** The basis (total cost or spend): what the options are ranked on. */
  readonly basis: readonly Float64Array[];
  readonly spend: readonly Float64Array[];
  readonly downtimeCost: readonly Float64Array[];
  readonly directCost: readonly Float64Array[];
}

export function metricOf(values: Float64Array, metric: Metric): number {
  if (metric === 'mean') return mean(asNumbers(values));
  return quantile(asNumbers(values), metric === 'p50' ? 0.5 : 0.9);
}

/**
 * Running statistics of the paired differences a − b of two options, trial by trial: the
 * mean (the compensated sum simple-statistics' mean takes, so arrays and streams agree to
 * the bit), the sd (Welford), how often a < b, and the plain sums of the three parts of cost.
 */
class PairStats {
  readonly sum = new CompensatedSum();
  readonly moments = new RunningMoments();
  cheaper = 0;
  spend = 0;
  downtimeCost = 0;
  directCost = 0;

  add(a: number, b: number): void {
    const d = a - b;
    this.sum.add(d);
    this.moments.add(d);
    if (a < b) this.cheaper++;
  }

  /** Mean and standard error of the differences. */
  saving(): { mean: number; se: number } {
    const n = this.moments.n;
    return { mean: this.sum.value() / n, se: this.moments.sd() / Math.sqrt(n) };
  }
}

/** Mean and standard error of the paired differences a − b. */
export function pairedSaving(a: Float64Array, b: Float64Array): { mean: number; se: number } {
  const s = new PairStats();
  // Stryker disable next-line EqualityOperator: i <= a.length reads undefined past the end, a NaN the result check refuses.
  for (let i = 0; i < a.length; i++) s.add(a[i]!, b[i]!);
  return s.saving();
}

/** Each batch's metric (batches over batchBounds(values.length)). */
export function batchMetrics(values: Float64Array, metric: Metric): number[] {
  const bounds = batchBounds(values.length);
  const out: number[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) out.push(metricOf(values.subarray(bounds[k]!, bounds[k + 1]!), metric));
  return out;
}

/** The sd / √B of per-batch differences a_k − b_k: batch means' standard error of a metric difference. */
function batchDifferenceSe(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return standardErrorOfMean(Array.from(a, (x, k) => x - b[k]!));
}

/**
 * The metric difference a − b and its standard error from batch means over batchBounds:
 * the difference within each batch, their sd / √B.
 */
export function batchedMetricSaving(a: Float64Array, b: Float64Array, metric: Metric): { saving: number; se: number } {
  return { saving: metricOf(a, metric) - metricOf(b, metric), se: batchDifferenceSe(batchMetrics(a, metric), batchMetrics(b, metric)) };
}

/** Trial i's cheapest option wins it (adds 1 to `wins`); ties share it equally. */
function addWins(wins: number[], values: readonly Float64Array[], i: number): void {
  let best = Number.POSITIVE_INFINITY;
  let ties = 0;
  for (const v of values) {
    const x = v[i]!;
    if (x < best) {
      best = x;
      ties = 1;
    } else if (x === best) ties++;
  }
  for (let o = 0; o < values.length; o++) if (values[o]![i] === best) wins[o]! += 1 / ties;
}

/**
 * What a decision needs, gathered trial by trial in trial order, for a run of known size:
 * statistics of every ordered pair of options (the recommended one is known only at the
 * end), each batch's metric of every option, and each trial's cheapest option (P(best)).
 */
export class DecisionAccumulator {
  private readonly pairs: PairStats[][];
  private readonly wins: number[];
  /** Per option, its basis batch by batch, and each batch's metric. */
  private readonly batches: Batches[];
  private readonly batchMetricsOf: Float64Array[];

  constructor(
    readonly options: number,
    readonly trials: number,
    readonly basis: Basis,
    readonly metric: Metric,
  ) {
    this.pairs = Array.from({ length: options }, () => Array.from({ length: options }, () => new PairStats()));
    this.wins = new Array<number>(options).fill(0);
    this.batches = Array.from(
      { length: options },
      (_, o) => new Batches(trials, 1, (batch, k) => (this.batchMetricsOf[o]![k] = metricOf(batch, metric))),
    );
    this.batchMetricsOf = this.batches.map((b) => new Float64Array(b.count));
  }

  /** The next trials' per-option values (arrays of equal length, trial order). */
  add(inputs: DecisionInputs): void {
    const k = this.options;
    const count = inputs.basis[0]!.length;
    for (let i = 0; i < count; i++) {
      for (let o = 0; o < k; o++) {
        const x = inputs.basis[o]![i]!;
        for (let r = 0; r < k; r++) {
          if (r === o) continue;
          const p = this.pairs[o]![r]!;
          p.add(x, inputs.basis[r]![i]!);
          p.spend += inputs.spend[o]![i]! - inputs.spend[r]![i]!;
          p.downtimeCost += inputs.downtimeCost[o]![i]! - inputs.downtimeCost[r]![i]!;
          p.directCost += inputs.directCost[o]![i]! - inputs.directCost[r]![i]!;
        }
      }
      addWins(this.wins, inputs.basis, i);
    }
    for (let o = 0; o < k; o++) this.batches[o]!.add(inputs.basis[o]!);
  }

  /** Per option, the share of trials in which it is cheapest. */
  pBest(): number[] {
    return this.wins.map((w) => w / this.trials);
  }

  /** The decision, given each option's metric over every trial (the summaries have it exactly). */
  finish(metrics: readonly number[]): Decision {
    // A stable sort keeps ties in option order, so the earlier option wins them.
    const order = metrics.map((_, i) => i).sort((x, y) => metrics[x]! - metrics[y]!);
    const option = order[0]!;
    const runnerUp = order[1]!;
    const n = this.trials;
    const versus: Versus[] = [];
    for (let o = 0; o < this.options; o++) {
      if (o === option) continue;
      const p = this.pairs[o]![option]!;
      const s = p.saving();
      const components = { spend: p.spend / n, downtimeCost: p.downtimeCost / n, directCost: p.directCost / n };
      versus.push({ option: o, meanSaving: s.mean, meanSavingSe: s.se, pCheaper: p.cheaper / n, components });
    }
    const vsRunnerUp = versus.find((v) => v.option === runnerUp)!;
    const byMetric =
      this.metric === 'mean'
        ? { saving: vsRunnerUp.meanSaving, se: vsRunnerUp.meanSavingSe }
        : {
            saving: metrics[runnerUp]! - metrics[option]!,
            se: batchDifferenceSe(this.batchMetricsOf[runnerUp]!, this.batchMetricsOf[option]!),
          };
    return {
      option,
      runnerUp,
      basis: this.basis,
      metric: this.metric,
      meanSaving: vsRunnerUp.meanSaving,
      meanSavingSe: vsRunnerUp.meanSavingSe,
      metricSaving: byMetric.saving,
      metricSavingSe: byMetric.se,
      tooClose: Math.abs(byMetric.saving) <= 2 * byMetric.se,
      components: vsRunnerUp.components,
      versus,
    };
  }
}

/** The recommendation (docs/model.md §6) from per-trial values in memory: the lowest metric of the basis, the runner-up, the savings and how sure they are. */
export function decide(inputs: DecisionInputs, basis: Basis, metric: Metric): Decision {
  const acc = new DecisionAccumulator(inputs.basis.length, inputs.basis[0]!.length, basis, metric);
  acc.add(inputs);
  return acc.finish(inputs.basis.map((v) => metricOf(v, metric)));
}
