import { availableParallelism } from 'node:os';
import { type Command, InvalidArgumentError, Option } from 'commander';

function integerIn(min: number, max: number, what: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(
        `${what} must be a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}.`,
      );
    }
    return n;
  };
}

export interface SimulationFlags {
  trials?: number;
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
      new Option('-n, --trials <n>', "simulated horizons (default: the profile's, else 10,000)").argParser(
        integerIn(2, 10_000_000, 'trials'),
      ),
    )
    .addOption(
      new Option('-m, --months <n>', "months per horizon (default: the profile's, else 12)").argParser(integerIn(1, 120, 'months')),
    )
    .addOption(
      new Option('-s, --seed <n>', "random seed (default: the profile's, else 1)").argParser(integerIn(0, Number.MAX_SAFE_INTEGER, 'seed')),
    )
    .addOption(
      new Option('--threads <n>', 'threads to simulate on, at most the cores; results do not depend on it')
        .argParser(parseThreads)
        .default(CORES, 'all cores'),
    )
    .option('--allow-large', 'run beyond the time and memory limits (README "Limits")')
    .option('-q, --quiet', 'no progress bar');
}

export function formatOption(formats: readonly string[]): Option {
  return new Option('-f, --format <format>', 'output format').choices(formats).default('table');
}

export interface OutputFlags {
  format: string;
  json?: boolean;
  output?: string;
  set: string[];
}

/** --format, --json, -o/--output and the repeatable --set of every command that reads profiles. */
export function addOutputOptions(cmd: Command, formats: readonly string[]): Command {
  return cmd
    .addOption(formatOption(formats))
    .option('--json', 'same as --format json')
    .option('-o, --output <file>', 'write the result to a file (atomically) instead of stdout');
}

export function addSetOption(cmd: Command): Command {
  return cmd.option(
    '--set <path=value>',
    'override a profile field before validation, e.g. managed.per_employee=95 (repeatable)',
    (v: string, prev: string[]) => [...prev, v],
    [] as string[],
  );
}

/** --json wins over --format. */
export function formatOf(flags: OutputFlags): string {
  return flags.json ? 'json' : flags.format;
}

/** Everything a command that simulates profiles takes: formats, --set and the simulation flags. */
export function addProfileOptions(cmd: Command, formats: readonly string[]): Command {
  return addSimulationOptions(addSetOption(addOutputOptions(cmd, formats)));
}
