import type { LoadedProfile, Problem } from '../profile/load.js';
import { CliError } from './errors.js';
import { readInput, type InputFile, type Io } from './io.js';

export interface ProfileInput {
  readonly input: InputFile;
  readonly loaded: LoadedProfile;
}

export function problemLine(label: string, p: Problem): string {
  return `error: ${label}:${p.line}:${p.col} ${p.path}: ${p.message}`;
}

export function problemCount(label: string, n: number): string {
  return `${n} problem${n === 1 ? '' : 's'} in ${label}`;
}

/** Reads and validates one profile; a broken one becomes a CliError with one line per problem. */
export async function readProfile(path: string, io: Io, exitCode: number): Promise<ProfileInput> {
  const { loadProfile } = await import('../profile/load.js');
  const input = readInput(path, io);
  const result = loadProfile(input.text);
  if (!result.ok) {
    throw new CliError(
      exitCode,
      problemCount(input.label, result.problems.length),
      result.problems.map((p) => problemLine(input.label, p)),
    );
  }
  return { input, loaded: result.value };
}
