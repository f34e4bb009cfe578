import FFT from 'fft.js';
import { exp, log1p } from './libm.js';

/**
 * Compound distributions on a grid: the Panjer recursion for counts of the (a, b, 0) class
 * (Panjer 1981, "Recursive evaluation of a family of compound distributions", ASTIN Bulletin
 * 12; Klugman, Panjer & Willmot, *Loss Models*, §9.6), and sums of independent compounds by
 * FFT convolution.
 *
 * A count N is (a, b, 0) when P(N = k) = (a + b/k) P(N = k − 1): Poisson(λ) has a = 0, b = λ;
 * the negative binomial with mean λ and variance λ + dλ² (size r = 1/d, β = dλ) has
 * a = β/(1 + β), b = (r − 1)a. For severities f on the grid 0, h, 2h, … the compound
 * S = X₁ + … + X_N has g₀ = P_N(f₀) and
 *   g_k = Σ_{j=1..k} (a + b j/k) f_j g_{k−j} / (1 − a f₀),
 * exact on the grid: the first n values need only f₀ … f_{n−1}, so a truncated grid loses
 * nothing below its end.
 */

export type CountLaw = { kind: 'poisson'; lambda: number } | { kind: 'negative_binomial'; lambda: number; dispersion: number };

/** log P_N(f₀), the probability of no loss: N's probability generating function at f₀. */
function logNoLoss(law: CountLaw, f0: number): number {
  if (law.kind === 'poisson') return law.lambda * (f0 - 1);
  const r = 1 / law.dispersion;
  const beta = law.dispersion * law.lambda;
  return -r * log1p(beta * (1 - f0));
}

function abOf(law: CountLaw): [number, number] {
  if (law.kind === 'poisson') return [0, law.lambda];
  const r = 1 / law.dispersion;
  const beta = law.dispersion * law.lambda;
  const a = beta / (1 + beta);
  return [a, (r - 1) * a];
}

/**
 * The compound distribution's first `n` grid probabilities. The recursion is linear in g, so
 * it runs from g₀ = 1 and is rescaled whenever it grows large; the true g₀ (which can underflow,
 * e^(−λ) for λ in the thousands) is applied in logs at the end.
 */
export function panjer(law: CountLaw, severity: Float64Array, n: number): Float64Array {
  const [a, b] = abOf(law);
  const f0 = severity[0] ?? 0;
  const g = new Float64Array(n);
  const support: number[] = [];
  for (let j = 1; j < Math.min(n, severity.length); j++) if (severity[j]! > 0) support.push(j);
  const scale = 1 / (1 - a * f0);
  let logFactor = logNoLoss(law, f0);
  g[0] = 1;
  for (let k = 1; k < n; k++) {
    let sum = 0;
    for (const j of support) {
      if (j > k) break;
      sum += (a + (b * j) / k) * severity[j]! * g[k - j]!;
    }
    g[k] = sum * scale;
    if (g[k]! > 1e250) {
      for (let i = 0; i <= k; i++) g[i]! *= 1e-250;
      logFactor += 250 * Math.LN10;
    }
  }
  const factor = exp(logFactor);
  for (let k = 0; k < n; k++) g[k]! *= factor;
  return g;
}

/** Two grid distributions' sum, truncated to the first `n` points: one FFT product of size ≥ 2n, so nothing wraps around. */
function convolveTwo(x: Float64Array, y: Float64Array, n: number, fft: FFT, size: number): Float64Array {
  const spectrum = (v: Float64Array) => {
    const input = new Array<number>(size).fill(0);
    for (let i = 0; i < Math.min(n, v.length); i++) input[i] = v[i]!;
    const out = fft.createComplexArray();
    fft.realTransform(out, input);
    fft.completeSpectrum(out);
    return out;
  };
  const a = spectrum(x);
  const b = spectrum(y);
  const product = fft.createComplexArray();
  for (let i = 0; i < size; i++) {
    product[2 * i] = a[2 * i]! * b[2 * i]! - a[2 * i + 1]! * b[2 * i + 1]!;
    product[2 * i + 1] = a[2 * i]! * b[2 * i + 1]! + a[2 * i + 1]! * b[2 * i]!;
  }
  const back = fft.createComplexArray();
  fft.inverseTransform(back, product);
  const out = new Float64Array(n);
  // Round-off leaves tiny negatives where the probability is 0.
  for (let i = 0; i < n; i++) out[i] = Math.max(0, back[2 * i]!);
  return out;
}

/** The distribution of the sum of independent grid variables, truncated to the first `n` grid points (FFT convolution). */
export function convolve(parts: readonly Float64Array[], n: number): Float64Array {
  let size = 4;
  while (size < 2 * n) size *= 2;
  const fft = new FFT(size);
  let acc: Float64Array = Float64Array.from(parts[0]!.subarray(0, n));
  for (const p of parts.slice(1)) acc = convolveTwo(acc, p, n, fft, size);
  return acc;
}

/** The p-quantile of a grid distribution, inf{x : F(x) ≥ p}, in grid steps; NaN beyond the grid's end. */
export function gridQuantile(pmf: Float64Array, p: number): number {
  let cdf = 0;
  for (let k = 0; k < pmf.length; k++) {
    cdf += pmf[k]!;
    if (cdf >= p - 1e-12) return k;
  }
  return Number.NaN;
}
