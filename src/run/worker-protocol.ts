import type { Model, RunSettings } from '../engine/model.js';
import type { BlockOutput, TrialRange } from '../engine/simulate.js';

/**
 * The main thread asks a worker to take ranges from `ranges` through the shared counter,
 * writing range i into `buffers[i]`: shared memory the main thread allocated, so no output
 * is copied or transferred (transferring cost 10% of the worker's time: each task then
 * needs fresh pages).
 */
export interface RunRequest {
  readonly type: 'run';
  readonly id: number;
  readonly model: Model;
  readonly settings: RunSettings;
  readonly ranges: readonly TrialRange[];
  readonly buffers: readonly SharedArrayBuffer[];
  /** Int32Array: [next index into ranges, ranges finished]. */
  readonly counter: SharedArrayBuffer;
}

/** What a worker says: that it runs (and which file it runs), then for each request the index of each range as it is done, then done, or why it failed. */
export type WorkerReply =
  | { readonly type: 'ready'; readonly entry: string }
  | { readonly type: 'range'; readonly id: number; readonly index: number }
  | { readonly type: 'done'; readonly id: number }
  | { readonly type: 'failed'; readonly id: number; readonly name: string; readonly message: string };

type Simulate = (m: Model, s: RunSettings, r: TrialRange, buffer: ArrayBufferLike) => BlockOutput;

/**
 * Takes ranges through the shared counter until none are left. Each range is computed
 * whole by whoever takes it, so which thread ran it never changes a number.
 */
export function drainRanges(
  request: Omit<RunRequest, 'type' | 'id'>,
  onRange: (index: number, out: BlockOutput) => void,
  simulate: Simulate,
): void {
  const counter = new Int32Array(request.counter);
  for (;;) {
    const i = Atomics.add(counter, 0, 1);
    if (i >= request.ranges.length) return;
    const out = simulate(request.model, request.settings, request.ranges[i]!, request.buffers[i]!);
    Atomics.add(counter, 1, 1);
    onRange(i, out);
  }
}
