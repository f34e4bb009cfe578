import { main } from '../../src/cli/program.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  env?: Record<string, string | undefined>;
  tty?: boolean;
  stdin?: string;
}

/** Runs the CLI in-process with captured streams. */
export async function runCli(argv: string[], opts: CliOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    out: (s) => {
      stdout += s;
    },
    err: (s) => {
      stderr += s;
    },
    stdoutIsTTY: opts.tty ?? false,
    stderrIsTTY: opts.tty ?? false,
    // One thread unless a test asks for more: two test files run at once on two cores, and for
    // the small runs of tests a worker pool costs more to start than it saves (the numbers are the same).
    env: { SUPPORTCAST_THREADS: '1', ...opts.env },
    readStdin: () => {
      if (opts.stdin === undefined) throw Object.assign(new Error('no stdin'), { code: 'EAGAIN' });
      return opts.stdin;
    },
  });
  return { code, stdout, stderr };
}
