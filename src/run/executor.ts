import type { Model, RunSettings } from '../engine/model.js';
import { type BlockOutput, simulateTrials, type TrialRange } from '../engine/simulate.js';

/**
 * Where blocks of trials are simulated: this thread, worker threads, or (later) a browser's
 * Web Worker. Blocks are independent and addressed, so the numbers never depend on which
 * executor ran which block, or in what order.
 */
export interface Executor {
  /** Simulates the given ranges of trials, handing each output to `onBlock` as it completes (in any order). */
  simulate(model: Model, settings: RunSettings, ranges: readonly TrialRange[], onBlock: (out: BlockOutput) => void): Promise<void>;
  /** Releases threads; the executor may not be used afterwards. */
  close(): Promise<void>;
}

/** Runs every block here, one after another: the reference the others must match. */
export class InThreadExecutor implements Executor {
  async simulate(model: Model, settings: RunSettings, ranges: readonly TrialRange[], onBlock: (out: BlockOutput) => void): Promise<void> {
    for (const r of ranges) onBlock(simulateTrials(model, settings, r));
  }

  async close(): Promise<void> {}
}
