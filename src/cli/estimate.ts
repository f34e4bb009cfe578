import type { Model, RunSettings } from '../engine/model.js';
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
 * for time, and the result arrays it holds for memory: two trial-month arrays and five
 * trial arrays per option, plus a copy of the largest for its percentiles.
 */
export function estimateRun(model: Model, settings: RunSettings, threads: number): RunEstimate {
  const options = optionCount(model);
  const trialMonths = settings.trials * settings.months;
  const incidents = trialMonths * expectedIncidentsPerMonth(model);
  const work = (incidents + trialMonths) * options;
  const bytes = 8 * (options * (2 * trialMonths + 5 * settings.trials) + trialMonths);
  return { incidents, work, bytes, seconds: work / EVALUATIONS_PER_SECOND / Math.max(1, threads) };
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
