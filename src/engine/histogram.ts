import { floorLog10, pow10 } from './libm.js';
/**
 * Equal-width histograms on an axis shared by several distributions, so their shapes can be
 * compared at a glance ("steady" against "spiky"). Values beyond the axis count in the end
 * bins, so every histogram's counts sum to its number of values.
 */

export interface Axis {
  readonly lo: number;
  readonly hi: number;
  readonly bins: number;
}

/** The bin a value falls in: 0 … bins − 1, with values outside [lo, hi] in the end bins. */
export function binOf(x: number, axis: Axis): number {
  const k = Math.floor(((x - axis.lo) / (axis.hi - axis.lo)) * axis.bins);
  return Math.min(axis.bins - 1, Math.max(0, k));
}

export function histogramCounts(values: ArrayLike<number>, axis: Axis): number[] {
  const counts = new Array<number>(axis.bins).fill(0);
  for (let i = 0; i < values.length; i++) counts[binOf(values[i]!, axis)]! += 1;
  return counts;
}

/** The smallest of 1, 2, 2.5, 5 × 10^k at least `x`: a step an axis label reads easily. */
export function niceStep(x: number): number {
  if (!(x > 0)) return 1;
  const p = pow10(floorLog10(x));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= x * (1 - 1e-12)) return m * p;
  return 10 * p;
}

/**
 * An axis from `low` to `high` on round numbers: the ends are multiples of a nice step of a
 * tenth of the range, so labels like $50,000 … $400,000 need no cents. A range of one value
 * gets a width of its own.
 */
export function niceAxis(low: number, high: number, bins: number): Axis {
  const span = high - low;
  const step = niceStep(span > 0 ? span / 10 : Math.max(1, Math.abs(low) / 10));
  const lo = Math.floor(low / step) * step;
  let hi = Math.ceil(high / step) * step;
  if (hi <= lo) hi = lo + step;
  return { lo, hi, bins };
}
