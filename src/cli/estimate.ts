import { STREAM_TRIALS } from '../engine/analyze.js';
import type { Model, RunSettings } from '../engine/model.js';
import { PILOT_VALUES, WINDOW_SE } from '../engine/order-stats.js';
import { QUANTITIES, REPORTED_QUANTITIES, valuesPerTrial } from '../engine/quantities.js';
import { PERCENTILES } from '../engine/summary.js';
import { formatLimit, LIMITS } from '../profile/limits.js';
import { expectedIncidentsPerMonth, optionCount } from '../run/work.js';
import { CliError } from './errors.js';

/** Incident-option evaluations per second on one thread of this machine (bench/RESULTS.md), for estimates only. */
const EVALUATIONS_PER_SECOND = 2e7;

export interface RunEstimate {
  readonly incidents: number;
  /** Incident-option evaluations: what the run's time is proportional to. */
  readonly work: number;
  readonly bytes: number;
  readonly seconds: number;
}

/**
 * What a run will cost before it starts: expected incidents × trials × months (× options)
 * for time; for memory, the arrays it holds. Kept in memory: two trial-month arrays and six
 * trial arrays per option, plus a copy of the largest for its percentiles. Streamed: two
 * steps' arrays in flight, and per summarised array the order statistics' pilot and windows
 * (KEPT_PER_ROOT_TRIAL below).
 */
export function estimateRun(model: Model, settings: RunSettings, threads: number, streamed = false): RunEstimate {
  const options = optionCount(model);
  const trialMonths = settings.trials * settings.months;
  const incidents = trialMonths * expectedIncidentsPerMonth(model);
  const work = (incidents + trialMonths) * options;
  const bytes = streamed
    ? streamedBytes(options, settings.trials, settings.months)
    : 8 * (options * (2 * trialMonths + 6 * settings.trials) + trialMonths);
  return { incidents, work, bytes, seconds: work / EVALUATIONS_PER_SECOND / Math.max(1, threads) };
}

/**
 * Values a summarised array keeps per √trials per value a trial (order-stats.ts): a window of
 * 2 × WINDOW_SE × √(q(1 − q)) around each percentile and the tail's start.
 */
const KEPT_PER_ROOT_TRIAL = 2 * WINDOW_SE * [...PERCENTILES, 0.95].reduce((sum, q) => sum + Math.sqrt(q * (1 - q)), 0);
/** A kept value is a run (8-byte value, 4-byte count) plus its share of the buffer (a quarter of the runs, 8 bytes each). */
const BYTES_PER_KEPT = 8 + 4 + 8 / 4;

function streamedBytes(options: number, trials: number, months: number): number {
  const step = Math.min(trials, STREAM_TRIALS);
  const inFlight = 2 * 8 * options * step * QUANTITIES.reduce((sum, q) => sum + valuesPerTrial(q, months), 0);
  const order = (perTrial: number) =>
    8 * Math.min(trials * perTrial, PILOT_VALUES) + BYTES_PER_KEPT * KEPT_PER_ROOT_TRIAL * Math.sqrt(trials) * perTrial;
  return inFlight + options * REPORTED_QUANTITIES.reduce((sum, q) => sum + order(valuesPerTrial(q, months)), 0);
}

function duration(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} seconds`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} minutes`;
  return `${formatLimit(Math.round(seconds / 3600))} hours`;
}

const gb = (bytes: number) => `${(bytes / 2 ** 30).toFixed(1)} GB`;

/** Refuses a run beyond the documented limits (README "Limits") unless --allow-large says go ahead. */
export function refuseLargeRun(e: RunEstimate, settings: RunSettings, allowLarge: boolean): void {
  if (allowLarge) return;
  const size = `${formatLimit(settings.trials)} trials × ${settings.months} months`;
  if (e.work > LIMITS.work) {
    throw new CliError(
      2,
      `this run would simulate about ${formatLimit(Math.round(e.incidents))} incidents (${size}), about ${duration(e.seconds)} here — ` +
        'use fewer trials or months, lower the rates, or add --allow-large to go ahead',
    );
  }
  if (e.bytes > LIMITS.memoryBytes) {
    const fits = Math.floor((settings.trials * LIMITS.memoryBytes) / e.bytes);
    throw new CliError(
      2,
      `this run would need about ${gb(e.bytes)} of memory (${size}) — use at most ${formatLimit(fits)} trials, fewer months, or add --allow-large to go ahead`,
    );
  }
}
