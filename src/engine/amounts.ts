import { FIXED, LOGNORMAL, type Amount } from './model.js';
import { blockStream } from './rng.js';
import { probit, triangularAt } from './samplers.js';

/** The amount's quantile at probability u (one uniform per draw, whatever the kind). */
export function amountAt(x: Amount, u: number): number {
  if (x.kind === FIXED) return x.a;
  if (x.kind === LOGNORMAL) return Math.exp(x.a + x.b * probit(u));
  return triangularAt(u, x.a, x.b, x.c);
}

/**
 * Draws one value per trial of a block for a per-trial input. Each input has a stream of
 * its own, named by `key`, so making one input uncertain never moves another's draws.
 */
export function drawPerTrial(x: Amount, n: number, seed: number, block: number, key: string): Float64Array {
  const out = new Float64Array(n);
  if (x.kind === FIXED) return out.fill(x.a);
  const s = blockStream(seed, block, key);
  for (let i = 0; i < n; i++) out[i] = amountAt(x, s.u());
  return out;
}

/**
 * Billable hours for H hours of labour: the minimum, else H rounded up to the increment.
 * The 1e-9 keeps exact multiples (2.1 h at 0.3 h) from billing an extra step.
 */
export function billedHours(hours: number, minimumHours: number, incrementHours: number): number {
  const rounded = incrementHours > 0 ? Math.ceil(hours / incrementHours - 1e-9) * incrementHours : hours;
  return rounded > minimumHours ? rounded : minimumHours;
}
