import { randomBytes } from 'node:crypto';
import { chmodSync, fstatSync, lstatSync, readlinkSync, renameSync, rmSync, type Stats, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { CliError } from './errors.js';
import { type FileIdentity, type Io, identityOf } from './io.js';

const WRITE_ERRORS: Record<string, string> = {
  EACCES: 'permission denied — choose a folder you can write to',
  EPERM: 'permission denied — choose a folder you can write to',
  ENOENT: 'its folder does not exist — create the folder first',
  ENOTDIR: 'a part of the path is not a folder — check the path',
  EISDIR: 'it is a folder — name a file inside it',
  ENOSPC: 'the disk is full — free some space',
  EDQUOT: 'the disk quota is used up — free some space',
  EROFS: 'the file system is read-only — write somewhere else',
  ELOOP: 'too many symbolic links — check where the link points',
  ENAMETOOLONG: 'the name is too long — use a shorter one',
  ENXIO: 'nothing is reading from it — start the reader first',
};

function writeFailure(file: string, e: unknown): CliError {
  const code = (e as NodeJS.ErrnoException).code ?? '';
  return new CliError(
    2,
    `cannot write ${file}: ${WRITE_ERRORS[code] ?? `the system refused it (${code || 'unknown error'}) — check the path and the disk`}`,
  );
}

function statOrUndefined(stat: (p: string) => Stats, path: string): Stats | undefined {
  try {
    return stat(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** Where a chain of symbolic links ends, followed by hand so a dangling link still names its target. */
function linkTarget(path: string): string {
  let current = path;
  for (let hops = 0; hops < 40; hops++) {
    const st = statOrUndefined(lstatSync, current);
    if (!st?.isSymbolicLink()) return current;
    const next = readlinkSync(current);
    current = isAbsolute(next) ? next : resolve(dirname(current), next);
  }
  throw Object.assign(new Error('loop'), { code: 'ELOOP' });
}

/** Paths that name an open descriptor (/dev/stdout, /proc/self/fd/1): always written in place. */
const DESCRIPTOR_PATH = /^\/(dev\/(stdout|stderr|fd\/)|proc\/[^/]+\/fd\/)/;

/** Writes `text` to `target` through a temporary file in its folder and a rename, keeping its mode. */
function writeAtomically(target: string, text: string, mode: number | undefined): void {
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, text, { flag: 'wx' });
    if (mode !== undefined) chmodSync(tmp, mode);
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * Writes a command's result to a file without destroying what it should not:
 * - a regular file or a new path is replaced atomically (a reader never sees half a report);
 * - a device, FIFO or socket, and /dev/stdout-like paths, are written in place (never
 *   replaced by a regular file);
 * - a symbolic link writes its target (atomically, in the target's folder), never the link.
 */
function writeFile(file: string, text: string): void {
  if (DESCRIPTOR_PATH.test(resolve(file))) {
    writeFileSync(file, text);
    return;
  }
  const target = linkTarget(file);
  const st = statOrUndefined(statSync, target);
  if (st === undefined) writeAtomically(target, text, undefined);
  else if (st.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
  else if (st.isFile()) writeAtomically(target, text, st.mode & 0o7777);
  else writeFileSync(target, text);
}

/** Writes a command's result to stdout, or safely to `file` (see writeFile). */
export function emit(io: Io, text: string, file: string | undefined): void {
  if (file === undefined || file === '-') {
    io.out(text);
    return;
  }
  try {
    writeFile(file, text);
  } catch (e) {
    throw writeFailure(file, e);
  }
}

function inputIdentity(path: string): FileIdentity | undefined {
  try {
    return identityOf(path === '-' ? fstatSync(0) : statSync(path));
  } catch {
    return undefined;
  }
}

/**
 * Refuses an `-o` that would overwrite one of the command's inputs (the same file, by
 * device and inode, whatever the path or link used), or that cannot be a file name.
 * Called before any work, so a mistake costs nothing.
 */
export function checkOutput(file: string | undefined, inputs: readonly string[]): void {
  if (file === undefined || file === '-') return;
  if (file === '') throw new CliError(2, '-o needs a file name — give a path, or - for stdout');
  let out: Stats | undefined;
  try {
    out = statOrUndefined(statSync, file);
  } catch {
    return; // unreadable here; the write itself will say why
  }
  if (out === undefined) return;
  if (out.isDirectory()) throw new CliError(2, `cannot write ${file}: it is a folder — name a file inside it`);
  // /dev/null and other devices are shared by everything; only real files can be "the input".
  if (!out.isFile()) return;
  const same = inputs.find((p) => {
    const id = inputIdentity(p);
    return id !== undefined && id.dev === out.dev && id.ino === out.ino;
  });
  if (same !== undefined) {
    throw new CliError(2, `-o ${file} is the profile being read (${same === '-' ? 'stdin' : same}) — write the result to another file`);
  }
}
