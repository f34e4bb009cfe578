import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, type Stats, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { formatLimit, LIMITS } from '../profile/limits.js';
import { closest } from '../profile/paths.js';
import { CliError } from './errors.js';

/** Where the CLI writes and what it knows of its surroundings; tests pass their own. */
export interface Io {
  out(s: string): void;
  err(s: string): void;
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  /** stdout was closed when the process started (`>&-`): whatever is written there is lost. */
  readonly stdoutClosed?: boolean;
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

const stem = (name: string) => name.replace(/\.ya?ml$/i, '').toLowerCase();

/**
 * The file in the same folder the user most likely meant: one whose name starts with or
 * contains what was typed (dental.yaml → dental-clinic.yaml), else the nearest by edit
 * distance; profiles (.yaml, .yml) first.
 */
export function nearestFile(typed: string, names: readonly string[]): string | undefined {
  const want = stem(typed);
  const profiles = names.filter((n) => /\.ya?ml$/i.test(n));
  const pool = profiles.length > 0 ? profiles : names;
  const containing = pool.filter((n) => want.length >= 3 && (stem(n).startsWith(want) || stem(n).includes(want)));
  if (containing.length > 0) return [...containing].sort((a, b) => a.length - b.length || a.localeCompare(b))[0];
  return closest(typed, pool);
}

function suggestion(path: string): string {
  try {
    const dir = dirname(path);
    const guess = nearestFile(basename(path), readdirSync(dir));
    return guess ? ` — did you mean ${join(dir, guess)}?` : ' — check the path';
  } catch {
    return ' — check the path';
  }
}

const TOO_LARGE = `larger than ${formatLimit(LIMITS.profileBytes / 2 ** 20)} MiB — a profile is a few kilobytes; check that this is the right file`;
/** How long a FIFO may stay without a writer or data before the read gives up. */
const FIFO_PATIENCE_MS = 10_000;
const POLL_MS = 10;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

function sleep(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

/**
 * Reads at most LIMITS.profileBytes from an open descriptor, so `/dev/zero` or a huge file
 * is refused after a megabyte instead of filling memory. A FIFO or pipe that has no data
 * yet is polled (non-blocking) for a while, then given up on, so the run never hangs.
 */
export function readBounded(fd: number, what: string, fifoPatienceMs = 0): Buffer {
  const limit = LIMITS.profileBytes;
  // A named FIFO gives up after its patience; stdin waits as long as its writer takes, as cat does.
  const patience = fifoPatienceMs > 0 ? fifoPatienceMs : Number.POSITIVE_INFINITY;

  const chunks: Buffer[] = [];
  let total = 0;
  let waited = 0;
  const st = fstatSync(fd);
  if (st.isFile() && st.size > limit) throw new CliError(2, `cannot read ${what}: ${TOO_LARGE}`);
  // Only a FIFO we opened without blocking reads 0 for "no writer yet"; elsewhere 0 is the end.
  const polled = fifoPatienceMs > 0 && st.isFIFO();
  for (;;) {
    const buf = Buffer.allocUnsafe(64 * 1024);
    let n: number;
    try {
      n = readSync(fd, buf, 0, buf.length, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      if (waited >= patience)
        throw new CliError(2, `cannot read ${what}: no data arrived in ${patience / 1000} s — is anything writing to it?`);
      sleep(POLL_MS);
      waited += POLL_MS;
      continue;
    }
    // On a FIFO opened without blocking, 0 before any data means "no writer yet".
    if (n === 0 && polled && total === 0 && waited < patience) {
      sleep(POLL_MS);
      waited += POLL_MS;
      continue;
    }
    if (n === 0) break;
    total += n;
    if (total > limit) throw new CliError(2, `cannot read ${what}: ${TOO_LARGE}`);
    chunks.push(buf.subarray(0, n));
    waited = 0;
  }
  if (total === 0 && polled && waited >= patience) {
    throw new CliError(2, `cannot read ${what}: nothing was written to it in ${patience / 1000} s — is anything writing to it?`);
  }
  return Buffer.concat(chunks);
}

/** A file's identity (device and inode), to tell whether an output would overwrite an input. */
export interface FileIdentity {
  readonly dev: number;
  readonly ino: number;
}

export const identityOf = (st: Stats): FileIdentity => ({ dev: st.dev, ino: st.ino });

function readFileBounded(path: string): Buffer {
  // Non-blocking, so opening a FIFO that has no writer returns at once instead of hanging.
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    if (fstatSync(fd).isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    return readBounded(fd, path, FIFO_PATIENCE_MS);
  } finally {
    closeSync(fd);
  }
}

const READ_ERRORS: Record<string, string> = {
  EISDIR: 'it is a folder — name a .yaml file',
  EACCES: 'permission denied — check the file’s permissions',
  EPERM: 'permission denied — check the file’s permissions',
  ENOTDIR: 'a part of the path is not a folder — check the path',
  ELOOP: 'too many symbolic links — check where the link points',
  ENAMETOOLONG: 'the name is too long — check the path',
};

/** Reads a profile, `-` meaning stdin; a failure is a user's mistake, not a crash. */
export function readInput(path: string, io: Io): InputFile {
  let bytes: Buffer;
  try {
    bytes = path === '-' ? Buffer.from(io.readStdin(), 'utf8') : readFileBounded(path);
  } catch (e) {
    if (e instanceof CliError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? '';
    const why =
      code === 'ENOENT'
        ? `no such file${suggestion(path)}`
        : (READ_ERRORS[code] ?? `the system refused it (${code || 'unknown error'}) — check the file`);
    throw new CliError(2, `cannot read ${path}: ${why}`);
  }
  return {
    file: path === '-' ? null : path,
    label: path === '-' ? '<stdin>' : path,
    text: bytes.toString('utf8'),
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

/** A file, or a link to one: a folder named like a profile is not a profile. */
function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Profile arguments with each folder replaced by the .yaml and .yml files in it, sorted by
 * name (not recursive); everything else is left for readInput to read or report.
 */
export function expandFolders(paths: readonly string[]): string[] {
  return paths.flatMap((p) => {
    let folder = false;
    try {
      folder = p !== '-' && statSync(p).isDirectory();
    } catch {
      return [p];
    }
    if (!folder) return [p];
    const files = readdirSync(p)
      .filter((f) => /\.ya?ml$/i.test(f))
      .sort()
      .map((f) => join(p, f))
      .filter(isFile);
    if (files.length === 0) throw new CliError(2, `${p} has no .yaml or .yml files — name the profiles, or a folder that holds some`);
    return files;
  });
}
