import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exp, floorLog10, log, log1p, pow, pow10, powInt } from '../../src/engine/libm.js';

/** Distance in units in the last place: adjacent doubles are 1 apart. */
function ulps(a: number, b: number): number {
  const v = new DataView(new ArrayBuffer(16));
  v.setFloat64(0, a);
  v.setFloat64(8, b);
  return Number(v.getBigInt64(0) - v.getBigInt64(8));
}

describe('a libm that is the same in every JavaScript engine', () => {
  it('gives the correctly rounded values of well-known constants', () => {
    // The doubles nearest ln 2, ln 10, e (the spec's constants) and 1/e.
    expect(log(2)).toBe(Math.LN2);
    expect(log(10)).toBe(Math.LN10);
    expect(exp(1)).toBe(Math.E);
    // exp is not correctly rounded (fastmath.ts): within an ulp.
    expect(Math.abs(ulps(exp(-1), 0.36787944117144233))).toBeLessThanOrEqual(1);
    expect(log(1)).toBe(0);
    expect(exp(0)).toBe(1);
  });

  it('log is within one ulp of the platform’s log, on every scale', () => {
    fc.assert(
      fc.property(fc.double({ min: 5e-324, max: 1.7e308, noNaN: true }), (x) => {
        expect(Math.abs(ulps(log(x), Math.log(x)))).toBeLessThanOrEqual(1);
      }),
      { numRuns: 20_000 },
    );
    expect(log(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(log(-1)).toBeNaN();
    expect(log(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
  });

  it('exp is within a few parts in 10¹⁶ of the platform’s exp, and exact at the ends of its range', () => {
    fc.assert(
      fc.property(fc.double({ min: -708, max: 709.7, noNaN: true }), (x) => {
        expect(Math.abs(exp(x) / Math.exp(x) - 1)).toBeLessThan(5e-16);
      }),
      { numRuns: 20_000 },
    );
    expect(exp(710)).toBe(Number.POSITIVE_INFINITY);
    expect(exp(-746)).toBe(0);
  });

  it('log1p is accurate where 1 + x rounds: relative error near the smallest x', () => {
    for (const x of [1e-20, 1e-10, -1e-10, 1e-5, 0.5, -0.5, 3]) expect(Math.abs(log1p(x) / Math.log1p(x) - 1)).toBeLessThan(4e-16);
  });

  it('raises to whole powers by squaring, and to others through exp and log', () => {
    expect(powInt(1.04, 0)).toBe(1);
    expect(powInt(2, 10)).toBe(1024);
    expect(powInt(2, -3)).toBe(0.125);
    expect(powInt(1.5, 3)).toBe(3.375);
    expect(Math.abs(pow(0.7, 2.5) / 0.7 ** 2.5 - 1)).toBeLessThan(1e-15);
    expect(pow(0, 2.5)).toBe(0);
  });

  it('finds ⌊log₁₀ x⌋ exactly at and around powers of ten', () => {
    for (let k = -300; k <= 300; k++) {
      const p = pow10(k);
      expect(floorLog10(p)).toBe(k);
      expect(floorLog10(p * (1 + 2 ** -50))).toBe(k);
      expect(floorLog10(p * (1 - 2 ** -50))).toBe(k - 1);
    }
    expect(pow10(-3)).toBe(0.001);
  });
});
