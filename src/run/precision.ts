import { type Analysis, decide } from '../engine/analyze.js';
import type { SimulationOutput } from '../engine/collect.js';
import type { Model } from '../engine/model.js';
import { BLOCK_SIZE } from '../engine/rng.js';
import type { Executor } from './executor.js';
import { RunSession } from './run.js';

/** `--precision`: a standard error for the decision's yearly saving, as an amount or as a share of the saving. */
export type PrecisionTarget = { readonly kind: 'amount'; readonly amount: number } | { readonly kind: 'share'; readonly share: number };

/** The pilot: four blocks, enough trials for a first estimate of the spread (20 batches for percentile metrics). */
export const PILOT_TRIALS = 4 * BLOCK_SIZE;

export interface PrecisionOutcome {
  /** The SE of the yearly saving aimed at, in the profile's currency (for a share, of the final saving). */
  readonly target: number;
  readonly se: number;
  readonly met: boolean;
  readonly pilotTrials: number;
  /** The total the pilot implied: pilot × (SE / target)², in whole blocks, within the bounds. */
  readonly plannedTrials: number;
  readonly maxTrials: number;
  readonly trials: number;
}

export interface PrecisionRun {
  readonly analysis: Analysis;
  /** Every trial's values, for a caller that goes on from this run. */
  readonly output: SimulationOutput;
  readonly outcome: PrecisionOutcome;
}

/** The decision's saving a year and its standard error, on `output`'s trials. */
export function yearlySavingSe(model: Model, output: SimulationOutput): { saving: number; se: number } {
  const v = output.values;
  const d = decide(
    {
      basis: model.decision.basis === 'spend' ? v.horizon_spend : v.horizon_total_cost,
      spend: v.horizon_spend,
      downtimeCost: v.horizon_downtime_cost,
      directCost: v.horizon_direct_cost,
    },
    model.decision.basis,
    model.decision.metric,
  );
  const perYear = 12 / output.months;
  return { saving: d.metricSaving * perYear, se: d.metricSavingSe * perYear };
}

function targetFor(t: PrecisionTarget, saving: number): number {
  return t.kind === 'amount' ? t.amount : t.share * Math.abs(saving);
}

/** Trials for an SE of `target` given an SE of `se` at `trials` (SE ∝ 1/√n), in whole blocks, within [low, high]. */
export function trialsFor(trials: number, se: number, target: number, low: number, high: number): number {
  const wanted = target > 0 ? trials * (se / target) ** 2 : Number.POSITIVE_INFINITY;
  const blocks = Number.isFinite(wanted) ? Math.ceil(wanted / BLOCK_SIZE - 1e-9) * BLOCK_SIZE : high;
  return Math.min(high, Math.max(low, blocks));
}

export interface PrecisionOptions {
  readonly maxTrials: number;
  /**
   * Called before each stage with the trials it adds and the total it reaches: to refuse a
   * stage beyond the run limits, and to give the stage its progress callback.
   */
  readonly beforeStage?: (added: number, total: number) => ((done: number, total: number) => void) | undefined;
}

/**
 * Runs until the standard error of the decision's yearly saving meets the target, by two-stage
 * sampling (docs/model.md §6): a pilot of PILOT_TRIALS, then the total its SE implies
 * (SE ∝ 1/√n), in whole 1,024-trial blocks. Should the SE there still miss the target (the
 * pilot's spread was an underestimate), one correction stage runs to the total that SE
 * implies, and the run stops whatever it then shows: the stopping point is fixed by the
 * estimates, never "the first time it looks good", which would bias the result. Trials are
 * addressed, so every stage only adds trials, and a seed and target give the same run.
 */
export async function runToPrecision(
  model: Model,
  seed: number,
  months: number,
  target: PrecisionTarget,
  executor: Executor,
  options: PrecisionOptions,
): Promise<PrecisionRun> {
  const session = new RunSession(model, { seed, months, trials: options.maxTrials });
  const max = options.maxTrials;
  const pilot = Math.min(PILOT_TRIALS, max);
  const stage = async (trials: number) => {
    const onProgress = options.beforeStage?.(trials - session.trials, trials);
    await session.extendTo(trials, executor, onProgress ? { onProgress } : {});
    return yearlySavingSe(model, session.output());
  };
  const first = await stage(pilot);
  const planned = trialsFor(pilot, first.se, targetFor(target, first.saving), pilot, max);
  let last = await stage(planned);
  if (last.se > targetFor(target, last.saving) && planned < max) {
    last = await stage(trialsFor(planned, last.se, targetFor(target, last.saving), planned, max));
  }
  const goal = targetFor(target, last.saving);
  return {
    analysis: session.analysis(),
    output: session.output(),
    outcome: {
      target: goal,
      se: last.se,
      met: last.se <= goal,
      pilotTrials: pilot,
      plannedTrials: planned,
      maxTrials: max,
      trials: session.trials,
    },
  };
}
