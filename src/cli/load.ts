import type { LoadedProfile, Problem } from '../profile/load.js';
import type { CheckProblem } from '../report/check.js';
import { printable } from '../report/format.js';
import { CliError } from './errors.js';
import { type InputFile, type Io, readInput } from './io.js';

export interface ProfileInput {
  readonly input: InputFile;
  readonly loaded: LoadedProfile;
}

/** `error: FILE:LINE:COL PATH: what is wrong — how to fix it`, printable whatever the file name or --set holds. */
export function problemLine(label: string, p: Problem): string {
  if (p.override !== undefined) return printable(`error: --set ${p.override}: ${p.path}: ${p.message}`);
  return printable(`error: ${label}:${p.line}:${p.col} ${p.path}: ${p.message}`);
}

export function problemCount(label: string, n: number): string {
  return `${n} problem${n === 1 ? '' : 's'} in ${label}`;
}

export type ProfileAttempt = { ok: true; value: ProfileInput } | { ok: false; label: string; problems: CheckProblem[] };

/** A profile problem as data for validate and check: no position when the file cannot be read. */
function asCheckProblem(p: Problem): CheckProblem {
  return { line: p.line, col: p.col, path: p.path, message: p.message, ...(p.override === undefined ? {} : { override: p.override }) };
}

/** The line validate and check print for a problem: `error: FILE:LINE:COL PATH: …`, or `error: MESSAGE` when it has no place. */
export function fileProblemLine(label: string, p: CheckProblem): string {
  if (p.line === null) return printable(`error: ${p.message}`);
  return problemLine(label, {
    line: p.line,
    col: p.col ?? 0,
    path: p.path ?? '',
    message: p.message,
    ...(p.override === undefined ? {} : { override: p.override }),
  });
}

/** Reads and validates one profile, returning its problems rather than throwing. */
export async function tryReadProfile(path: string, io: Io, overrides: readonly string[]): Promise<ProfileAttempt> {
  try {
    return { ok: true, value: await readProfile(path, io, 1, overrides) };
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    const label = path === '-' ? '<stdin>' : path;
    if (e.problems.length === 0) return { ok: false, label, problems: [{ line: null, col: null, path: null, message: e.message }] };
    return { ok: false, label, problems: e.problems.map(asCheckProblem) };
  }
}

/** Reads and validates one profile; a broken one becomes a CliError with one line per problem. */
export async function readProfile(path: string, io: Io, exitCode: number, overrides: readonly string[] = []): Promise<ProfileInput> {
  const { loadProfile } = await import('../profile/load.js');
  const input = readInput(path, io);
  const result = loadProfile(input.text, overrides);
  if (!result.ok) {
    throw new CliError(
      exitCode,
      problemCount(input.label, result.problems.length),
      result.problems.map((p) => problemLine(input.label, p)),
      result.problems,
    );
  }
  return { input, loaded: result.value };
}
