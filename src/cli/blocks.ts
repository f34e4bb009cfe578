import type { Model, RunSettings } from '../engine/model.js';
import { blockCount, optionsOf, simulateBlock, type SimulationOutput } from '../engine/simulate.js';

/** What the main thread hands each worker: the model, the settings and the shared memory. */
export interface WorkerInput {
  readonly model: Model;
  readonly settings: RunSettings;
  /** The output arrays' buffers, in outputBuffers() order. */
  readonly buffers: SharedArrayBuffer[];
  /** Int32Array: [next block to take, blocks finished]. */
  readonly counter: SharedArrayBuffer;
}

const QUANTITY_ARRAYS = 7;

/** The output's arrays, quantity by quantity and option by option: the order buffers travel in. */
export function outputArrays(out: SimulationOutput): Float64Array[] {
  return [
    ...out.monthlySpend,
    ...out.monthlyTotalCost,
    ...out.horizonSpend,
    ...out.horizonTotalCost,
    ...out.horizonDowntimeHours,
    ...out.horizonDowntimeCost,
    ...out.horizonDirectCost,
  ];
}

export function outputFromBuffers(model: Model, settings: RunSettings, buffers: SharedArrayBuffer[]): SimulationOutput {
  const options = optionsOf(model);
  const arrays = buffers.map((b) => new Float64Array(b));
  const part = (q: number) => arrays.slice(q * options.length, (q + 1) * options.length);
  if (arrays.length !== QUANTITY_ARRAYS * options.length) throw new Error('worker: wrong number of output buffers');
  return {
    trials: settings.trials,
    months: settings.months,
    options,
    monthlySpend: part(0),
    monthlyTotalCost: part(1),
    horizonSpend: part(2),
    horizonTotalCost: part(3),
    horizonDowntimeHours: part(4),
    horizonDowntimeCost: part(5),
    horizonDirectCost: part(6),
  };
}

/**
 * Takes blocks from the shared counter until none are left. Each block writes only its own
 * trials, so which thread ran it never changes a number.
 */
export function drainBlocks(model: Model, settings: RunSettings, out: SimulationOutput, counter: Int32Array, onBlock?: () => void): void {
  const blocks = blockCount(settings.trials);
  for (;;) {
    const b = Atomics.add(counter, 0, 1);
    if (b >= blocks) return;
    simulateBlock(model, settings, b, out);
    Atomics.add(counter, 1, 1);
    onBlock?.();
  }
}
