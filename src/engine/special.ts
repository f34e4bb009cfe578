import { exp, log, log1p } from './libm.js';

/**
 * Log-gamma and Loader's saddle-point pieces, for probabilities that stay accurate when the
 * counts are large (where m·ln λ − λ − ln m! cancels to nothing). Hand-written: they are a
 * few lines each and the count sampler calls them once per trial.
 */

const HALF_LN_2PI = 0.9189385332046727418;

/**
 * ln Γ(x) for x > 0: the recurrence up to x ≥ 20, then Stirling's series to x⁻⁹ (error below
 * 2e-15 there). Reference values: ln Γ(0.5) = ln √π, ln Γ(n) = ln (n − 1)!.
 */
export function logGamma(x: number): number {
  let shift = 0;
  let y = x;
  while (y < 20) {
    shift += log(y);
    y += 1;
  }
  const inv = 1 / y;
  const inv2 = inv * inv;
  const series = inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 * (1 / 1680 - inv2 / 1188))));
  return (y - 0.5) * log(y) - y + HALF_LN_2PI + series - shift;
}

/** stirlerr(n) = ln Γ(n + 1) − (n + ½) ln n + n − ½ ln 2π: Stirling's error (Loader, 2000; as in R's stirlerr). */
export function stirlerr(n: number): number {
  if (n <= 15) return logGamma(n + 1) - (n + 0.5) * log(n) + n - HALF_LN_2PI;
  const inv2 = 1 / (n * n);
  return (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 * (1 / 1680 - inv2 / 1188)))) / n;
}

/** bd0(x, np) = x ln(x / np) + np − x, computed without cancellation near x = np (Loader, 2000). */
export function bd0(x: number, np: number): number {
  if (Math.abs(x - np) < 0.1 * (x + np)) {
    let v = (x - np) / (x + np);
    let s = (x - np) * v;
    let ej = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      ej *= v;
      const s1 = s + ej / (2 * j + 1);
      if (s1 === s) return s1;
      s = s1;
    }
    return s;
  }
  return x * log(x / np) + np - x;
}

const LN_2PI = 1.8378770664093454836;

/** P(X = k) for X ~ Poisson(λ), accurate to about 1e-15 relative for any k and λ (Loader's method, R's dpois_raw). */
export function poissonPmf(k: number, lambda: number): number {
  if (lambda === 0) return k === 0 ? 1 : 0;
  if (k === 0) return exp(-lambda);
  return exp(-stirlerr(k) - bd0(k, lambda)) / Math.sqrt(2 * Math.PI * k);
}

/** Binomial probability with a real "size" n, as in R's dbinom_raw (Loader, 2000); the negative binomial is built on it. */
function binomialRaw(x: number, n: number, p: number, q: number): number {
  if (x === 0) return exp(p < 0.1 ? -bd0(n, n * q) - n * p : n * log(q));
  if (x === n) return exp(q < 0.1 ? -bd0(n, n * p) - n * q : n * log(p));
  const lc = stirlerr(n) - stirlerr(x) - stirlerr(n - x) - bd0(x, n * p) - bd0(n - x, n * q);
  const lf = LN_2PI + log(x) + log1p(-x / n);
  return exp(lc - 0.5 * lf);
}

/**
 * P(X = k) for the negative binomial with size r and success probability p (mean r(1 − p)/p),
 * as R's dnbinom: r / (r + k) · binomial(r; r + k, p).
 */
export function negativeBinomialPmf(k: number, r: number, p: number): number {
  return (r / (r + k)) * binomialRaw(r, r + k, p, 1 - p);
}
