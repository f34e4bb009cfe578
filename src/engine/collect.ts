import type { Model, RunSettings } from './model.js';
import { allocateArrays, lengthOf, QUANTITIES, type QuantityArrays, sliceArrays } from './quantities.js';
import { type OptionInfo, optionsOf, simulateTrials, taskRanges } from './simulate.js';

/** A whole run's values: for each quantity, one array per option over every trial (or trial-month). */
export interface SimulationOutput {
  readonly trials: number;
  readonly months: number;
  readonly options: readonly OptionInfo[];
  readonly values: QuantityArrays;
}

/** Consecutive trials' values: a run made in several steps is several chunks. */
export interface Chunk {
  readonly first: number;
  readonly trials: number;
  readonly values: QuantityArrays;
}

/** Joins chunks in trial order; they must cover trials 0 … T − 1. One chunk is used as it is, without a copy. */
export function joinChunks(model: Model, months: number, chunks: readonly Chunk[]): SimulationOutput {
  const options = optionsOf(model);
  const ordered = [...chunks].sort((a, b) => a.first - b.first);
  let trials = 0;
  for (const c of ordered) {
    if (c.first !== trials) throw new Error(`joinChunks: trials ${trials} … ${c.first - 1} are missing`);
    trials += c.trials;
  }
  if (ordered.length === 1) return { trials, months, options, values: ordered[0]!.values };
  const values = allocateArrays(options.length, trials, months);
  for (const c of ordered) {
    for (const q of QUANTITIES) {
      const at = lengthOf(q, c.first, months);
      for (let o = 0; o < options.length; o++) values[q][o]!.set(c.values[q][o]!, at);
    }
  }
  return { trials, months, options, values };
}

/** Runs every trial on this thread: the reference every other way of running must match. */
export function simulate(model: Model, settings: RunSettings): SimulationOutput {
  const values = allocateArrays(optionsOf(model).length, settings.trials, settings.months);
  for (const r of taskRanges(0, settings.trials))
    simulateTrials(model, settings, r, sliceArrays(values, 0, r.first, r.trials, settings.months));
  return joinChunks(model, settings.months, [{ first: 0, trials: settings.trials, values }]);
}
