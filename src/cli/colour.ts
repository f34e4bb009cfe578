import { Chalk } from 'chalk';
import { PLAIN, type Theme } from '../report/theme.js';
import type { Io } from './io.js';

/**
 * Colour only on a terminal, and never with NO_COLOR (chalk 5 ignores it), --no-color,
 * TERM=dumb or FORCE_COLOR=0. FORCE_COLOR=1..3 turns it on even on a pipe.
 */
export function colourLevel(io: Io, colourFlag: boolean, tty: boolean): 0 | 1 | 2 | 3 {
  const env = io.env;
  if (!colourFlag || (env['NO_COLOR'] ?? '') !== '' || env['TERM'] === 'dumb') return 0;
  const force = env['FORCE_COLOR'];
  if (force !== undefined && force !== '')
    return force === '0' || force === 'false' ? 0 : (Math.min(3, Math.max(1, Number(force) || 1)) as 1 | 2 | 3);
  if (!tty) return 0;
  return /256|truecolor|24bit/.test(`${env['TERM'] ?? ''} ${env['COLORTERM'] ?? ''}`) ? 2 : 1;
}

export function themeFor(level: number): Theme {
  if (level === 0) return PLAIN;
  const c = new Chalk({ level: level as 1 | 2 | 3 });
  return { heading: c.bold, highlight: c.green.bold, dim: c.dim, warn: c.yellow, unicode: true };
}
