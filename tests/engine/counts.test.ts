import { describe, expect, it } from 'vitest';
import { CountInverter, MAX_LAMBDA } from '../../src/engine/counts.js';
import { purposeKey } from '../../src/engine/hash.js';
import { uniformAt } from '../../src/engine/rng.js';
import { bd0, logGamma, negativeBinomialPmf, poissonPmf, stirlerr } from '../../src/engine/special.js';
import { moments, zScore } from '../helpers/stats.js';

/**
 * Reference CDFs summed term by term from k = 0 in log space — independent of the
 * inverter's walk from the mode and of Loader's method.
 */
function referenceCdf(lambda: number, dispersion: number, kMax: number): number[] {
  const logPmf: number[] = [];
  if (dispersion === 0) {
    let lf = 0;
    for (let k = 0; k <= kMax; k++) {
      if (k > 0) lf += Math.log(k);
      logPmf.push(k * Math.log(lambda) - lambda - lf);
    }
  } else {
    const r = 1 / dispersion;
    const p = r / (r + lambda);
    let lp = r * Math.log(p);
    for (let k = 0; k <= kMax; k++) {
      if (k > 0) lp += Math.log((k - 1 + r) / k) + Math.log(1 - p);
      logPmf.push(lp);
    }
  }
  let sum = 0;
  return logPmf.map((l) => (sum += Math.exp(l)));
}

/** The first index whose value is at least u, by bisection (the values increase). */
function firstAtLeast(values: readonly number[], u: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! >= u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

const CASES: Array<[number, number]> = [
  [0.05, 0],
  [0.3, 0],
  [4, 0],
  [9.5, 0],
  [37, 0],
  [400, 0],
  [2, 0.5],
  [24, 0.2],
  [0.17, 6],
  [52, 0.125],
  [3, 100],
];

describe.each(CASES)('counts by inversion: mean %d, dispersion %d', (lambda, d) => {
  const inv = new CountInverter();
  inv.setMean(lambda, d);
  const sd = Math.sqrt(lambda + d * lambda * lambda);
  const kMax = Math.ceil(lambda + 40 * sd + 50);
  const cdf = referenceCdf(lambda, d, kMax);

  it('returns the smallest k with F(k) ≥ u, on a fine grid of u', () => {
    let mismatches = 0;
    for (let i = 1; i < 20_000; i++) {
      const u = i / 20_000;
      const want = firstAtLeast(cdf, u);
      // u within rounding of a CDF value may go either way: allow only those.
      if (inv.count(u) !== want && Math.abs((cdf[want] ?? 1) - u) > 1e-12 && Math.abs((cdf[want - 1] ?? 0) - u) > 1e-12) mismatches++;
    }
    expect(mismatches).toBe(0);
  });

  it('has mean λ and variance λ + dλ² over addressed uniforms (within 4 SE)', () => {
    const key = purposeKey(1, `counts ${lambda} ${d}`);
    const xs = Float64Array.from({ length: 100_000 }, (_, t) => inv.count(uniformAt(key, t, 0, 1)));
    const m = moments(xs);
    expect(zScore(m.mean, lambda, m.meanSe)).toBeLessThan(4);
    // The variance estimate is heavy-tailed for overdispersed counts: test its log (delta method).
    expect(zScore(Math.log(m.variance), Math.log(sd * sd), m.varianceSe / m.variance)).toBeLessThan(4);
  });

  it('reaches far into the tail without looping', () => {
    const k = inv.count(1 - 2 ** -33);
    expect(Number.isInteger(k)).toBe(true);
    expect(k).toBeGreaterThan(lambda);
    expect(inv.count(2 ** -33)).toBeGreaterThanOrEqual(0);
  });
});

describe('counts are monotone in the mean, for a fixed uniform', () => {
  it.each([0, 0.2, 6])('dispersion %d: raising λ never lowers a count', (d) => {
    const inv = new CountInverter();
    const us = Array.from({ length: 400 }, (_, i) => (i + 0.5) / 400);
    let prev = us.map(() => 0);
    let lowered = 0;
    let steps = 0;
    for (let lambda = 0.01; lambda < 80; lambda *= 1.0005 + 0.01) {
      inv.setMean(lambda, d);
      const now = us.map((u) => inv.count(u));
      lowered += now.filter((k, i) => k < prev[i]!).length;
      prev = now;
      steps++;
    }
    expect(steps).toBeGreaterThan(800);
    expect(lowered).toBe(0);
  });
});

describe('guards', () => {
  it('counts nothing for λ = 0, a negative λ or NaN', () => {
    const inv = new CountInverter();
    for (const lambda of [0, -1, Number.NaN]) {
      inv.setMean(lambda, 0);
      expect(inv.count(0.999999)).toBe(0);
    }
  });

  it('refuses a mean no month can enumerate instead of walking forever', () => {
    const inv = new CountInverter();
    expect(() => inv.setMean(MAX_LAMBDA, 0)).toThrow(/^incident count: expected 1000000000 incidents in one month$/);
    expect(() => inv.setMean(Number.POSITIVE_INFINITY, 0.5)).toThrow(RangeError);
  });

  it('handles a large mean (Loader\u2019s pmf at the mode, no underflow)', () => {
    const inv = new CountInverter();
    inv.setMean(250_000, 0);
    const m = moments(Float64Array.from({ length: 4000 }, (_, i) => inv.count((i + 0.5) / 4000)));
    expect(Math.abs(m.mean - 250_000)).toBeLessThan(1);
    expect(Math.sqrt(m.variance)).toBeCloseTo(500, -1);
  });
});

describe('special functions against reference values', () => {
  it('logGamma: exact values and the recurrence ln Γ(x + 1) = ln Γ(x) + ln x', () => {
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 14);
    expect(logGamma(1.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI) / 2), 13);
    expect(logGamma(1)).toBeCloseTo(0, 14);
    let lnFactorial = 0;
    for (let n = 2; n <= 170; n++) {
      lnFactorial += Math.log(n - 1);
      expect(logGamma(n)).toBeCloseTo(lnFactorial, 10);
    }
    for (const x of [0.01, 0.3, 3.7, 19.5, 20.5, 123.4]) expect(logGamma(x + 1) - logGamma(x)).toBeCloseTo(Math.log(x), 12);
  });

  it('stirlerr and bd0 as in Loader (2000)', () => {
    // stirlerr(n) = ln n! − (n + ½) ln n + n − ½ ln 2π: from logGamma where that does not cancel away,
    for (const n of [1, 2, 7.5, 15, 16, 30]) {
      expect(stirlerr(n)).toBeCloseTo(logGamma(n + 1) - (n + 0.5) * Math.log(n) + n - 0.5 * Math.log(2 * Math.PI), 11);
    }
    // and the leading terms of Stirling's series far out.
    expect(stirlerr(1000)).toBeCloseTo(1 / 12_000 - 1 / (360 * 1e9), 17);

    expect(bd0(10, 10)).toBe(0);
    expect(bd0(12, 10)).toBeCloseTo(12 * Math.log(1.2) + 10 - 12, 14);
    expect(bd0(1000, 2)).toBeCloseTo(1000 * Math.log(500) + 2 - 1000, 9);
  });

  it('pmfs against their closed forms', () => {
    expect(poissonPmf(0, 3)).toBeCloseTo(Math.exp(-3), 15);
    expect(poissonPmf(5, 3)).toBeCloseTo((Math.exp(-3) * 3 ** 5) / 120, 15);
    // NB(r = 2, p = 0.4): C(k + 1, k) 0.4² 0.6^k.
    for (const k of [0, 1, 5, 20]) expect(negativeBinomialPmf(k, 2, 0.4)).toBeCloseTo((k + 1) * 0.16 * 0.6 ** k, 14);
  });
});
