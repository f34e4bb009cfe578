import { quantile } from 'simple-statistics';
import type { SimulationOutput } from './collect.js';
import { type Decision, DecisionAccumulator } from './decision.js';
import { type Axis, binOf, niceAxis } from './histogram.js';
import type { Model } from './model.js';
import type { OrderSettings } from './order-stats.js';
import { QUANTITIES, type QuantityArrays, REPORTED_QUANTITIES, type ReportedQuantity, valuesPerTrial } from './quantities.js';
import { BLOCK_SIZE } from './rng.js';
import { type OptionInfo, optionsOf } from './simulate.js';
import { asNumbers, finishInMemory, type Summary, SummaryAccumulator } from './summary.js';

export type { Components, Decision, Versus } from './decision.js';
export { batchedMetricSaving, batchMetrics, decide, metricOf, pairedSaving } from './decision.js';
export type { StandardErrors, Summary } from './summary.js';
export { batchBounds, batchStatisticSe, quantileSe, standardErrorOfMean, summarize } from './summary.js';

export interface OptionStats {
  readonly summaries: Record<ReportedQuantity, Summary>;
  readonly pBest: number;
  /** Share of regular trial-months whose spend exceeds the budget; undefined without a budget. */
  readonly pMonthOverBudget: number | undefined;
}

export interface Analysis {
  readonly trials: number;
  readonly months: number;
  readonly options: readonly OptionInfo[];
  readonly stats: readonly OptionStats[];
  readonly decision: Decision;
  /** Yearly total cost (horizon × 12 / months) of every option, binned on one shared axis. */
  readonly yearlyCost: YearlyCostHistogram;
}

export interface YearlyCostHistogram {
  readonly axis: Axis;
  /** Per option, trials per bin; each sums to the trials. */
  readonly counts: readonly number[][];
}

/** Bins of the yearly-cost histograms: 40 fit beside a label in 80 columns. */
export const HISTOGRAM_BINS = 40;

/**
 * The trials the yearly-cost histogram's axis is read from: all of them in a run up to this
 * size, the first this many in a larger one, so a run of any size bins every trial in one
 * pass (values beyond the axis count in its end bins, as always).
 */
const HISTOGRAM_AXIS_TRIALS = 16 * BLOCK_SIZE;

/** Each trial's highest regular month: what a budget must survive, not just the typical month. */
export function worstMonths(monthly: Float64Array, months: number): Float64Array {
  const trials = monthly.length / months;
  const worst = new Float64Array(trials);
  for (let t = 0; t < trials; t++) {
    let top = Number.NEGATIVE_INFINITY;
    for (let m = 0; m < months; m++) top = Math.max(top, monthly[t * months + m]!);
    worst[t] = top;
  }
  return worst;
}

/**
 * The options' yearly total costs on one axis, from the lowest value of any option to the
 * highest P95 of any (the last bin holds the top 5 % or less of each): wide enough to show
 * every shape, without a few ransomware years squeezing the rest into a couple of bins.
 */
function yearlyCostAxis(horizonTotal: readonly Float64Array[], perYear: number): Axis {
  let low = Number.POSITIVE_INFINITY;
  for (const v of horizonTotal) for (let i = 0; i < v.length; i++) low = Math.min(low, v[i]! * perYear);
  const p95s = horizonTotal.map((v) => quantile(asNumbers(v), 0.95));
  return niceAxis(low, Math.max(...p95s) * perYear, HISTOGRAM_BINS);
}

/** The yearly-cost histogram, gathered trial by trial: the axis from the first HISTOGRAM_AXIS_TRIALS trials, then every trial binned. */
class YearlyCostAccumulator {
  private axis: Axis | undefined;
  private readonly head: Float64Array[];
  private headFill = 0;
  private readonly counts: number[][];

  constructor(
    options: number,
    readonly trials: number,
    readonly perYear: number,
  ) {
    const axisTrials = Math.min(trials, HISTOGRAM_AXIS_TRIALS);
    this.head = Array.from({ length: options }, () => new Float64Array(axisTrials));
    this.counts = Array.from({ length: options }, () => new Array<number>(HISTOGRAM_BINS).fill(0));
  }

  add(horizonTotal: readonly Float64Array[]): void {
    const count = horizonTotal[0]!.length;
    for (let i = 0; i < count; i++) {
      if (this.axis === undefined) {
        for (let o = 0; o < this.head.length; o++) this.head[o]![this.headFill] = horizonTotal[o]![i]!;
        if (++this.headFill === this.head[0]!.length) this.binHead();
      } else for (let o = 0; o < this.head.length; o++) this.counts[o]![binOf(horizonTotal[o]![i]! * this.perYear, this.axis)]! += 1;
    }
  }

  private binHead(): void {
    const axis = yearlyCostAxis(this.head, this.perYear);
    this.axis = axis;
    this.head.forEach((v, o) => {
      for (let i = 0; i < v.length; i++) this.counts[o]![binOf(v[i]! * this.perYear, axis)]! += 1;
    });
  }

  finish(): YearlyCostHistogram {
    return { axis: this.axis!, counts: this.counts };
  }
}

/** Trials per step of a streamed run: two steps, 16 MB, in flight for a 150-person profile. */
export const STREAM_TRIALS = 8 * BLOCK_SIZE;

/**
 * Everything docs/model.md §6 reports, gathered from trials as they come, in trial order, in
 * memory bounded by the run's size only through √trials (order-stats.ts). `add` takes the
 * values of the next trials; `finish` gives the analysis, or undefined when a percentile
 * needs one more pass: then `secondPass()`, every trial again, and `finish`.
 */
export class RunAccumulator {
  private readonly options: readonly OptionInfo[];
  private readonly summaries: Record<ReportedQuantity, SummaryAccumulator>[];
  private readonly decision: DecisionAccumulator;
  private readonly yearly: YearlyCostAccumulator;
  private readonly overBudget: number[];
  private trialsSeen = 0;
  private secondPassing = false;

  constructor(
    readonly model: Model,
    readonly trials: number,
    readonly months: number,
    settings?: OrderSettings,
  ) {
    this.options = optionsOf(model);
    this.summaries = this.options.map(
      () =>
        Object.fromEntries(
          REPORTED_QUANTITIES.map((q) => [q, new SummaryAccumulator(trials, valuesPerTrial(q, months), settings)]),
        ) as Record<ReportedQuantity, SummaryAccumulator>,
    );
    this.decision = new DecisionAccumulator(this.options.length, trials, model.decision.basis, model.decision.metric);
    this.yearly = new YearlyCostAccumulator(this.options.length, trials, 12 / months);
    this.overBudget = this.options.map(() => 0);
  }

  /** The values of the next `trials` trials (the quantities' arrays for exactly those trials). */
  add(values: QuantityArrays): void {
    const count = values.horizon_spend[0]!.length;
    this.options.forEach((_, o) => {
      const acc = this.summaries[o]!;
      for (const q of QUANTITIES) acc[q].add(values[q][o]!);
      acc.worst_month_spend.add(worstMonths(values.monthly_spend[o]!, this.months));
    });
    this.trialsSeen += count;
    if (this.secondPassing) return;
    const budget = this.model.budgetMonthly;
    if (budget !== undefined)
      for (let o = 0; o < this.options.length; o++) this.overBudget[o]! += countAbove(values.monthly_spend[o]!, budget);
    const basis = this.model.decision.basis === 'spend' ? values.horizon_spend : values.horizon_total_cost;
    this.decision.add({
      basis,
      spend: values.horizon_spend,
      downtimeCost: values.horizon_downtime_cost,
      directCost: values.horizon_direct_cost,
    });
    this.yearly.add(values.horizon_total_cost);
  }

  /** The analysis, or undefined when some percentile fell outside its window: then secondPass(). */
  finish(): Analysis | undefined {
    if (this.trialsSeen !== this.trials) throw new Error(`RunAccumulator: ${this.trialsSeen} trials came, ${this.trials} were announced`);
    // Every summary is finished, so a second pass gathers only the ones that missed.
    let missed = false;
    const summaries = this.summaries.map((acc) => {
      const s = {} as Record<ReportedQuantity, Summary>;
      for (const q of REPORTED_QUANTITIES) {
        const summary = acc[q].finish();
        if (summary === undefined) missed = true;
        else s[q] = summary;
      }
      return s;
    });
    if (missed) return undefined;
    const basisQuantity = this.model.decision.basis === 'spend' ? 'horizon_spend' : 'horizon_total_cost';
    const metric = this.model.decision.metric;
    const best = this.decision.pBest();
    const budget = this.model.budgetMonthly;
    const stats = summaries.map((s, o) => ({
      summaries: s,
      pBest: best[o]!,
      pMonthOverBudget: budget === undefined ? undefined : this.overBudget[o]! / (this.trials * this.months),
    }));
    return {
      trials: this.trials,
      months: this.months,
      options: this.options,
      stats,
      decision: this.decision.finish(summaries.map((s) => s[basisQuantity][metric])),
      yearlyCost: this.yearly.finish(),
    };
  }

  /** Makes ready for every trial once more, from trial 0: only the percentiles that missed their windows are gathered. */
  secondPass(): void {
    for (const acc of this.summaries) for (const q of REPORTED_QUANTITIES) acc[q].secondPass();
    this.trialsSeen = 0;
    this.secondPassing = true;
  }
}

function countAbove(values: Float64Array, limit: number): number {
  let over = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! > limit) over++;
  return over;
}

/** Everything docs/model.md §6 reports, as numbers, from a run held in memory. */
export function analyze(model: Model, out: SimulationOutput, settings?: OrderSettings): Analysis {
  return finishInMemory(new RunAccumulator(model, out.trials, out.months, settings), out.values);
}
