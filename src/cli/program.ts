import { Command, CommanderError } from 'commander';
import { closest } from '../profile/paths.js';
import { printable } from '../report/format.js';
import type { Theme } from '../report/theme.js';

import { colourLevel, themeFor } from './colour.js';
import { addBreakevenCommand } from './commands/breakeven.js';
import { addCheckCommand } from './commands/check.js';
import { addCompareCommand } from './commands/compare.js';
import { addDiffCommand } from './commands/diff.js';
import { addExactCommand } from './commands/exact.js';
import { addInitCommand } from './commands/init.js';
import { addReportCommand } from './commands/report.js';
import { addRunCommand } from './commands/run.js';
import { addSchemaCommand } from './commands/schema.js';
import { addSensitivityCommand } from './commands/sensitivity.js';
import { addValidateCommand } from './commands/validate.js';
import { CliError, EXIT_INTERNAL } from './errors.js';
import type { Io } from './io.js';
import { parseThreads } from './options.js';
import { VERSION } from './version.js';

/** What every command gets: where to write, and the colours for what it writes. */
export interface Context {
  readonly io: Io;
  /** The theme for stdout, or plain when the output goes to a file. */
  theme(outputFile?: string): Theme;
  /** For commands whose success still has a verdict (validate, check): 0 or 1. */
  setExitCode(code: number): void;
}

export function makeProgram(ctx: Context): Command {
  const program = new Command('supportcast')
    .description(
      'What will IT support really cost?\n' +
        'It compares break-fix, managed services and hybrid support for a small business.\n' +
        'It simulates thousands of years and recommends one, with the odds.\n\n' +
        'Examples:\n' +
        '  supportcast run                         # the bundled 40-person dental clinic\n' +
        '  supportcast run scenarios/office-5.yaml --seed 7\n' +
        '  supportcast run my-client.yaml --format json > result.json',
    )
    .version(VERSION, '-V, --version')
    .option('--no-color', 'plain output without colour (also NO_COLOR=1)')
    .configureOutput({ writeOut: (s) => ctx.io.out(s), writeErr: (s) => ctx.io.err(s) })
    .showSuggestionAfterError(true)
    // Help the same on every terminal: 80 columns, whatever the window.
    .configureHelp({ helpWidth: 80 })
    .exitOverride();
  // SUPPORTCAST_THREADS: the default for --threads, for a shared CI box or a test suite that runs several at once.
  program.hook('preAction', (_, action) => {
    const wanted = ctx.io.env['SUPPORTCAST_THREADS'];
    if (wanted === undefined || action.getOptionValueSource('threads') !== 'default') return;
    try {
      action.setOptionValue('threads', parseThreads(wanted));
    } catch {
      throw new CliError(
        2,
        `SUPPORTCAST_THREADS must be a whole number from 1, got ${JSON.stringify(wanted)} — e.g. SUPPORTCAST_THREADS=2`,
      );
    }
  });
  addRunCommand(program, ctx);
  addCompareCommand(program, ctx);
  addBreakevenCommand(program, ctx);
  addSensitivityCommand(program, ctx);
  addExactCommand(program, ctx);
  addReportCommand(program, ctx);
  addCheckCommand(program, ctx);
  addValidateCommand(program, ctx);
  addDiffCommand(program, ctx);
  addInitCommand(program, ctx);
  addSchemaCommand(program, ctx);
  return program;
}

/**
 * Runs the CLI and returns the exit code: 0 success, 1 a check or validation found
 * problems, 2 a usage error or an unreadable or invalid profile, 3 a bug.
 */
export async function main(argv: readonly string[], rawIo: Io): Promise<number> {
  let lost = false;
  // Results written to a closed stdout are lost: say so once at the end, and fail.
  const io: Io = rawIo.stdoutClosed
    ? {
        ...rawIo,
        out: () => {
          lost = true;
        },
      }
    : rawIo;
  const code = await runProgram(argv, io);
  if (!lost) return code;
  io.err('error: stdout is closed, so the output was lost — redirect it to a file (> out.txt) or use -o FILE\n');
  return Math.max(code, 2);
}

async function runProgram(argv: readonly string[], io: Io): Promise<number> {
  // The same test chalk makes; commander also declares --no-color so it is accepted anywhere.
  const colourFlag = !argv.includes('--no-color');
  let exitCode = 0;
  const ctx: Context = {
    setExitCode: (code) => {
      exitCode = code;
    },
    io,
    theme: (file) => themeFor(file === undefined || file === '-' ? colourLevel(io, colourFlag, io.stdoutIsTTY) : 0),
  };
  const program = makeProgram(ctx);
  try {
    refuseUnknownHelpTopic(program, argv);
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (e) {
    return reportFailure(e, io);
  }
}

/** `help rn`: commander would print the general help; say instead that there is no such command, and suggest one. */
function refuseUnknownHelpTopic(program: Command, argv: readonly string[]): void {
  if (argv[0] !== 'help' || argv[1] === undefined || argv[1].startsWith('-')) return;
  const names = program.commands.map((c) => c.name());
  if (names.includes(argv[1])) return;
  const guess = closest(argv[1], names);
  throw new CliError(
    2,
    `unknown command ${JSON.stringify(argv[1])} — ${guess ? `did you mean ${guess}?` : `the commands are ${names.join(', ')}`}`,
  );
}

/** The exit code for a failed command, after saying why on stderr (never a stack trace). */
export function reportFailure(e: unknown, io: Io): number {
  if (e instanceof CommanderError) {
    // commander uses 1 for its own errors; usage errors are 2 here.
    return e.exitCode === 0 ? 0 : 2;
  }
  if (e instanceof CliError) {
    for (const line of e.details) io.err(`${printable(line)}\n`);
    io.err(`${printable(e.details.length > 0 ? e.message : `error: ${e.message}`)}\n`);
    return e.exitCode;
  }
  const err = e as Error;
  io.err(
    `supportcast ${VERSION}: internal error: ${err?.message ?? String(e)}\n` +
      'This is a bug in supportcast, not in your profile. Please report it with the command you ran.\n',
  );
  return EXIT_INTERNAL;
}
