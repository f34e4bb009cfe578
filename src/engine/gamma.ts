import { exp, log, powInt } from './libm.js';
import { logGamma } from './special.js';

/**
 * The gamma distribution's CDF and quantile, for the bad-year factor (docs/model.md §3). Hand-
 * written: no small, well-kept package has the inverse incomplete gamma (simple-statistics has
 * neither; jStat brings a whole numerics library for two functions). The methods are the
 * standard ones, each tested against closed forms (the exponential, chi-square tables).
 */

const EPSILON = 1e-15;
const TINY = 1e-300;

/** P(a, x) by its series, for x < a + 1 (Numerical Recipes §6.2, gser). */
function seriesP(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < 10_000; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPSILON) break;
  }
  return sum * exp(-x + a * log(x) - logGamma(a));
}

/** Q(a, x) = 1 − P(a, x) by its continued fraction (modified Lentz), for x ≥ a + 1 (gcf). */
function fractionQ(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return exp(-x + a * log(x) - logGamma(a)) * h;
}

/** The regularised lower incomplete gamma P(a, x): the CDF at x of a gamma of shape a and scale 1. */
export function gammaP(a: number, x: number): number {
  if (!(x > 0)) return 0;
  return x < a + 1 ? seriesP(a, x) : 1 - fractionQ(a, x);
}

/**
 * The p-quantile of a gamma of shape a ≥ 1 and scale 1: Newton's method on P from the
 * Wilson–Hilferty start, kept inside a bracket that bisection narrows whenever a step would
 * leave it, so it always converges (to about 1e-13 relative).
 */
export function gammaQuantile(a: number, p: number): number {
  if (p <= 0) return 0;
  if (p >= 1) return Number.POSITIVE_INFINITY;
  // Wilson–Hilferty: (X / a)^(1/3) is nearly normal with mean 1 − 1/(9a) and variance 1/(9a).
  const z = normalQuantile(p);
  let x = Math.max(1e-10, a * powInt(1 - 1 / (9 * a) + z / (3 * Math.sqrt(a)), 3));
  let lo = 0;
  let hi = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 200; i++) {
    const f = gammaP(a, x) - p;
    if (f < 0) lo = x;
    else hi = x;
    const density = exp((a - 1) * log(x) - x - logGamma(a));
    let next = density > 0 ? x - f / density : Number.NaN;
    if (!(next > lo && next < hi)) next = Number.isFinite(hi) ? (lo + hi) / 2 : 2 * x + 1;
    if (Math.abs(next - x) <= 1e-14 * Math.max(1, x)) return next;
    x = next;
  }
  return x;
}

/** Acklam's rational approximation of the normal quantile (relative error below 1.2e-9): a start for Newton. */
function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * log(p));
    return (
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1)
    );
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

/** The largest bad-year P90 (docs/model.md §3): a mean-1 gamma of shape 1, the exponential, has P90 ln 10. */
export const MAX_BAD_YEAR_P90 = Math.LN10;

/**
 * The shape k ≥ 1 of the mean-1 gamma (scale 1/k) whose 90th percentile is `p90`, in (1, ln 10]:
 * the P90 falls from ln 10 at k = 1 towards 1 as k grows, so bisection on log k finds it.
 */
export function badYearShape(p90: number): number {
  if (!(p90 > 1)) throw new RangeError(`bad_year p90 must be above 1, got ${p90}`);
  const at = (k: number) => gammaQuantile(k, 0.9) / k;
  if (p90 >= at(1)) return 1;
  let lo = 0;
  let hi = log(1e9);
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (at(exp(mid)) > p90) lo = mid;
    else hi = mid;
  }
  return exp((lo + hi) / 2);
}

/** The bad-year factor at probability u: the mean-1 gamma's quantile (by inversion, so it moves monotonically with u). */
export function badYearFactor(shape: number, u: number): number {
  return gammaQuantile(shape, u) / shape;
}
