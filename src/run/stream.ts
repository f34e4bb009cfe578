import { type Analysis, RunAccumulator, STREAM_TRIALS } from '../engine/analyze.js';
import type { Model, RunSettings } from '../engine/model.js';
import type { OrderSettings } from '../engine/order-stats.js';
import { QUANTITIES, sliceArrays } from '../engine/quantities.js';
import { optionsOf, taskRanges } from '../engine/simulate.js';
import type { Executor } from './executor.js';
import type { RunOptions } from './run.js';

/**
 * Every trial once, step by step, into the accumulator: the next step simulates (on the
 * executor's threads) while this one is added, and a step's values are dropped once added.
 */
async function feed(acc: RunAccumulator, model: Model, settings: RunSettings, executor: Executor, options: RunOptions): Promise<void> {
  const ranges = taskRanges(0, settings.trials, STREAM_TRIALS);
  const { months } = settings;
  // Two sets of arrays, reused: one being added while the other is written.
  const sets = [0, 1].map(() => executor.allocate(optionsOf(model).length, ranges[0]!.trials, months));
  const start = (k: number) => {
    const r = ranges[k]!;
    const into = sliceArrays(sets[k % 2]!, 0, 0, r.trials, months);
    for (const q of QUANTITIES) for (const a of into[q]) a.fill(0);
    const progress = options.onProgress && ((done: number, total: number) => options.onProgress!(k + done / total, ranges.length));
    return executor.simulate(model, settings, r, progress, into);
  };
  let next = start(0);
  for (let k = 0; k < ranges.length; k++) {
    const values = await next;
    if (k + 1 < ranges.length) next = start(k + 1);
    acc.add(values);
  }
}

/**
 * Simulates `settings.trials` trials and analyses them as they come, without keeping them:
 * memory grows with √trials, not trials (order-stats.ts), and the numbers are those of
 * analysing the whole run in memory. When a percentile falls outside its window (rare),
 * every trial is simulated once more — addressed draws give the same values again.
 */
export async function runStreamed(
  model: Model,
  settings: RunSettings,
  executor: Executor,
  options: RunOptions = {},
  /** The order statistics' pilot and window width: the defaults, except in tests of the second pass. */
  order?: OrderSettings,
): Promise<Analysis> {
  const acc = new RunAccumulator(model, settings.trials, settings.months, order);
  await feed(acc, model, settings, executor, options);
  const first = acc.finish();
  if (first) return first;
  acc.secondPass();
  await feed(acc, model, settings, executor, options);
  return acc.finish()!;
}
