import type { SimulationOutput } from './collect.js';
import { type Decision, decide } from './decision.js';
import { type Axis, histogramCounts, niceAxis } from './histogram.js';
import type { Model } from './model.js';
import { QUANTITIES, QUANTITY_SHAPE, type ReportedQuantity } from './quantities.js';
import type { OptionInfo } from './simulate.js';
import { type Summary, summarize } from './summary.js';

export type { Components, Decision, Versus } from './decision.js';
export { batchedMetricSaving, decide, metricOf, pairedSaving } from './decision.js';
export type { StandardErrors, Summary } from './summary.js';
export { batchBounds, batchStatisticSe, quantileSe, summarize } from './summary.js';

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
export function yearlyCostHistogram(horizonTotal: readonly Float64Array[], months: number, p95s: readonly number[]): YearlyCostHistogram {
  const perYear = 12 / months;
  const yearly = horizonTotal.map((v) => v.map((x) => x * perYear));
  let low = Number.POSITIVE_INFINITY;
  for (const v of yearly) for (let i = 0; i < v.length; i++) low = Math.min(low, v[i]!);
  const axis = niceAxis(low, Math.max(...p95s) * perYear, HISTOGRAM_BINS);
  return { axis, counts: yearly.map((v) => histogramCounts(v, axis)) };
}

/** Per option, the share of trials in which it is cheapest; ties share the trial equally. */
export function pBest(values: readonly Float64Array[], trials: number): number[] {
  const wins = values.map(() => 0);
  for (let t = 0; t < trials; t++) {
    let best = Number.POSITIVE_INFINITY;
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

/** Everything docs/model.md §6 reports, as numbers. */
export function analyze(model: Model, out: SimulationOutput): Analysis {
  const arrays = out.values;
  const basisValues = model.decision.basis === 'spend' ? arrays.horizon_spend : arrays.horizon_total_cost;
  const best = pBest(basisValues, out.trials);
  const budget = model.budgetMonthly;
  const stats = out.options.map((_, o) => {
    const summaries = Object.fromEntries(
      QUANTITIES.map((q) => [q, summarize(arrays[q][o]!, QUANTITY_SHAPE[q] === 'month' ? out.months : 1)]),
    ) as Record<ReportedQuantity, Summary>;
    summaries.worst_month_spend = summarize(worstMonths(arrays.monthly_spend[o]!, out.months));
    return {
      summaries,
      pBest: best[o]!,
      pMonthOverBudget: budget === undefined ? undefined : shareAbove(arrays.monthly_spend[o]!, budget),
    };
  });
  const inputs = {
    basis: basisValues,
    spend: arrays.horizon_spend,
    downtimeCost: arrays.horizon_downtime_cost,
    directCost: arrays.horizon_direct_cost,
  };
  return {
    trials: out.trials,
    months: out.months,
    options: out.options,
    stats,
    decision: decide(inputs, model.decision.basis, model.decision.metric),
    yearlyCost: yearlyCostHistogram(
      arrays.horizon_total_cost,
      out.months,
      stats.map((s) => s.summaries.horizon_total_cost.p95),
    ),
  };
}
