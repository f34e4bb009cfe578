#!/usr/bin/env node
import { fstatSync, readFileSync, statSync } from 'node:fs';
import { readBounded } from './io.js';
import { main } from './program.js';

/**
 * Node reopens a closed stdout (`>&-`) on /dev/null, read-write, before any script runs, so
 * writes "succeed" and the report is lost. A shell's `> /dev/null` opens it write-only:
 * the access mode in /proc tells the two apart (Linux; elsewhere we cannot tell).
 */
function stdoutWasClosed(): boolean {
  try {
    const st = fstatSync(1);
    const devNull = statSync('/dev/null');
    if (!st.isCharacterDevice() || st.rdev !== devNull.rdev) return false;
    const flags = /^flags:\s+([0-7]+)$/m.exec(readFileSync('/proc/self/fdinfo/1', 'utf8'));
    return flags !== null && (Number.parseInt(flags[1]!, 8) & 3) === 2;
  } catch {
    return false;
  }
}

// A reader that goes away (`| head -1`) ends our output quietly, as for any Unix tool; the
// command still finishes and returns its own exit code.
let stdoutOpen = true;
let stderrOpen = true;
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') stdoutOpen = false;
  else throw e;
});
process.stderr.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') stderrOpen = false;
  else throw e;
});

// Ctrl-C: leave a clean line where a progress bar was, then stop as an interrupted program does.
process.on('SIGINT', () => {
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  process.exit(130);
});

process.exitCode = await main(process.argv.slice(2), {
  out: (s) => {
    if (stdoutOpen) process.stdout.write(s);
  },
  err: (s) => {
    if (stderrOpen) process.stderr.write(s);
  },
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  stdoutClosed: stdoutWasClosed(),
  env: process.env,
  readStdin: () => readBounded(0, '<stdin>').toString('utf8'),
});
