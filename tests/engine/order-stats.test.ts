import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine/analyze.js';
import { ExactSum } from '../../src/engine/exact-sum.js';
import { type OrderSettings, StreamingOrder, WINDOW_SE } from '../../src/engine/order-stats.js';
import { SummaryAccumulator, summarize, summaryTargets } from '../../src/engine/summary.js';
import { baseProfile, simulateProfile } from '../helpers/profiles.js';
import { testStream } from '../helpers/stats.js';

/**
 * The exact sum of doubles in BigInt, as a multiple of 2^-1074, rounded once: keep its top 60
 * bits plus a sticky bit for anything below, so Number() (round to nearest, ties to even) rounds
 * it as the exact value would be, then scale back by powers of two (exact for normal results).
 */
function exactSum(xs: readonly number[]): number {
  const view = new DataView(new ArrayBuffer(8));
  const scaled = (x: number): bigint => {
    view.setFloat64(0, x);
    const bits = view.getBigUint64(0);
    const exp = Number((bits >> 52n) & 0x7ffn);
    const mant = bits & ((1n << 52n) - 1n);
    const v = exp === 0 ? mant : (mant | (1n << 52n)) << BigInt(exp - 1);
    return bits >> 63n ? -v : v;
  };
  const total = xs.reduce((sum, x) => sum + scaled(x), 0n);
  const magnitude = total < 0n ? -total : total;
  const shift = Math.max(0, magnitude.toString(2).length - 60);
  let top = magnitude >> BigInt(shift);
  if (top << BigInt(shift) !== magnitude) top |= 1n;
  const half = Math.floor((shift - 1074) / 2);
  const value = Number(top) * 2 ** half * 2 ** (shift - 1074 - half);
  return total < 0n ? -value : value;
}

describe('ExactSum (Shewchuk partials, rounded once)', () => {
  it('gives the correctly rounded sum in any order, cancellation included', () => {
    // Magnitudes from 1e-200 (or 0) keep every exact sum a normal double, which the reference scales exactly.
    const double = fc.oneof(
      fc.constant(0),
      fc.double({ noNaN: true, min: 1e-200, max: 1e300 }),
      fc.double({ noNaN: true, min: -1e300, max: -1e-200 }),
    );
    fc.assert(
      fc.property(fc.array(double, { minLength: 1, maxLength: 40 }), fc.integer({ min: 0, max: 1e6 }), (xs, seed) => {
        const s = new ExactSum();
        for (const x of xs) s.add(x);
        const shuffled = [...xs].sort((a, b) => ((a * 7919 + seed) % 13) - ((b * 7919 + seed) % 13));
        const t = new ExactSum();
        for (const x of shuffled) t.add(x);
        expect(s.value()).toBe(exactSum(xs));
        expect(t.value()).toBe(s.value());
      }),
      { numRuns: 300 },
    );
  });
  it('sums 1e100, 1, −1e100 to 1, where plain addition gives 0', () => {
    const s = new ExactSum();
    for (const x of [1e100, 1, -1e100]) s.add(x);
    expect(s.value()).toBe(1);
  });
});

/** Values with a heavy right tail, ties and an atom: like a month's spend. */
function spendLike(name: string, n: number): Float64Array {
  const s = testStream(name);
  return Float64Array.from({ length: n }, () => (s.u() < 0.3 ? 500 : Math.round(Math.exp(4 * s.u()) * 100) / 4));
}

/** Feeds `values` in uneven pieces (whole trials of `perTrial`), then finishes, with a second pass when asked for. */
function streamed(values: Float64Array, perTrial: number, settings: OrderSettings) {
  const targets = summaryTargets(values.length);
  const feed = (order: StreamingOrder) => {
    for (let at = 0, k = 1; at < values.length; k++) {
      const take = Math.min(values.length - at, perTrial * (1 + ((k * 37) % 50)));
      order.add(values.subarray(at, at + take));
      at += take;
    }
    return order.finish();
  };
  const first = new StreamingOrder(values.length, perTrial, targets, settings);
  const result = feed(first);
  if (result) return { result, passes: 1, targets };
  return { result: feed(first.secondPass())!, passes: 2, targets };
}

function sortedFacts(values: Float64Array) {
  const sorted = Float64Array.from(values).sort();
  const { ranks, tailStart } = summaryTargets(values.length);
  const tail = new ExactSum();
  for (let i = tailStart; i < sorted.length; i++) tail.add(sorted[i]!);
  return { at: new Map(ranks.map((r) => [r, sorted[r]!])), tailSum: tail.value() };
}

describe('StreamingOrder: exact order statistics in bounded memory', () => {
  const shapes: [string, (n: number) => Float64Array][] = [
    ['spend-like (atom, ties, heavy tail)', (n) => spendLike('shape', n)],
    ['continuous', (n) => Float64Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898) * 43758.5453)],
    ['ascending (every estimate drifts)', (n) => Float64Array.from({ length: n }, (_, i) => i)],
    ['descending', (n) => Float64Array.from({ length: n }, (_, i) => -i)],
    ['constant', (n) => new Float64Array(n).fill(7)],
    [
      'signed, with −0 and +0',
      (n) => Float64Array.from({ length: n }, (_, i) => (i % 7 === 0 ? (i % 2 ? -0 : 0) : Math.tan(i) * (i % 3 ? 1 : 1e-300))),
    ],
  ];
  for (const [name, make] of shapes) {
    it(`matches a full sort: ${name}`, () => {
      const values = make(60_000);
      const want = sortedFacts(values);
      for (const settings of [
        { pilot: 512, windowSe: WINDOW_SE },
        { pilot: 4096, windowSe: WINDOW_SE },
        // No width at all: every window misses and the second pass must still be exact.
        { pilot: 512, windowSe: 0 },
        // Everything in the pilot: selected in memory.
        { pilot: 1 << 17, windowSe: WINDOW_SE },
      ]) {
        const { result } = streamed(values, 12, settings);
        for (const [r, v] of want.at) expect(result.at(r)).toBe(v);
        expect(result.tailSum).toBe(want.tailSum);
      }
    });
  }

  it('needs one pass on trials in random order, and keeps about 2 × WINDOW_SE × 2.5 √n values, not all of them', () => {
    const values = spendLike('memory', 400_000);
    const settings = { pilot: 4096, windowSe: WINDOW_SE };
    const { passes } = streamed(values, 1, settings);
    expect(passes).toBe(1);
    const order = new StreamingOrder(values.length, 1, summaryTargets(values.length), settings);
    order.add(values);
    // Σ over the targets of 2 × WINDOW_SE √(q(1 − q) / n) × n, plus the buffer (at most as many again, and a pilot/4).
    const { ranks, tailStart } = summaryTargets(values.length);
    const width = [...ranks, tailStart].reduce((s, r) => {
      const q = r / (values.length - 1);
      return s + 2 * (WINDOW_SE * Math.sqrt(q * (1 - q) * values.length) + 1);
    }, 0);
    expect(order.keptValues()).toBeLessThanOrEqual(2 * width + settings.pilot / 4);
    // All at once: the pilot fills from the first values and the windows hold the rest.
    expect(order.finish()).toBeDefined();
  });
});

describe('summaries and analyses streamed equal those in memory', () => {
  it('summarize with a small pilot gives every statistic of the in-memory one, to the bit, whole or in pieces', () => {
    const values = spendLike('summary', 48_000);
    const inMemory = summarize(values, 12);
    for (const windowSe of [WINDOW_SE, 0]) {
      const settings = { pilot: 256, windowSe };
      // All at once: the pilot fills from the first values, the windows take the rest.
      expect(summarize(values, 12, settings)).toEqual(inMemory);
      const acc = new SummaryAccumulator(4000, 12, settings);
      for (let at = 0; at < values.length; at += 12 * 300) acc.add(values.subarray(at, at + 12 * 300));
      const firstPass = acc.finish();
      // Windows of no width always miss; with WINDOW_SE the first pass holds.
      expect(firstPass === undefined).toBe(windowSe === 0);
      if (firstPass) expect(firstPass).toEqual(inMemory);
      else {
        acc.secondPass();
        for (let at = 0; at < values.length; at += 12 * 300) acc.add(values.subarray(at, at + 12 * 300));
        expect(acc.finish()).toEqual(inMemory);
      }
    }
  });

  it('a whole analysis in windows (with and without second passes) is the in-memory analysis', { tags: ['slow'] }, () => {
    const { loaded, out } = simulateProfile(baseProfile(), { trials: 3000 });
    const inMemory = analyze(loaded.model, out);
    expect(analyze(loaded.model, out, { pilot: 256, windowSe: WINDOW_SE })).toEqual(inMemory);
    expect(analyze(loaded.model, out, { pilot: 256, windowSe: 0 })).toEqual(inMemory);
  });
});
