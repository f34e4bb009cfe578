import { Worker } from 'node:worker_threads';
import type { Model, RunSettings } from '../engine/model.js';
import { allocateArrays, type QuantityArrays } from '../engine/quantities.js';
import { optionsOf, simulateTrials, type TrialRange, taskRanges } from '../engine/simulate.js';

import type { Executor, Progress } from './executor.js';
import { drainRangesYielding, type RunRequest, type WorkerReply } from './worker-protocol.js';

/**
 * The worker's script. Built, it is worker-entry.js beside this file (dist/run/ or the
 * bundle). Run from the TypeScript sources (tests, tsx), the worker must run those same
 * sources, never a stale dist/: a one-line shim registers tsx (a dev dependency) in the
 * worker and imports the .ts entry.
 */
function workerScript(): URL {
  if (!import.meta.url.endsWith('.ts')) return new URL('./worker-entry.js', import.meta.url);
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./worker-entry.ts', import.meta.url).href;
  const shim = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(entry)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(shim)}`);
}

/** Rebuilds a worker's error with its type, so a RangeError stays a RangeError for the caller. */
function rebuild(name: string, message: string): Error {
  const types: Record<string, ErrorConstructor> = { RangeError, TypeError };
  return new (types[name] ?? Error)(message);
}

interface Pending {
  readonly onRange: () => void;
  readonly settle: (error?: Error) => void;
}

/**
 * `threads − 1` worker threads plus this one, taking blocks from a shared counter. The
 * workers live until `close`, so repeated runs (sensitivity, break-even) pay their start-up
 * once. When any thread fails, the rest stop taking blocks and that one error is thrown:
 * no orphan thread, no second report.
 */
export class WorkerPool implements Executor {
  private readonly workers: Worker[] = [];
  /** The script each worker says it runs, as it starts: the sources under test, or the build. */
  readonly entries: Promise<string>[] = [];
  private readonly pending = new Map<Worker, Pending>();
  private nextId = 0;
  private broken: Error | undefined;

  constructor(readonly threads: number) {
    for (let i = 1; i < threads; i++) {
      const w = new Worker(workerScript());
      this.entries.push(
        new Promise((resolve) => {
          const ready = (reply: WorkerReply) => {
            if (reply.type !== 'ready') return;
            w.off('message', ready);
            resolve(reply.entry);
          };
          w.on('message', ready);
        }),
      );
      w.on('message', (reply: WorkerReply) => this.receive(w, reply));
      w.on('error', (e) => this.fail(w, e));
      w.on('exit', (code) => this.fail(w, new Error(`a worker thread stopped (exit code ${code})`)));
      this.workers.push(w);
    }
  }

  private receive(w: Worker, reply: WorkerReply): void {
    const p = this.pending.get(w);
    if (!p || reply.type === 'ready') return;
    if (reply.type === 'range') p.onRange();
    else if (reply.type === 'done') p.settle();
    else p.settle(rebuild(reply.name, reply.message));
  }

  private fail(w: Worker, e: Error): void {
    this.broken ??= e;
    this.pending.get(w)?.settle(e);
  }

  allocate(options: number, trials: number, months: number): QuantityArrays {
    return allocateArrays(options, trials, months, (n) => new Float64Array(new SharedArrayBuffer(n * 8)));
  }

  /**
   * `into`, when given, must be views from the start of `allocate`'s arrays: its buffers are
   * sent to the workers again, so a streamed run reuses a few buffers rather than leaving
   * each step's behind in the workers' heaps until their next collection.
   */
  async simulate(
    model: Model,
    settings: RunSettings,
    range: TrialRange,
    onProgress?: Progress,
    into?: QuantityArrays,
  ): Promise<QuantityArrays> {
    if (this.broken) throw this.broken;
    const buffers: Record<string, SharedArrayBuffer[]> = {};
    const values = into ?? this.allocate(optionsOf(model).length, range.trials, settings.months);
    for (const [q, arrays] of Object.entries(values)) {
      // A plain buffer would be copied to the workers, and their values lost.
      if (arrays.some((a) => !(a.buffer instanceof SharedArrayBuffer) || a.byteOffset !== 0))
        throw new Error('WorkerPool.simulate: `into` must be views from the start of arrays made by allocate()');
      buffers[q] = arrays.map((a) => a.buffer as SharedArrayBuffer);
    }
    const ranges = taskRanges(range.first, range.first + range.trials);
    const counter = new SharedArrayBuffer(8);
    const id = this.nextId++;
    const request: RunRequest = { type: 'run', id, model, settings, request: range, ranges, buffers, counter };
    let done = 0;
    const progress = () => onProgress?.(++done, ranges.length);
    const finished = this.workers.map(
      (w) =>
        new Promise<void>((resolve, reject) => {
          this.pending.set(w, {
            onRange: progress,
            settle: (error) => {
              this.pending.delete(w);
              if (error) reject(error);
              else resolve();
            },
          });
          w.postMessage(request);
        }),
    );
    // Handled below; this keeps a failure seen before then from counting as unhandled.
    for (const f of finished) f.catch(() => undefined);
    try {
      await drainRangesYielding(request, progress, simulateTrials);
    } catch (e) {
      // Take the remaining ranges so the workers stop at their next one.
      Atomics.store(new Int32Array(counter), 0, ranges.length);
      await Promise.allSettled(finished);
      throw e;
    }
    const results = await Promise.allSettled(finished);
    const failure = results.find((r) => r.status === 'rejected');
    if (failure) throw (failure as PromiseRejectedResult).reason;
    return values;
  }

  async close(): Promise<void> {
    const workers = this.workers.splice(0);
    for (const w of workers) w.removeAllListeners('exit');
    await Promise.allSettled(workers.map((w) => w.terminate()));
  }
}
