import { describe, expect, it } from 'vitest';
import { findCrossing } from '../../src/study/crossing.js';

/** A margin as the search sees it, counting how often it is asked (each ask is a simulation run). */
function counted(f: (x: number) => number) {
  const calls: number[] = [];
  return {
    calls,
    f: async (x: number) => {
      calls.push(x);
      return f(x);
    },
  };
}

describe('findCrossing', () => {
  it('finds the root of a linear margin exactly, in two evaluations after the base', async () => {
    // A fixed fee: the margin falls by units × months per unit of fee (40 seats × 12 months).
    const m = counted((x) => 37_000 - 480 * (x - 175));
    const r = await findCrossing({ f: m.f, x0: 175, f0: 37_000, lo: 0, hi: 1750, integer: false, tolerance: 0.01 });
    expect(r.found).toBe(true);
    if (!r.found) return;
    expect(r.crossing.x).toBeCloseTo(175 + 37_000 / 480, 9);
    expect(r.crossing.slope).toBeCloseTo(-480, 9);
    expect(m.calls).toHaveLength(2);
  });

  it('searches downwards when the margin grows upwards', async () => {
    const m = counted((x) => 5 * (x - 2));
    const r = await findCrossing({ f: m.f, x0: 10, f0: 40, lo: 0, hi: 100, integer: false, tolerance: 1e-6 });
    expect(r.found && r.crossing.x).toBeCloseTo(2, 6);
  });

  it('brackets a curved margin and refines it (Illinois) to the tolerance', async () => {
    const f = (x: number) => 1 - x * x;
    const r = await findCrossing({ f: async (x) => f(x), x0: 0.2, f0: f(0.2), lo: 0, hi: 10, integer: false, tolerance: 1e-9 });
    expect(r.found && r.crossing.x).toBeCloseTo(1, 6);
  });

  it('brackets a whole-number input between consecutive integers', async () => {
    const f = (x: number) => 57.4 - x;
    const r = await findCrossing({ f: async (x) => f(x), x0: 40, f0: f(40), lo: 1, hi: 400, integer: true, tolerance: 0 });
    expect(r.found).toBe(true);
    if (!r.found) return;
    expect([r.crossing.inside, r.crossing.outside]).toEqual([57, 58]);
    expect(r.crossing.x).toBeCloseTo(57.4, 9);
  });

  it('reports no crossing, with the range searched, when the margin stays positive', async () => {
    const r = await findCrossing({ f: async (x) => 10 + x, x0: 5, f0: 15, lo: 0, hi: 50, integer: false, tolerance: 0 });
    expect(r).toEqual({ found: false, searched: [0, 50] });
  });

  it('does not claim an infinite slope at a jump: the slope is the first bracket\u2019s chord', async () => {
    const f = (x: number) => (x < 3 ? 10 : -10);
    const r = await findCrossing({ f: async (x) => f(x), x0: 1, f0: 10, lo: 0, hi: 100, integer: false, tolerance: 0 });
    expect(r.found).toBe(true);
    if (!r.found) return;
    expect(Math.abs(r.crossing.x - 3)).toBeLessThan(1e-3);
    expect(Number.isFinite(r.crossing.slope)).toBe(true);
    expect(Math.abs(r.crossing.slope)).toBeLessThan(100);
  });
});
