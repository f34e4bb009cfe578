import type { Model, RunSettings } from '../engine/model.js';
import { QUANTITIES, type QuantityArrays, sliceArrays } from '../engine/quantities.js';
import type { TrialRange } from '../engine/simulate.js';

/**
 * The main thread asks a worker to take ranges of `request` (trials first … first + trials − 1)
 * through the shared counter, writing each straight into the run's arrays: shared memory the
 * main thread allocated, `buffers[q][o]` for quantity q and option o, so nothing is copied or
 * transferred (transferring cost 10% of a worker's time: each range then needed fresh pages).
 */
export interface RunRequest {
  readonly type: 'run';
  readonly id: number;
  readonly model: Model;
  readonly settings: RunSettings;
  readonly request: TrialRange;
  readonly ranges: readonly TrialRange[];
  readonly buffers: Record<string, readonly SharedArrayBuffer[]>;
  /** Int32Array: [next index into ranges, ranges finished]. */
  readonly counter: SharedArrayBuffer;
}

/** What a worker says: that it runs (and which file it runs), then for each request each range as it is done, then done, or why it failed. */
export type WorkerReply =
  | { readonly type: 'ready'; readonly entry: string }
  | { readonly type: 'range'; readonly id: number }
  | { readonly type: 'done'; readonly id: number }
  | { readonly type: 'failed'; readonly id: number; readonly name: string; readonly message: string };

type Simulate = (m: Model, s: RunSettings, r: TrialRange, into: QuantityArrays) => unknown;

/** The request's arrays over its shared buffers. */
export function arraysOver(buffers: RunRequest['buffers']): QuantityArrays {
  const arrays = {} as QuantityArrays;
  for (const q of QUANTITIES) arrays[q] = buffers[q]!.map((b) => new Float64Array(b));
  return arrays;
}

/**
 * Takes ranges through the shared counter until none are left. Each range is computed
 * whole by whoever takes it, into its own slice, so which thread ran it never changes a number.
 */
export function drainRanges(request: Omit<RunRequest, 'type' | 'id'>, onRange: () => void, simulate: Simulate): void {
  const counter = new Int32Array(request.counter);
  const arrays = arraysOver(request.buffers);
  const { months } = request.settings;
  for (;;) {
    const i = Atomics.add(counter, 0, 1);
    if (i >= request.ranges.length) return;
    const r = request.ranges[i]!;
    simulate(request.model, request.settings, r, sliceArrays(arrays, request.request.first, r.first, r.trials, months));
    Atomics.add(counter, 1, 1);
    onRange();
  }
}

/** Lets the event loop run (messages, signals) without delay: setImmediate where there is one. */
export function yieldToLoop(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (f: () => void) => unknown }).setImmediate;
  return new Promise((resolve) => (immediate ? immediate(resolve) : setTimeout(resolve, 0)));
}

/**
 * drainRanges for the main thread: the same ranges from the same counter, but it lets the
 * event loop run between ranges, so workers' progress arrives as it happens and Ctrl-C can
 * clear the progress bar.
 */
export async function drainRangesYielding(
  request: Omit<RunRequest, 'type' | 'id'>,
  onRange: () => void,
  simulate: Simulate,
): Promise<void> {
  const counter = new Int32Array(request.counter);
  const arrays = arraysOver(request.buffers);
  const { months } = request.settings;
  for (;;) {
    const i = Atomics.add(counter, 0, 1);
    if (i >= request.ranges.length) return;
    const r = request.ranges[i]!;
    simulate(request.model, request.settings, r, sliceArrays(arrays, request.request.first, r.first, r.trials, months));
    Atomics.add(counter, 1, 1);
    onRange();
    await yieldToLoop();
  }
}
