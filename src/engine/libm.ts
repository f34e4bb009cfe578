/**
 * exp, log and powers computed from + − × ÷ and √ alone, which IEEE 754 makes the same in
 * every JavaScript engine — unlike Math.exp, Math.log and Math.pow, whose last bit differs
 * between V8 versions (Node 20's and Chromium 156's disagree on 5–10% of arguments, measured
 * in docs/decisions.md). The engine uses these, so the live page in a browser and the CLI
 * give byte-identical numbers for the same seed. Hand-written for that reason, after fdlibm.
 */

import { FAST_EXP_LIMIT, fastExp } from './fastmath.js';

const view = new DataView(new ArrayBuffer(8));

/** ln 2 split so k·LN2_HI is exact for |k| < 2^11 (fdlibm). */
const LN2_HI = 6.9314718036912381649e-1;
const LN2_LO = 1.90821492927058770002e-10;
const LG1 = 6.66666666666673513e-1;
const LG2 = 3.999999999940941908e-1;
const LG3 = 2.857142874366239149e-1;
const LG4 = 2.222219843214978396e-1;
const LG5 = 1.818357216161805012e-1;
const LG6 = 1.531383769920937332e-1;
const LG7 = 1.479819860511658591e-1;
const TWO54 = 18014398509481984;

/** The natural logarithm: fdlibm's e_log.c (error below 1 ulp). */
export function log(x: number): number {
  if (Number.isNaN(x) || x < 0) return Number.NaN;
  if (x === 0) return Number.NEGATIVE_INFINITY;
  if (x === Number.POSITIVE_INFINITY) return x;
  let k = 0;
  if (x < 2.2250738585072014e-308) {
    k -= 54;
    x *= TWO54;
  }
  view.setFloat64(0, x);
  let hx = view.getUint32(0);
  if (hx === 0x3ff00000 && view.getUint32(4) === 0) return 0;
  // Into [√2/2, √2): the exponent goes to k, the mantissa stays.
  hx += 0x3ff00000 - 0x3fe6a09e;
  k += (hx >>> 20) - 0x3ff;
  hx = (hx & 0x000fffff) + 0x3fe6a09e;
  view.setUint32(0, hx);
  const f = view.getFloat64(0) - 1;
  const hfsq = 0.5 * f * f;
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  return s * (hfsq + t1 + t2) + k * LN2_LO - hfsq + f + k * LN2_HI;
}

/** log(1 + x), accurate near 0 (the ratio corrects the rounding of 1 + x; Goldberg 1991, Theorem 4). */
export function log1p(x: number): number {
  const u = 1 + x;
  if (u === 1) return x;
  if (u === Number.POSITIVE_INFINITY) return u;
  return (log(u) * x) / (u - 1);
}

/** e^x for every x: fastExp's table and polynomial (fastmath.ts), halved and squared near the ends of the range. */
export function exp(x: number): number {
  if (Number.isNaN(x)) return x;
  if (x > 709.782712893384) return Number.POSITIVE_INFINITY;
  if (x < -745.1332191019412) return 0;
  if (x < FAST_EXP_LIMIT && x > -FAST_EXP_LIMIT) return fastExp(x);
  const h = fastExp(x / 2);
  return h * h;
}

/** x^n for a whole n, by squaring. */
export function powInt(x: number, n: number): number {
  if (n < 0) return 1 / powInt(x, -n);
  let result = 1;
  let base = x;
  let e = n;
  while (e > 0) {
    if (e & 1) result *= base;
    base *= base;
    e = Math.floor(e / 2);
  }
  return result;
}

/** x^y: by squaring for a whole y, else e^(y ln x) (x ≥ 0). */
export function pow(x: number, y: number): number {
  if (Number.isInteger(y) && Math.abs(y) <= 1024) return powInt(x, y);
  if (x === 0) return y > 0 ? 0 : Number.POSITIVE_INFINITY;
  return exp(y * log(x));
}

/** 10^k for a whole k, exactly as the decimal literal "1ek" reads (string to number is correctly rounded everywhere). */
export function pow10(k: number): number {
  return Number(`1e${k}`);
}

/** ⌊log₁₀ x⌋ for x > 0, exact at powers of ten (where a floating log10 can land just below the whole number). */
export function floorLog10(x: number): number {
  let k = Math.floor(log(x) / Math.LN10);
  while (pow10(k + 1) <= x) k++;
  while (pow10(k) > x) k--;
  return k;
}
