import { purposeKey, unit53 } from './hash.js';
import { exp } from './libm.js';
import { type Amount, FIXED, type Input, LOGNORMAL, TRIANGULAR, unknownKind } from './model.js';
import { probit, triangularAt } from './samplers.js';

/** The amount's quantile at probability u: one uniform per draw, whatever the kind. */
export function amountAt(x: Amount, u: number): number {
  switch (x.kind) {
    case FIXED:
      return x.a;
    case LOGNORMAL:
      return exp(x.a + x.b * probit(u));
    case TRIANGULAR:
      return triangularAt(u, x.a, x.b, x.c);
    default:
      return unknownKind(x.kind);
  }
}

/**
 * One value per trial first … first + n − 1 of a per-trial input, each the input's quantile
 * at the uniform addressed by (seed, the input's key, trial) (docs/model.md §1 v2): the same
 * trial gets the same draw in any block, on any thread, and a quantile moves monotonically
 * with the input's parameters.
 */
export function drawPerTrial(input: Input, seed: number, first: number, n: number): Float64Array {
  const out = new Float64Array(n);
  const x = input.amount;
  if (x.kind === FIXED) return out.fill(x.a);
  const key = purposeKey(seed, input.key);
  for (let i = 0; i < n; i++) out[i] = amountAt(x, unit53(key, first + i, 0));
  return out;
}
