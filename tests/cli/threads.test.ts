import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { executionFor, wantsProgressBar } from '../../src/cli/execute.js';
import type { Io } from '../../src/cli/io.js';
import { loadProfile } from '../../src/profile/load.js';
import { InThreadExecutor } from '../../src/run/executor.js';
import { PARALLEL_THRESHOLD, workOf } from '../../src/run/work.js';
import { WorkerPool } from '../../src/run/worker-pool.js';
import { runCli } from '../helpers/cli.js';

const MULTI = 'scenarios/multisite-150.yaml';

function multisite() {
  const r = loadProfile(readFileSync(MULTI, 'utf8'));
  if (!r.ok) throw new Error('invalid scenario');
  return r.value;
}

describe('threads', { tags: ['slow'] }, () => {
  it('give byte-identical JSON for --threads 1 and 2', async () => {
    const outputs = [];
    for (const threads of ['1', '2']) {
      const r = await runCli(['run', MULTI, '--trials', '3500', '--json', '--threads', threads]);
      expect(r.code).toBe(0);
      outputs.push(r.stdout);
    }
    expect(outputs[1]).toBe(outputs[0]);
  });

  it('stay on one thread for a small run', () => {
    const { model } = multisite();
    const exec = executionFor({ stderrIsTTY: false } as Io, { threads: 4 }, 'json');
    expect(workOf(model, { trials: 100, months: 12 })).toBeLessThan(PARALLEL_THRESHOLD);
    expect(exec.executorFor(workOf(model, { trials: 100, months: 12 }))).toBeInstanceOf(InThreadExecutor);
    expect(exec.executorFor(workOf(model, { trials: 3500, months: 12 }))).toBeInstanceOf(WorkerPool);
    return exec.close();
  });
});

// The bar is for runs of over a second, so these run a shipped scenario whole: end-to-end
// (docs/architecture.md, Tests). When it is wanted is tested below, in npm test.
describe('progress bar on a long run', { tags: ['slow', 'e2e'] }, () => {
  it('shows on a terminal\u2019s stderr for a long table run, and is erased at the end', async () => {
    const r = await runCli(['run', MULTI, '--threads', '1', '--trials', '10000'], { tty: true, env: { NO_COLOR: '1' } });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^\rsimulating Meridian Supply Co\. ▕█*░*▏ \d+%/);
    // The time left, once there is a pace to go by.
    expect(r.stderr).toMatch(/▏ \d+% · about \d+ s left\x1b\[K/);
    expect(r.stderr).toContain('▕██████████████████████████████▏ 100%');
    expect(r.stderr.endsWith('\r\x1b[K')).toBe(true);
    expect(r.stdout).not.toContain('▕');
  });

  it('covers a whole compare with one bar', async () => {
    const r = await runCli(['compare', MULTI, MULTI, '--threads', '1', '--trials', '6000'], { tty: true, env: { NO_COLOR: '1' } });
    expect(r.code).toBe(0);
    const shares = [...r.stderr.matchAll(/simulating 2 profiles ▕[█░]+▏ (\d+)%/g)].map((m) => Number(m[1]));
    expect(shares.length).toBeGreaterThan(2);
    expect(shares).toEqual([...shares].sort((a, b) => a - b)); // one bar, rising across both profiles
    expect(shares.at(-1)).toBe(100);
    expect(r.stderr.endsWith('\r\x1b[K')).toBe(true);
  });
});

describe('progress bar', { tags: ['slow'] }, () => {
  it('never shows with --quiet, machine formats, pipes or short runs', () => {
    const big = 30_000_000;
    const exec = (progress: boolean, threads = 1) => executionFor({ stderrIsTTY: progress } as Io, { threads }, 'table');
    expect(wantsProgressBar(big, exec(true))).toBe(true);
    expect(wantsProgressBar(big, exec(false))).toBe(false); // --quiet, JSON/CSV/Markdown, or stderr not a TTY
    expect(wantsProgressBar(big, exec(true, 2))).toBe(false); // two threads make it short
    expect(wantsProgressBar(1_000_000, exec(true))).toBe(false);
  });

  it('is wanted only for table output on a terminal without --quiet', () => {
    const io = (tty: boolean) => ({ stderrIsTTY: tty }) as Io;
    expect(executionFor(io(true), { threads: 2 }, 'table').progress).toBe(true);
    expect(executionFor(io(true), { threads: 2, quiet: true }, 'table').progress).toBe(false);
    expect(executionFor(io(false), { threads: 2 }, 'table').progress).toBe(false);
    for (const format of ['json', 'csv', 'markdown']) expect(executionFor(io(true), { threads: 2 }, format).progress).toBe(false);
  });

  it('is off for JSON even on a terminal', async () => {
    const r = await runCli(['run', MULTI, '--threads', '1', '--trials', '2000', '--json'], { tty: true });
    expect(r.stderr).toBe('');
  });
});

describe('SUPPORTCAST_THREADS', () => {
  it('sets the default for --threads, refuses what is not a count in one line, and gives the same numbers', async () => {
    const argv = ['run', 'scenarios/office-5.yaml', '--trials', '3000', '--json'];
    const two = await runCli(argv, { env: { SUPPORTCAST_THREADS: '2' } });
    const flag = await runCli([...argv, '--threads', '1'], { env: { SUPPORTCAST_THREADS: 'lots' } });
    expect(two.code, two.stderr).toBe(0);
    // An explicit --threads wins, so the bad value is never read.
    expect(flag.code, flag.stderr).toBe(0);
    expect(two.stdout).toBe(flag.stdout);
    const bad = await runCli(argv, { env: { SUPPORTCAST_THREADS: 'lots' } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('error: SUPPORTCAST_THREADS must be a whole number from 1, got "lots" — e.g. SUPPORTCAST_THREADS=2\n');
  });
});
