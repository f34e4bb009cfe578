#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { main } from './program.js';

process.exitCode = await main(process.argv.slice(2), {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  env: process.env,
  readStdin: () => readFileSync(0, 'utf8'),
});
