import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { closest } from '../profile/paths.js';
import { CliError } from './errors.js';

/** Where the CLI writes and what it knows of its surroundings; tests pass their own. */
export interface Io {
  out(s: string): void;
  err(s: string): void;
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readStdin(): string;
}

export interface InputFile {
  /** As the user typed it; null for stdin. */
  readonly file: string | null;
  /** What error lines call it. */
  readonly label: string;
  readonly text: string;
  readonly sha256: string;
}

function suggestion(path: string): string {
  try {
    const dir = dirname(path);
    const guess = closest(basename(path), readdirSync(dir));
    return guess ? ` — did you mean ${join(dir, guess)}?` : ' — check the path';
  } catch {
    return ' — check the path';
  }
}

/** Reads a profile, `-` meaning stdin; a failure is a user's mistake, not a crash. */
export function readInput(path: string, io: Io): InputFile {
  let bytes: Buffer;
  try {
    bytes = path === '-' ? Buffer.from(io.readStdin(), 'utf8') : readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? `no such file${suggestion(path)}` : code === 'EISDIR' ? 'it is a directory — name a .yaml file' : (e as Error).message;
    throw new CliError(2, `cannot read ${path}: ${why}`);
  }
  return {
    file: path === '-' ? null : path,
    label: path === '-' ? '<stdin>' : path,
    text: bytes.toString('utf8'),
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}
