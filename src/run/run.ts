import { type Analysis, analyze } from '../engine/analyze.js';
import { type Chunk, joinChunks, type SimulationOutput } from '../engine/collect.js';
import type { Model, RunSettings } from '../engine/model.js';
import type { Executor } from './executor.js';

export interface RunOptions {
  /** Called as blocks finish, with blocks done and blocks asked for. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * A run that accumulates: `extendTo` runs the trials a larger count still needs, so a
 * caller (precision control, a live page) can ask for more later and every earlier trial
 * is kept, never recomputed. Trials are addressed, so trials 0 … 9,999 run now and 10,000 …
 * 19,999 run later are the numbers a 20,000-trial run gives.
 */
export class RunSession {
  private readonly chunks: Chunk[] = [];
  private trialsDone = 0;

  constructor(
    readonly model: Model,
    /** seed and months; `trials` is what extendTo reaches. */
    readonly settings: RunSettings,
  ) {}

  get trials(): number {
    return this.trialsDone;
  }

  /** Runs trials up to `trials` beyond those already done. */
  async extendTo(trials: number, executor: Executor, options: RunOptions = {}): Promise<void> {
    if (trials <= this.trialsDone) return;
    const range = { first: this.trialsDone, trials: trials - this.trialsDone };
    const values = await executor.simulate(this.model, { ...this.settings, trials }, range, options.onProgress);
    this.chunks.push({ ...range, values });
    this.trialsDone = trials;
  }

  /** Every trial's values, in trial order. */
  output(): SimulationOutput {
    return joinChunks(this.model, this.settings.months, this.chunks);
  }

  analysis(): Analysis {
    return analyze(this.model, this.output());
  }
}

/** Simulates `settings.trials` trials on the executor and analyses them (docs/model.md §6). */
export async function run(model: Model, settings: RunSettings, executor: Executor, options: RunOptions = {}): Promise<Analysis> {
  const session = new RunSession(model, settings);
  await session.extendTo(settings.trials, executor, options);
  return session.analysis();
}
