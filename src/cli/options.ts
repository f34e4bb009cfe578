import { availableParallelism } from 'node:os';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { BLOCK_SIZE } from '../engine/rng.js';
import { closest } from '../profile/paths.js';
import type { PrecisionTarget } from '../run/precision.js';
import { CliError } from './errors.js';

function integerIn(min: number, max: number, what: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(
        `${what[0]!.toUpperCase()}${what.slice(1)} must be a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}.`,
      );
    }
    return n;
  };
}

export interface SimulationFlags {
  trials?: number;
  /** --precision, parsed; only on commands that offer it. */
  precision?: PrecisionFlag;
  maxTrials?: number;
  months?: number;
  seed?: number;
  threads: number;
  quiet?: boolean;
  allowLarge?: boolean;
}

/** More threads than cores only add memory and contention; the numbers are the same. */
export const CORES = availableParallelism();

/** --threads N: any whole number from 1, capped at the cores (256 threads took 3 GB for the same numbers as 2). */
export function parseThreads(v: string): number {
  return Math.min(CORES, integerIn(1, 1024, 'threads')(v));
}

/** --trials, --months, --seed: they override the profile's `simulation` block. */

export function addSimulationOptions(cmd: Command): Command {
  return cmd
    .addOption(
      new Option('-n, --trials <n>', "simulated years or horizons (default: the profile's)").argParser(integerIn(2, 10_000_000, 'trials')),
    )
    .addOption(new Option('-m, --months <n>', "months per horizon (default: the profile's)").argParser(integerIn(1, 120, 'months')))
    .addOption(
      new Option('-s, --seed <n>', "random seed (default: the profile's)").argParser(integerIn(0, Number.MAX_SAFE_INTEGER, 'seed')),
    )
    .addOption(new Option('--threads <n>', 'threads, up to the cores; same numbers').argParser(parseThreads).default(CORES, 'all'))
    .option('--allow-large', 'run beyond the time and memory limits (README: Limits)')
    .option('-q, --quiet', 'no progress bar');
}

/** `--precision 500` (an amount a year) or `--precision 2%` (of the saving), as typed and as a target. */
export interface PrecisionFlag {
  readonly requested: string;
  readonly target: PrecisionTarget;
}

export function parsePrecision(v: string): PrecisionFlag {
  const text = v.trim();
  const share = /^(\d+(?:\.\d+)?)\s*%$/.exec(text);
  if (share) {
    const pct = Number(share[1]);
    if (pct > 0 && pct <= 100) return { requested: text, target: { kind: 'share', share: pct / 100 } };
  } else if (/^\d[\d,]*(?:\.\d+)?$/.test(text)) {
    const amount = Number(text.replaceAll(',', ''));
    if (amount > 0 && Number.isFinite(amount)) return { requested: text, target: { kind: 'amount', amount } };
  }
  throw new InvalidArgumentError(
    'Precision must be an amount a year above 0 (--precision 500) or a share of the saving from 0% to 100% (--precision 2%).',
  );
}

/** The bound on --precision's trials when --max-trials is not given. */
export const DEFAULT_MAX_TRIALS = 1_000_000;

/** --precision and --max-trials: run blocks of trials until the saving's standard error meets a target. */
export function addPrecisionOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--precision <se>', 'run to this SE of the saving a year (500, or 2%)').argParser(parsePrecision))
    .addOption(
      new Option('--max-trials <n>', 'most trials for --precision')
        .argParser(integerIn(BLOCK_SIZE, 10_000_000, 'max-trials'))
        .default(DEFAULT_MAX_TRIALS, '1,000,000'),
    )
    .hook('preAction', (_, action) => {
      const flags = action.opts<SimulationFlags>();
      if (flags.precision !== undefined && flags.trials !== undefined) {
        throw new CliError(2, '--trials and --precision both set how many trials run — use one (--max-trials bounds --precision)');
      }
    });
}

/** One of `choices`, or a usage error that suggests the nearest ("--format jsn": did you mean json?). */
export function choiceOf(what: string, choices: readonly string[]) {
  return (v: string): string => {
    if (choices.includes(v)) return v;
    const guess = closest(v, choices);
    throw new InvalidArgumentError(
      `${what[0]!.toUpperCase()}${what.slice(1)} must be one of ${choices.join(', ')}${guess ? ` — did you mean ${guess}?` : '.'}`,
    );
  };
}

/** -f/--format: the first choice is the default, applied by formatOf so --json can tell an explicit --format. */
export function formatOption(formats: readonly string[]): Option {
  return new Option('-f, --format <format>', `${formats.slice(0, -1).join(', ')} or ${formats.at(-1)} (default: ${formats[0]})`).argParser(
    choiceOf('the format', formats),
  );
}

export interface OutputFlags {
  format?: string;
  json?: boolean;
  output?: string;
  set: string[];
}

/** --format, --json, -o/--output and the repeatable --set of every command that reads profiles. */
export function addOutputOptions(cmd: Command, formats: readonly string[]): Command {
  return cmd
    .addOption(formatOption(formats))
    .option('--json', 'same as --format json')
    .option('-o, --output <file>', 'write to a file (atomically), not to stdout');
}

export function addSetOption(cmd: Command): Command {
  return (
    cmd
      .option('--set <path=value>', 'a what-if: managed.per_employee=95 (repeatable)', (v: string, prev: string[] | undefined) => [
        ...(prev ?? []),
        v,
      ])
      // No default in the option itself, so help does not print "(default: [])".
      .hook('preAction', (_, action) => {
        if (action.getOptionValue('set') === undefined) action.setOptionValue('set', []);
      })
  );
}

/** The output format: --json, or --format, else the table; --json with another --format is a usage error. */
export function formatOf(flags: OutputFlags, fallback = 'table'): string {
  if (flags.json && flags.format !== undefined && flags.format !== 'json') {
    throw new CliError(2, `--json and --format ${flags.format} ask for different formats — use one of them`);
  }
  return flags.json ? 'json' : (flags.format ?? fallback);
}

/** Everything a command that simulates profiles takes: formats, --set and the simulation flags. */
export function addProfileOptions(cmd: Command, formats: readonly string[]): Command {
  return addSimulationOptions(addSetOption(addOutputOptions(cmd, formats)));
}
