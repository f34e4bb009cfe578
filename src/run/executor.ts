import type { Model, RunSettings } from '../engine/model.js';
import { allocateArrays, type QuantityArrays, sliceArrays } from '../engine/quantities.js';
import { optionsOf, simulateTrials, type TrialRange, taskRanges } from '../engine/simulate.js';
import { yieldToLoop } from './worker-protocol.js';

/** Called as parts of a request finish, with parts done and parts in all. */
export type Progress = (done: number, total: number) => void;

/**
 * Where trials are simulated: this thread, worker threads, or (later) a browser's Web
 * Worker. Trials are addressed, so the numbers never depend on which executor ran which
 * trials, or in what order.
 */
export interface Executor {
  /**
   * Simulates trials range.first … range.first + range.trials − 1 and returns their values:
   * in `into` when given (zeroed arrays from `allocate`, exactly range.trials long), else in new arrays.
   */
  simulate(model: Model, settings: RunSettings, range: TrialRange, onProgress?: Progress, into?: QuantityArrays): Promise<QuantityArrays>;
  /** Arrays for `trials` trials this executor can write into (shared memory for worker threads): a caller reuses them. */
  allocate(options: number, trials: number, months: number): QuantityArrays;
  /** Releases threads; the executor may not be used afterwards. */
  close(): Promise<void>;
}

/** Runs every range here, one after another: the reference the others must match. */
export class InThreadExecutor implements Executor {
  async simulate(
    model: Model,
    settings: RunSettings,
    range: TrialRange,
    onProgress?: Progress,
    into?: QuantityArrays,
  ): Promise<QuantityArrays> {
    const values = into ?? this.allocate(optionsOf(model).length, range.trials, settings.months);
    const ranges = taskRanges(range.first, range.first + range.trials);
    for (const [i, r] of ranges.entries()) {
      simulateTrials(model, settings, r, sliceArrays(values, range.first, r.first, r.trials, settings.months));
      onProgress?.(i + 1, ranges.length);
      // Between ranges the event loop runs: a signal handler can, and so can a page's messages.
      if (onProgress) await yieldToLoop();
    }
    return values;
  }

  allocate(options: number, trials: number, months: number): QuantityArrays {
    return allocateArrays(options, trials, months);
  }

  async close(): Promise<void> {}
}
