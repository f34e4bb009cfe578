import type { Stream } from './rng.js';

/**
 * Inverse of the standard normal CDF, Wichura's AS241 (PPND16), accurate to about 1e-16.
 * Used for every normal draw so that each one consumes exactly one uniform, and because
 * its central branch (85% of draws) needs no logarithm.
 */
export function probit(p: number): number {
  const q = p - 0.5;
  // Split so the common branch is small enough for V8 to inline into the hot loop.
  return Math.abs(q) <= 0.425 ? probitCentral(q) : probitTail(p, q);
}

function probitCentral(q: number): number {
  const r = 0.180625 - q * q;
  return (
    (q *
      (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r +
        45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r +
        133.14166789178437745) * r + 3.387132872796366608)) /
    (((((((5226.495278852545925 * r + 28729.085735721942674) * r + 39307.89580009271061) * r +
      21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r +
      42.313330701600911252) * r + 1)
  );
}

function probitTail(p: number, q: number): number {
  let r = q < 0 ? p : 1 - p;
  r = Math.sqrt(-Math.log(r));
  let x: number;
  if (r <= 5) {
    r -= 1.6;
    x =
      (((((((7.7454501427834140764e-4 * r + 0.0227238449892691845833) * r + 0.24178072517745061177) * r +
        1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r +
        4.6303378461565452959) * r + 1.42343711074968357734) /
      (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r +
        0.14810397642748007459) * r + 0.68976733498510000455) * r + 1.6763848301838038494) * r +
        2.05319162663775882187) * r + 1);
  } else {
    r -= 5;
    x =
      (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r +
        0.026532189526576123093) * r + 0.29656057182850489123) * r + 1.7848265399172913358) * r +
        5.4637849111641143699) * r + 6.6579046435011037772) /
      (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r +
        7.868691311456132591e-4) * r + 0.0148753612908506148525) * r + 0.13692988092273580531) * r +
        0.59983220655588793769) * r + 1);
  }
  return q < 0 ? -x : x;
}

/** Triangular(low, mode, high) at probability u, by inverting its CDF. */
export function triangularAt(u: number, low: number, mode: number, high: number): number {
  const width = high - low;
  if (width <= 0) return low;
  const split = (mode - low) / width;
  return u < split ? low + Math.sqrt(u * width * (mode - low)) : high - Math.sqrt((1 - u) * width * (high - mode));
}

const LOG_FACTORIAL_TABLE_SIZE = 256;
const LOG_FACTORIAL = new Float64Array(LOG_FACTORIAL_TABLE_SIZE);
for (let k = 2; k < LOG_FACTORIAL_TABLE_SIZE; k++) LOG_FACTORIAL[k] = LOG_FACTORIAL[k - 1]! + Math.log(k);

/** ln(k!): a table for small k, Stirling's series (error < 1e-15 past 256) beyond. */
export function logFactorial(k: number): number {
  if (k < LOG_FACTORIAL_TABLE_SIZE) return LOG_FACTORIAL[k]!;
  const x = k + 1;
  const inv = 1 / x;
  const inv2 = inv * inv;
  return (x - 0.5) * Math.log(x) - x + 0.918938533204672742 + inv * (1 / 12 - inv2 * (1 / 360 - inv2 / 1260));
}

/** Above this a month's count is not a count a simulation can enumerate. */
const MAX_LAMBDA = 1e9;

/**
 * A Poisson count with mean lambda: Knuth's product of uniforms below 10, Hörmann's PTRS
 * transformed rejection (1993, as in numpy) from 10 on. Both are exact.
 */
export function poisson(s: Stream, lambda: number): number {
  // NaN and negative means count nothing; an infinite one would never be accepted.
  if (!(lambda > 0)) return 0;
  if (!(lambda < MAX_LAMBDA)) throw new RangeError(`incident count: expected ${lambda} incidents in one month`);
  if (lambda < 10) {
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = s.u();
    while (p > limit) {
      k++;
      p *= s.u();
    }
    return k;
  }
  return poissonPtrs(s, lambda);
}

function poissonPtrs(s: Stream, lambda: number): number {
  const slam = Math.sqrt(lambda);
  const loglam = Math.log(lambda);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const U = s.u() - 0.5;
    const V = s.u();
    const us = 0.5 - Math.abs(U);
    const k = Math.floor(((2 * a) / us + b) * U + lambda + 0.43);
    if (us >= 0.07 && V <= vr) return k;
    if (k < 0 || (us < 0.013 && V > us)) continue;
    if (Math.log(V) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lambda + k * loglam - logFactorial(k)) {
      return k;
    }
  }
}

/**
 * A gamma variate with the given shape and scale: Marsaglia and Tsang (2000), with the
 * U^(1/shape) boost for shape < 1. Its normals come from probit so each costs one uniform.
 */
export function gamma(s: Stream, shape: number, scale: number): number {
  if (shape < 1) return gamma(s, shape + 1, scale) * Math.pow(s.u(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = probit(s.u());
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = s.u();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v * scale;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v * scale;
  }
}

/**
 * An incident count for one class and month: Poisson(lambda) when dispersion is 0, else
 * negative binomial with mean lambda and variance lambda + dispersion * lambda^2, drawn as
 * a Poisson whose mean is gamma(1/dispersion, dispersion * lambda).
 */
export function incidentCount(s: Stream, lambda: number, dispersion: number): number {
  if (dispersion > 0 && lambda > 0) return poisson(s, gamma(s, 1 / dispersion, dispersion * lambda));
  return poisson(s, lambda);
}
