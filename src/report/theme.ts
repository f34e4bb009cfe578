/** Colour as plain string functions, decided by the CLI; renderers never import chalk. */
export interface Theme {
  readonly heading: (s: string) => string;
  readonly highlight: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly warn: (s: string) => string;
  /** Whether pictures may use Unicode block characters (▁▂▃█); ASCII when colour is off or the output is not a terminal. */
  readonly unicode: boolean;
}

const same = (s: string) => s;

export const PLAIN: Theme = { heading: same, highlight: same, dim: same, warn: same, unicode: false };
