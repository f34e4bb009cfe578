import type { Problem } from '../profile/load.js';

/** A failure the user can fix; carries the exit code and the lines to print on stderr. */
export class CliError extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
    /** Further lines (one per problem) printed before the message. */
    readonly details: readonly string[] = [],
    /** The profile problems behind the details, for commands that report them as data. */
    readonly problems: readonly Problem[] = [],
  ) {
    super(message);
  }
}

/** Exit code for a crash: a bug in supportcast, not in the user's input. */
export const EXIT_INTERNAL = 3;
