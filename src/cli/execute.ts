import { type Analysis, analyze } from '../engine/analyze.js';
import type { SimulationOutput } from '../engine/collect.js';
import { expectedMonthly } from '../engine/expected.js';
import type { Model, RunSettings } from '../engine/model.js';
import { explainOf } from '../report/explain.js';
import { money } from '../report/format.js';
import { buildResult, type PrecisionJson, type ResultJson } from '../report/result.js';
import type { RunReport } from '../report/table.js';
import { type Executor, InThreadExecutor, type Progress } from '../run/executor.js';
import { PILOT_TRIALS, type PrecisionOutcome, type PrecisionRun, runToPrecision } from '../run/precision.js';
import { RunSession } from '../run/run.js';
import { runStreamed } from '../run/stream.js';
import { PARALLEL_THRESHOLD, workOf } from '../run/work.js';
import { WorkerPool } from '../run/worker-pool.js';
import { CliError } from './errors.js';
import { estimateRun, refuseLargeRun } from './estimate.js';
import { firstNonFinite } from './finite.js';
import type { Io } from './io.js';
import type { ProfileInput } from './load.js';
import { DEFAULT_MAX_TRIALS, type PrecisionFlag, type SimulationFlags } from './options.js';
import { type ProgressBar, progressBar } from './progress.js';
import { VERSION } from './version.js';

/**
 * About a second of work per thread, in incident-option evaluations: bench/RESULTS.md
 * measures about 40 ns each on one thread.
 */
const PROGRESS_WORK = 25_000_000;

/**
 * How a command runs its simulations: threads in all, the worker pool (made on first need
 * and shared by the command's runs), and one progress bar for the whole command on a
 * terminal when it is expected to take over about a second. Commands `close()` it when done.
 */
export class Execution {
  private pool: WorkerPool | undefined;
  private bar: ProgressBar | undefined;
  private planned = 0;
  private finished = 0;

  constructor(
    readonly threads: number,
    readonly io: Io,
    /** Whether a bar may be shown at all: a table for a person at a terminal, without --quiet. */
    readonly progress: boolean,
    /** --allow-large: run beyond the documented time and memory limits. */
    readonly allowLarge: boolean,
  ) {}

  /** This thread for small runs (a worker costs more to start than it saves), else the pool. */
  executorFor(work: number): Executor {
    // Once the pool is up (a study's many runs), even a short run gains from it: starting it was the cost.
    const threshold = this.pool ? PARALLEL_THRESHOLD / 8 : PARALLEL_THRESHOLD;
    if (this.threads <= 1 || work < threshold) return IN_THREAD;
    this.pool ??= new WorkerPool(this.threads);
    return this.pool;
  }

  /** Before the runs: all the command's work, so one bar (with the time left) covers all of it. */
  plan(totalWork: number, label: string): void {
    this.planned = totalWork;
    this.finished = 0;
    if (this.bar === undefined && wantsProgressBar(totalWork, this)) this.bar = progressBar(this.io, label);
  }

  /** The progress callback for one run of `work`, moving the command's bar. */
  track(work: number, label: string): Progress | undefined {
    if (this.planned === 0) this.plan(work, label);
    const bar = this.bar;
    if (!bar) return undefined;
    return (done, total) => bar.update((this.finished + (work * done) / total) / this.planned);
  }

  finishRun(work: number): void {
    this.finished += work;
  }

  async close(): Promise<void> {
    this.bar?.done();
    this.bar = undefined;
    await this.pool?.close();
    this.pool = undefined;
  }
}

const IN_THREAD = new InThreadExecutor();

/** Progress bars only for a person at a terminal reading a table. */
export function executionFor(io: Io, flags: SimulationFlags, format: string): Execution {
  return new Execution(flags.threads, io, format === 'table' && io.stderrIsTTY && !flags.quiet, flags.allowLarge === true);
}

/** Whether a command's work, per thread, is long enough to deserve a progress bar. */
export function wantsProgressBar(work: number, exec: Pick<Execution, 'progress' | 'threads'>): boolean {
  return exec.progress && work / exec.threads > PROGRESS_WORK;
}

/** --precision with its bound, when given. */
export function precisionOf(flags: SimulationFlags): (PrecisionFlag & { readonly maxTrials: number }) | undefined {
  return flags.precision && { ...flags.precision, maxTrials: flags.maxTrials ?? DEFAULT_MAX_TRIALS };
}

/** Flags win over the profile's `simulation` block, which wins over the defaults. */
export function settingsFor(p: ProfileInput, flags: SimulationFlags): RunSettings {
  const sim = p.loaded.profile.simulation;
  return { trials: flags.trials ?? sim.trials, months: flags.months ?? sim.months, seed: flags.seed ?? sim.seed };
}

export interface RunProfileOptions {
  /** Add the expected-value explanation to the result (`run --explain`). */
  readonly explain?: boolean;
  /** Keep every trial's values (the report's charts need them); otherwise a fixed run is streamed in bounded memory. */
  readonly keepValues?: boolean;
}

/** Simulates one profile and builds its result. */
export async function runProfile(
  p: ProfileInput,
  settings: RunSettings,
  source: string,
  overrides: readonly string[],
  exec: Execution,
  precision?: PrecisionFlag & { readonly maxTrials: number },
  options: RunProfileOptions = {},
): Promise<RunReport & { readonly output: SimulationOutput | undefined }> {
  const { explain = false, keepValues = false } = options;
  const { model, profile } = p.loaded;
  let analysis: Analysis;
  let output: SimulationOutput | undefined;
  let reached: PrecisionOutcome | undefined;
  try {
    if (precision === undefined) ({ analysis, output } = await runFixed(model, settings, exec, `simulating ${profile.name}`, keepValues));
    else ({ analysis, output, outcome: reached } = await runPrecise(model, settings, precision, exec, `simulating ${profile.name}`));
  } catch (e) {
    throw memoryFailure(e) ?? e;
  }
  const result: ResultJson = buildResult(analysis, model, {
    version: VERSION,
    profileName: profile.name,
    file: p.input.file,
    sha256: p.input.sha256,
    currency: profile.currency,
    seed: settings.seed,
    overrides,
    ...(precision && reached ? { precision: precisionJson(precision, reached) } : {}),
  });
  if (reached && precision && !reached.met)
    exec.io.err(`warning: ${profile.name}: ${precisionShortfall(precision.requested, reached, profile.currency)}\n`);
  if (explain) {
    const expected = expectedMonthly(model, analysis.months);
    result.explain = Object.fromEntries(expected.map((e) => [e.id, explainOf(result.options[e.id]!, e, analysis.months, analysis.trials)]));
  }
  // The last line of defence: a number that is not finite is never reported as a result.
  const bad = firstNonFinite(result);
  if (bad !== undefined) throw new Error(`the result holds a number that is not finite at ${bad}`);
  return { result, model, source, output };
}

/**
 * A run of a fixed number of trials, refused beforehand when it is beyond the limits: kept in
 * memory when asked to, else streamed (the same numbers, in memory bounded through √trials).
 */
async function runFixed(
  model: Model,
  settings: RunSettings,
  exec: Execution,
  label: string,
  keepValues: boolean,
): Promise<{ analysis: Analysis; output: SimulationOutput | undefined }> {
  refuseLargeRun(estimateRun(model, settings, exec.threads, !keepValues), settings, exec.allowLarge);
  const work = workOf(model, settings);
  const onProgress = exec.track(work, label);
  const options = onProgress ? { onProgress } : {};
  try {
    if (!keepValues) return { analysis: await runStreamed(model, settings, exec.executorFor(work), options), output: undefined };
    const session = new RunSession(model, settings);
    await session.extendTo(settings.trials, exec.executorFor(work), options);
    const output = session.output();
    return { analysis: analyze(model, output), output };
  } finally {
    exec.finishRun(work);
  }
}

/** A run to a precision target: each stage is checked against the limits before it runs, and moves the bar. */
async function runPrecise(
  model: Model,
  settings: RunSettings,
  precision: PrecisionFlag & { readonly maxTrials: number },
  exec: Execution,
  label: string,
): Promise<PrecisionRun> {
  const executor = exec.executorFor(workOf(model, { trials: PILOT_TRIALS, months: settings.months }));
  return runToPrecision(model, settings.seed, settings.months, precision.target, executor, {
    maxTrials: precision.maxTrials,
    beforeStage: (added, total) => {
      const stage = { ...settings, trials: total };
      refuseLargeRun(estimateRun(model, stage, exec.threads), stage, exec.allowLarge);
      const work = workOf(model, { trials: added, months: settings.months });
      exec.plan(work, label);
      return exec.track(work, label);
    },
  });
}

/** Why a --precision run stopped short, and what to do: rare, very costly incidents make the pilot underestimate the spread. */
export function precisionShortfall(requested: string, o: PrecisionOutcome, currency: string): string {
  const se = money(o.se, currency);
  const goal = money(o.target, currency);
  const why =
    o.trials >= o.maxTrials
      ? `--max-trials ${o.maxTrials.toLocaleString('en-US')} stopped it — raise --max-trials`
      : 'the pilot underestimated the spread (rare, very costly incidents do that) — run again with --trials at least ' +
        `${Math.ceil((o.trials * (o.se / o.target) ** 2) / 1000) * 1000} instead`;
  return `--precision ${requested}: the saving's SE is ${se} a year after ${o.trials.toLocaleString('en-US')} trials, above the target ${goal}; ${why}`;
}

export function precisionJson(p: PrecisionFlag & { readonly maxTrials: number }, o: PrecisionOutcome): PrecisionJson {
  return {
    requested: p.requested,
    target: o.target,
    se: o.se,
    met: o.met,
    pilot_trials: o.pilotTrials,
    planned_trials: o.plannedTrials,
    max_trials: o.maxTrials,
  };
}

/**
 * Failures that come from the run's size, not from a bug: an allocation that failed for
 * want of memory, or an uncertain rate whose far tail drew more incidents in a month than
 * any simulation can enumerate.
 */
function memoryFailure(e: unknown): CliError | undefined {
  const message = e instanceof Error ? e.message : '';
  if (!(e instanceof RangeError)) return undefined;
  if (/^incident count/.test(message)) {
    return new CliError(
      2,
      `a trial drew more than a billion incidents in one month (${message.replace(/^incident count: /, '')}) — narrow the spread of the uncertain rates`,
    );
  }
  if (/allocation failed|Invalid (typed )?array length|out of memory/i.test(message)) {
    return new CliError(2, 'not enough memory for this run — use fewer trials or months');
  }
  return undefined;
}

/** Runs `body` with an execution for these flags and always ends its threads afterwards. */
export async function withExecution<T>(io: Io, flags: SimulationFlags, format: string, body: (exec: Execution) => Promise<T>): Promise<T> {
  const exec = executionFor(io, flags, format);
  try {
    return await body(exec);
  } finally {
    await exec.close();
  }
}
