import { amountMean, type Model, type RunSettings } from '../engine/model.js';

/** Expected incidents a month, from the mean of each class's rate. */
export function expectedIncidentsPerMonth(model: Model): number {
  let sum = 0;
  for (const c of model.classes) sum += amountMean(c.rate.amount) * c.rateUnits;
  return sum;
}

/** Options a model compares: break-fix, each managed tier, hybrid. */
export function optionCount(model: Model): number {
  return 1 + model.managed.length + (model.hybrid ? 1 : 0);
}

/** A size for the run: incident-option evaluations (plus one per trial-month), what its time is proportional to. */
export function workOf(model: Model, settings: Pick<RunSettings, 'trials' | 'months'>): number {
  return settings.trials * settings.months * (1 + expectedIncidentsPerMonth(model)) * optionCount(model);
}

/** Below this much work (about 0.1 s) a worker costs more to start than it saves. */
export const PARALLEL_THRESHOLD = 2_000_000;
