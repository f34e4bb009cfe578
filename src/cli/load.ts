import type { LoadedProfile, Problem } from '../profile/load.js';
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

/** One problem with one file, as validate and check report them. */
export interface FileProblem {
  readonly file: string;
  readonly problem: Problem | undefined;
  /** The whole line for problems without a position (unreadable file, --set). */
  readonly text: string;
}

export type ProfileAttempt = { ok: true; value: ProfileInput } | { ok: false; label: string; problems: FileProblem[] };

/** Reads and validates one profile, returning its problems rather than throwing. */
export async function tryReadProfile(path: string, io: Io, overrides: readonly string[]): Promise<ProfileAttempt> {
  try {
    return { ok: true, value: await readProfile(path, io, 1, overrides) };
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    const label = path === '-' ? '<stdin>' : path;
    if (e.problems.length === 0) return { ok: false, label, problems: [{ file: label, problem: undefined, text: `error: ${e.message}` }] };
    return { ok: false, label, problems: e.problems.map((p) => ({ file: label, problem: p, text: problemLine(label, p) })) };
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
