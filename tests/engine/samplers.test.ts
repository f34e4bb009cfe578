import { describe, expect, it } from 'vitest';
import { amountAt } from '../../src/engine/amounts.js';
import { expInRange, fastExp, MAX_NORMAL } from '../../src/engine/fastmath.js';
import { purposeKey, unit53 } from '../../src/engine/hash.js';
import { exp } from '../../src/engine/libm.js';
import { type Amount, amountMean, amountVariance, FIXED, LOGNORMAL, TRIANGULAR } from '../../src/engine/model.js';
import type { Stream } from '../../src/engine/rng.js';
import { uniformAt } from '../../src/engine/rng.js';
import { probit } from '../../src/engine/samplers.js';
import { normalCdf, zigNormal } from '../../src/engine/ziggurat.js';
import { compileAmount } from '../../src/profile/compile.js';
import { moments, testStream, zScore } from '../helpers/stats.js';

const N = 200_000;

function draw(n: number, f: (s: Stream) => number, name = 'test'): Float64Array {
  const s = testStream(name);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = f(s);
  return out;
}

/** Uniforms and their lag-1 correlation, from mean, variance and neighbour products. */
function checkUniforms(us: Float64Array): void {
  expect(us.every((u) => u > 0 && u < 1)).toBe(true);

  const m = moments(us);
  expect(zScore(m.mean, 0.5, m.meanSe)).toBeLessThan(4);
  expect(zScore(m.variance, 1 / 12, m.varianceSe)).toBeLessThan(4);
  // Lag-1 products of independent U(0,1): mean 1/4, variance 7/144.
  const lag = Float64Array.from({ length: us.length - 1 }, (_, i) => us[i]! * us[i + 1]!);
  const l = moments(lag);
  expect(zScore(l.mean, 0.25, Math.sqrt(7 / 144 / lag.length))).toBeLessThan(4);
}

describe('uniforms', () => {
  it('a stream is reproducible from its address and uniform in (0, 1)', () => {
    expect(draw(10_000, (s) => s.u(), 'x')).toEqual(draw(10_000, (s) => s.u(), 'x'));
    checkUniforms(draw(N, (s) => s.u()));
  });

  it('differs between addresses', () => {
    expect(draw(4, (s) => s.u(), 'a')).not.toEqual(draw(4, (s) => s.u(), 'b'));
  });

  it('addressed one at a time (counts) they are uniform and independent along trials and months', () => {
    const key = purposeKey(1, 'incidents["x"]');
    checkUniforms(Float64Array.from({ length: N }, (_, t) => uniformAt(key, t, 0, 7)));
    checkUniforms(Float64Array.from({ length: N }, (_, m) => uniformAt(key, 3, m, 7)));
  });

  it('the first uniforms of consecutive trials\u2019 streams are uniform and independent (no seeding pattern)', () => {
    const s = testStream('unused');
    const key = purposeKey(1, 'incidents["x"]');
    const firsts = Float64Array.from({ length: N }, (_, t) => {
      s.restart(key, t, 0, 9);
      return s.u();
    });
    checkUniforms(firsts);
  });

  it('53-bit uniforms for per-trial inputs are uniform', () => {
    const key = purposeKey(1, 'break_fix.hourly_rate');
    checkUniforms(Float64Array.from({ length: N }, (_, t) => unit53(key, t, 0)));
  });
});

describe('probit', () => {
  it('inverts the normal CDF at known points', () => {
    expect(probit(0.5)).toBe(0);
    expect(probit(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(probit(0.9)).toBeCloseTo(1.2815515655446004, 12);
    expect(probit(1e-10)).toBeCloseTo(-6.361340902404056, 9);
    expect(probit(0.025)).toBeCloseTo(-1.959963984540054, 12);
  });
});

// Each amount kind: sample mean and variance against the closed form, within 4 standard errors.
const amounts: Array<[string, Amount]> = [
  ['lognormal from p50/p90', compileAmount({ p50: 2, p90: 4 })],
  ['lognormal from mean/sd', compileAmount({ mean: 3, sd: 1.5 })],
  ['triangular', compileAmount({ low: 1, mode: 2, high: 6 })],
  ['triangular with mode at low', compileAmount({ low: 0, mode: 0, high: 1 })],
];

describe.each(amounts)('amount: %s', (_, amount) => {
  const xs = draw(N, (s) => amountAt(amount, s.u()));
  const m = moments(xs);
  it('has the closed-form mean', () => {
    expect(zScore(m.mean, amountMean(amount), m.meanSe)).toBeLessThan(4);
  });
  it('has the closed-form variance', () => {
    if (amount.kind === LOGNORMAL) {
      // Lognormal variance estimates are heavy-tailed: test the log, which is normal.
      const logs = moments(xs.map(Math.log));
      const logVarSe = amount.b * amount.b * Math.sqrt(2 / (N - 1));
      expect(zScore(logs.mean, amount.a, logs.meanSe)).toBeLessThan(4);
      expect(zScore(logs.variance, amount.b * amount.b, logVarSe)).toBeLessThan(4);
    } else {
      expect(zScore(m.variance, amountVariance(amount), m.varianceSe)).toBeLessThan(4);
    }
  });
});

describe('amount compilation', () => {
  it('matches MODEL.md §3: median p50, 90th percentile p90', () => {
    const a = compileAmount({ p50: 2, p90: 8 });
    expect(a.kind).toBe(LOGNORMAL);
    expect(Math.exp(a.a)).toBeCloseTo(2, 12);
    expect(Math.exp(a.a + a.b * 1.2815515655446004)).toBeCloseTo(8, 12);
    const xs = draw(N, (s) => amountAt(a, s.u()));
    const below = xs.filter((x) => x <= 8).length / N;
    expect(zScore(below, 0.9, Math.sqrt((0.9 * 0.1) / N))).toBeLessThan(4);
  });
  it('turns degenerate distributions into fixed values', () => {
    expect(compileAmount({ p50: 3, p90: 3 })).toEqual({ kind: FIXED, a: 3, b: 0, c: 0 });
    expect(compileAmount({ mean: 3, sd: 0 }).kind).toBe(FIXED);
    expect(compileAmount({ low: 2, mode: 2, high: 2 }).kind).toBe(FIXED);
    expect(compileAmount({ low: 1, mode: 2, high: 3 }).kind).toBe(TRIANGULAR);
  });
});

describe('ziggurat normal (the per-incident sampler)', () => {
  const rejections = testStream('rejections');
  const zs = draw(N * 2, (s) => zigNormal(s.u(), rejections), 'zig');
  it('has mean 0 and variance 1', () => {
    const m = moments(zs);
    expect(zScore(m.mean, 0, m.meanSe)).toBeLessThan(4);
    // A normal's variance estimate has se √(2/n): light-tailed, so no log scale needed.
    expect(zScore(m.variance, 1, Math.sqrt(2 / zs.length))).toBeLessThan(4);
  });
  it.each([-3.5, -1.96, -1, 0, 0.5, 1.96, 3])('puts Φ(%d) of its mass below %d', (x) => {
    const p = normalCdf(x);
    const below = zs.filter((z) => z <= x).length / zs.length;
    expect(zScore(below, p, Math.sqrt((p * (1 - p)) / zs.length))).toBeLessThan(4);
  });
  it('gives lognormal amounts with the right median and p90', () => {
    const a = compileAmount({ p50: 2, p90: 8 });
    const xs = zs.map((z) => fastExp(a.a + a.b * z));
    for (const [q, p] of [
      [2, 0.5],
      [8, 0.9],
    ] as const) {
      const below = xs.filter((x) => x <= q).length / xs.length;
      expect(zScore(below, p, Math.sqrt((p * (1 - p)) / xs.length))).toBeLessThan(4);
    }
  });
});

describe('helpers of the hot loop', () => {
  it('fastExp matches Math.exp to 1e-15 relative', () => {
    let worst = 0;
    for (let x = -50; x <= 50; x += 0.0137) worst = Math.max(worst, Math.abs(fastExp(x) / Math.exp(x) - 1));
    expect(worst).toBeLessThan(1e-15);
  });
  it('normalCdf matches known values and inverts probit', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 14);
    expect(normalCdf(-3)).toBeCloseTo(0.0013498980316301, 15);
    // Hart's algorithm is accurate in absolute terms (about 1e-15), enough for a probability.
    for (const p of [1e-6, 0.01, 0.3, 0.77, 0.999]) expect(normalCdf(probit(p))).toBeCloseTo(p, 14);
  });
});

describe('fast paths are right on their whole domain', () => {
  it('fastExp agrees with Math.exp on its whole domain, |x| < 700', () => {
    for (let x = -699.9; x < 700; x += 0.37) expect(Math.abs(fastExp(x) / Math.exp(x) - 1)).toBeLessThan(1e-15);
  });

  it('exp agrees with Math.exp everywhere, NaN and infinities included', () => {
    for (let x = -800; x <= 800; x += 0.37) {
      const want = Math.exp(x);
      const got = exp(x);
      if (want === 0 || !Number.isFinite(want)) expect(got).toBe(want);
      // Below the smallest normal double a result has fewer bits: within two of its steps.
      else if (want < 2.2250738585072014e-308) expect(Math.abs(got - want)).toBeLessThanOrEqual(2 * Number.MIN_VALUE);
      else expect(Math.abs(got - want) / want).toBeLessThan(1e-15);
    }
    expect(exp(Number.NaN)).toBeNaN();
    expect(exp(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(exp(Number.NEGATIVE_INFINITY)).toBe(0);
  });

  it('the ziggurat never returns a normal beyond MAX_NORMAL, so a column check keeps fastExp in its domain', () => {
    // The extreme words: the smallest and largest uniforms a stream makes, at every layer.
    const rejections = testStream('extremes');
    let worst = 0;
    for (let layer = 0; layer < 128; layer++) {
      for (const word of [layer, 0xffffff80 + layer]) worst = Math.max(worst, Math.abs(zigNormal((word + 0.5) / 2 ** 32, rejections)));
    }
    expect(worst).toBeLessThan(MAX_NORMAL);
    expect(expInRange(20.7, 3.7)).toBe(true); // the largest lognormal the profile caps allow
    expect(expInRange(600, 10)).toBe(false);
  });
});
