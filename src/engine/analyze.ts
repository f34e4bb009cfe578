import type { SimulationOutput } from './collect.js';
import { type Decision, decide } from './decision.js';
import type { Model } from './model.js';
import { QUANTITIES, QUANTITY_SHAPE, type Quantity } from './quantities.js';
import type { OptionInfo } from './simulate.js';
import { type Summary, summarize } from './summary.js';

export type { Components, Decision, Versus } from './decision.js';
export { batchedMetricSaving, decide, metricOf, pairedSaving } from './decision.js';
export type { StandardErrors, Summary } from './summary.js';
export { batchBounds, summarize } from './summary.js';

export interface OptionStats {
  readonly summaries: Record<Quantity, Summary>;
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
    ) as Record<Quantity, Summary>;
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
  };
}
