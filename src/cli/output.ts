import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CliError } from './errors.js';
import type { Io } from './io.js';

/**
 * Writes a command's result to stdout, or to `file` atomically: a temporary file in the
 * same folder, then a rename, so a reader never sees half a report.
 */
export function emit(io: Io, text: string, file: string | undefined): void {
  if (file === undefined || file === '-') {
    io.out(text);
    return;
  }
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new CliError(2, `cannot write ${file}: ${(e as Error).message}`);
  }
}
