import { Worker } from 'node:worker_threads';
import { amountMean, type Model, type RunSettings } from '../engine/model.js';
import { allocateOutput, blockCount, type SimulationOutput } from '../engine/simulate.js';
import { drainBlocks, outputArrays, type WorkerInput } from './blocks.js';

/**
 * Below this many incident-option evaluations (about 0.1 s of work) a worker costs more
 * to start than it saves.
 */
const PARALLEL_THRESHOLD = 2_000_000;

/** Expected incidents a month, from the mean of each class's rate. */
export function expectedIncidentsPerMonth(model: Model): number {
  let sum = 0;
  for (const c of model.classes) sum += amountMean(c.rate) * c.rateUnits;
  return sum;
}

/** A size for the run: incident-option evaluations, for choosing threads and a progress bar. */
export function workOf(model: Model, settings: RunSettings): number {
  const options = 1 + model.managed.length + (model.hybrid ? 1 : 0);
  return settings.trials * settings.months * (1 + expectedIncidentsPerMonth(model)) * options;
}

// From src/ (tests, tsx) the worker must still be the compiled file: Node cannot run .ts.
const WORKER_URL = import.meta.url.endsWith('.ts')
  ? new URL('../../dist/cli/worker.js', import.meta.url)
  : new URL('./worker.js', import.meta.url);

export interface ParallelOptions {
  /** Threads in all, this one included. */
  readonly threads: number;
  /** Called on this thread after each block it finishes, with blocks done so far. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Runs the blocks of 1,024 trials on this thread and `threads − 1` workers, all writing
 * into shared arrays. The result is byte-identical for any thread count. When any thread
 * fails, every worker is stopped and that one error is thrown: no orphan thread, no
 * second report.
 */
export async function simulateParallel(model: Model, settings: RunSettings, opts: ParallelOptions): Promise<SimulationOutput> {
  const blocks = blockCount(settings.trials);
  const small = workOf(model, settings) < PARALLEL_THRESHOLD;
  const threads = small ? 1 : Math.max(1, Math.min(opts.threads, blocks));
  const shared = threads > 1;
  const out = allocateOutput(model, settings, (n) => (shared ? new Float64Array(new SharedArrayBuffer(n * 8)) : new Float64Array(n)));
  const counter = new Int32Array(shared ? new SharedArrayBuffer(8) : new ArrayBuffer(8));
  const workers: Worker[] = [];
  const finished: Promise<void>[] = [];
  if (shared) {
    const input: WorkerInput = {
      model,
      settings,
      buffers: outputArrays(out).map((a) => a.buffer as SharedArrayBuffer),
      counter: counter.buffer as SharedArrayBuffer,
    };
    for (let w = 1; w < threads; w++) {
      const worker = new Worker(WORKER_URL, { workerData: input });
      workers.push(worker);
      const done = completion(worker);
      // Handled below; this keeps a failure seen before then from counting as unhandled.
      done.catch(() => undefined);
      finished.push(done);
    }
  }
  const progress = opts.onProgress;
  try {
    drainBlocks(model, settings, out, counter, progress && (() => progress(Atomics.load(counter, 1), blocks)));
    await Promise.all(finished);
  } catch (e) {
    // Take the remaining blocks so live workers stop at their next one, then end them all.
    Atomics.store(counter, 0, blocks);
    await Promise.allSettled(workers.map((w) => w.terminate()));
    await Promise.allSettled(finished);
    throw e;
  }
  return out;
}

/** Settles when the worker has finished its blocks; rejects with its error if it failed. */
function completion(worker: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exited with code ${code}`))));
  });
}
