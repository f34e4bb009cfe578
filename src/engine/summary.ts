import { quantile, sampleStandardDeviation } from 'simple-statistics';
import { type OrderResult, type OrderSettings, type OrderTargets, StreamingOrder } from './order-stats.js';
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

export const PERCENTILES = [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99] as const;

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

/** Trials in the largest batch of `bounds` (batchBounds): what a batch buffer must hold. */
export function widestBatch(bounds: readonly number[]): number {
  let widest = 0;
  for (let k = 0; k + 1 < bounds.length; k++) widest = Math.max(widest, bounds[k + 1]! - bounds[k]!);
  return widest;
}

/** sd / √n: the standard error of the mean of independent values (trials, or batch statistics for batch means); 0 for one value. */
export function standardErrorOfMean(values: ArrayLike<number>): number {
  return values.length > 1 ? sampleStandardDeviation(values as number[]) / Math.sqrt(values.length) : 0;
}

/**
 * Values that come a few trials at a time, in trial order, gathered batch by batch over
 * batchBounds: each batch is held only until it is complete, then `onBatch` reads it once.
 */
export class Batches {
  private readonly bounds: number[];
  private batch = 0;
  private trialsSeen = 0;
  private readonly buffer: Float64Array;
  private filled = 0;

  constructor(
    trials: number,
    /** Values per trial: 1, or the months of a trial-month quantity. */
    private readonly perTrial: number,
    private readonly onBatch: (values: Float64Array, batch: number) => void,
  ) {
    this.bounds = batchBounds(trials);
    this.buffer = new Float64Array(widestBatch(this.bounds) * perTrial);
  }

  /** How many batches the run has. */
  get count(): number {
    return this.bounds.length - 1;
  }

  /** The values of the next trials, perTrial for each. */
  add(values: Float64Array): void {
    let at = 0;
    while (at < values.length) {
      const end = this.bounds[this.batch + 1]!;
      const take = Math.min(values.length - at, (end - this.trialsSeen) * this.perTrial);
      this.buffer.set(values.subarray(at, at + take), this.filled);
      this.filled += take;
      at += take;
      this.trialsSeen += take / this.perTrial;
      if (this.trialsSeen === end) {
        this.onBatch(this.buffer.subarray(0, this.filled), this.batch++);
        this.filled = 0;
      }
    }
  }
}

/**
 * A running sum with Neumaier's correction, the same steps simple-statistics' `sum` takes:
 * values added one by one in order give its result to the bit, however they are split.
 */
export class CompensatedSum {
  private sum = 0;
  private correction = 0;
  private started = false;

  add(x: number): void {
    if (!this.started) {
      this.sum = x;
      this.started = true;
      return;
    }
    const t = this.sum + x;
    if (Math.abs(this.sum) >= Math.abs(x)) this.correction += this.sum - t + x;
    else this.correction += x - t + this.sum;
    this.sum = t;
  }

  value(): number {
    return this.sum + this.correction;
  }
}

/** Count, mean and Σ(x − mean)² by Welford's update: a sample sd in one pass, independent of how values are split. */
export class RunningMoments {
  n = 0;
  private m = 0;
  private m2 = 0;

  add(x: number): void {
    this.n++;
    const d = x - this.m;
    this.m += d / this.n;
    this.m2 += d * (x - this.m);
  }

  /** The sample sd (n − 1 in the denominator); 0 for fewer than two values. */
  sd(): number {
    return this.n > 1 ? Math.sqrt(Math.max(0, this.m2) / (this.n - 1)) : 0;
  }
}

/** The ranks R type-7 percentiles and the top-5% tail read, for n values. */
export function summaryTargets(n: number): OrderTargets {
  const ranks = new Set<number>();
  for (const p of PERCENTILES) {
    const h = (n - 1) * p;
    ranks.add(Math.floor(h));
    ranks.add(Math.min(n - 1, Math.ceil(h)));
  }
  return { ranks: [...ranks].sort((a, b) => a - b), tailStart: n - Math.ceil(0.05 * n) };
}

/** quantileSorted's R type-7 rule read from the order statistics at floor and ceil of (n − 1)p. */
function r7(at: (rank: number) => number, n: number, p: number): number {
  const idx = (n - 1) * p;
  const lower = Math.floor(idx);
  if (idx % 1 === 0) return at(idx);
  return at(lower) + (idx - lower) * (at(Math.ceil(idx)) - at(lower));
}

/**
 * A Summary of values that come a few trials at a time, in trial order, in bounded memory:
 * the mean (the compensated sum simple-statistics takes), the sd (Welford), the exact
 * percentiles and CVaR95 (StreamingOrder), the mean's SE from the trials' means (a trial's
 * months share its uncertain inputs, so they are not independent) and the percentiles' from
 * batch means over batchBounds, each batch held only until it is complete.
 */
export class SummaryAccumulator {
  private readonly sum = new CompensatedSum();
  private readonly moments = new RunningMoments();
  private readonly trialMeans = new RunningMoments();
  private order: StreamingOrder;
  private readonly batches: Batches;
  /**
   * Each batch's median and P90. Typed arrays, not `[]`: a fresh empty array starts with
   * small-integer elements, so the first double pushed into every new accumulator's array
   * threw the optimised `add` back to the interpreter (about 15 deoptimisations a dental run).
   */
  private readonly p50s: Float64Array;
  private readonly p90s: Float64Array;
  /** The first pass's order statistics. In a second pass only order statistics that missed are fed again; the rest stands. */
  private orderResult: OrderResult | undefined;
  private secondPassing = false;

  constructor(
    readonly trials: number,
    /** Values per trial: 1, or the months of a trial-month quantity. */
    readonly perTrial: number,
    settings?: OrderSettings,
  ) {
    const n = trials * perTrial;
    this.order = new StreamingOrder(n, perTrial, summaryTargets(n), settings);
    this.batches = new Batches(trials, perTrial, (batch, k) => {
      const [p50, p90] = quantile(asNumbers(batch), [0.5, 0.9]);
      this.p50s[k] = p50!;
      this.p90s[k] = p90!;
    });
    this.p50s = new Float64Array(this.batches.count);
    this.p90s = new Float64Array(this.batches.count);
  }

  /** The values of the next trials, perTrial for each, in trial order. */
  add(values: Float64Array): void {
    if (this.secondPassing) {
      if (this.orderResult === undefined) this.order.add(values);
      return;
    }
    this.order.add(values);
    const per = this.perTrial;
    for (let i = 0; i < values.length; i++) {
      this.sum.add(values[i]!);
      this.moments.add(values[i]!);
    }
    if (per > 1) {
      for (let t = 0; t < values.length; t += per) {
        let s = 0;
        for (let m = 0; m < per; m++) s += values[t + m]!;
        this.trialMeans.add(s / per);
      }
    }
    this.batches.add(values);
  }

  /** The summary, or undefined when the order statistics need a second pass (`secondPass`, then every value again). */
  finish(): Summary | undefined {
    this.orderResult ??= this.order.finish();
    const order = this.orderResult;
    if (order === undefined) return undefined;
    const n = this.order.n;
    const q = (p: number) => r7(order.at, n, p);
    const sd = this.moments.sd();
    const trials = this.trials;
    const meanSd = this.perTrial === 1 ? sd : this.trialMeans.sd();
    return {
      mean: this.sum.value() / n,
      sd,
      p5: q(0.05),
      p10: q(0.1),
      p25: q(0.25),
      p50: q(0.5),
      p75: q(0.75),
      p90: q(0.9),
      p95: q(0.95),
      p99: q(0.99),
      cvar95: order.tailSum / (n - this.order.targets.tailStart),
      se: { mean: trials > 1 ? meanSd / Math.sqrt(trials) : 0, p50: standardErrorOfMean(this.p50s), p90: standardErrorOfMean(this.p90s) },
    };
  }

  /** Makes ready for every value once more: only when finish() found a percentile outside its window, else nothing is gathered again. */
  secondPass(): void {
    this.secondPassing = true;
    if (this.orderResult === undefined) this.order = this.order.secondPass();
  }
}

/**
 * Mean, sample sd, R type-7 percentiles, CVaR95 (the mean of the largest ⌈0.05 n⌉ values)
 * and their standard errors, of values in memory. `perTrial` is 1 for one value per trial,
 * M for one per trial-month.
 */
export function summarize(values: Float64Array, perTrial = 1, settings?: OrderSettings): Summary {
  return finishInMemory(new SummaryAccumulator(values.length / perTrial, perTrial, settings), values);
}

/** An accumulator that takes every value once and may ask for them all once more (order-stats.ts's second pass). */
export interface TwoPass<V, T> {
  add(values: V): void;
  /** The result, or undefined when a second pass is needed. */
  finish(): T | undefined;
  secondPass(): void;
}

/** Feeds values held in memory to `acc`, and feeds them again when it asks for a second pass. */
export function finishInMemory<V, T>(acc: TwoPass<V, T>, values: V): T {
  acc.add(values);
  const first = acc.finish();
  if (first !== undefined) return first;
  acc.secondPass();
  acc.add(values);
  return acc.finish()!;
}

/**
 * The Monte Carlo standard error of a statistic of `values` (one per trial, or `perTrial` per
 * trial) from batch means over batchBounds, as the summaries' se.p50 and se.p90 are.
 */
export function batchStatisticSe(values: Float64Array, perTrial: number, statistic: (batch: Float64Array) => number): number {
  const bounds = batchBounds(values.length / perTrial);
  const stats = new Float64Array(bounds.length - 1);
  for (let k = 0; k + 1 < bounds.length; k++) stats[k] = statistic(values.subarray(bounds[k]! * perTrial, bounds[k + 1]! * perTrial));
  return standardErrorOfMean(stats);
}

/** The standard error of the p-quantile (R type 7) by batch means. */
export function quantileSe(values: Float64Array, perTrial: number, p: number): number {
  return batchStatisticSe(values, perTrial, (b) => quantile(asNumbers(b), p));
}
