import type { Model, RunSettings } from './model.js';
import { lengthOf, QUANTITIES, type QuantityArrays } from './quantities.js';
import { type BlockOutput, blockArrays, type OptionInfo, optionsOf, simulateTrials, taskRanges } from './simulate.js';

/** A whole run's values: for each quantity, one array per option over every trial (or trial-month). */
export interface SimulationOutput {
  readonly trials: number;
  readonly months: number;
  readonly options: readonly OptionInfo[];
  readonly values: QuantityArrays;
}

/**
 * Joins range outputs in trial order (whatever order they were computed in), so the
 * numbers are the same for any thread count. The ranges must cover trials 0 … T − 1.
 */
export function collectBlocks(model: Model, months: number, blocks: readonly BlockOutput[]): SimulationOutput {
  const options = optionsOf(model);
  const ordered = [...blocks].sort((a, b) => a.first - b.first);
  let trials = 0;
  for (const b of ordered) {
    if (b.first !== trials) throw new Error(`collectBlocks: trials ${trials} … ${b.first - 1} are missing`);
    trials += b.trials;
  }
  const values = {} as QuantityArrays;
  for (const q of QUANTITIES) values[q] = options.map(() => new Float64Array(lengthOf(q, trials, months)));
  for (const b of ordered) {
    const arrays = blockArrays(b);
    for (const q of QUANTITIES) {
      const at = lengthOf(q, b.first, months);
      for (let o = 0; o < options.length; o++) values[q][o]!.set(arrays[q][o]!, at);
    }
  }
  return { trials, months, options, values };
}

/** Runs every block on this thread: the reference every other way of running must match. */
export function simulate(model: Model, settings: RunSettings): SimulationOutput {
  const blocks = taskRanges(0, settings.trials).map((r) => simulateTrials(model, settings, r));
  return collectBlocks(model, settings.months, blocks);
}
