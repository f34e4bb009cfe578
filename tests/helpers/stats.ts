/** Sample moments and their standard errors, for tests against closed forms. */
export interface Moments {
  n: number;
  mean: number;
  variance: number;
  /** Standard error of the sample mean: s / √n. */
  meanSe: number;
  /** Standard error of the sample variance, √((m4 − s⁴) / n) from the sample's own fourth moment. */
  varianceSe: number;
}

export function moments(xs: ArrayLike<number>): Moments {
  const n = xs.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += xs[i]!;
  const mean = sum / n;
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = xs[i]! - mean;
    const d2 = d * d;
    m2 += d2;
    m4 += d2 * d2;
  }
  const variance = m2 / (n - 1);
  m4 /= n;
  return { n, mean, variance, meanSe: Math.sqrt(variance / n), varianceSe: Math.sqrt(Math.max(0, m4 - variance * variance) / n) };
}

/** |observed − expected| in standard errors. */
export function zScore(observed: number, expected: number, se: number): number {
  return Math.abs(observed - expected) / se;
}

import { purposeKey } from '../../src/engine/hash.js';
import { Stream } from '../../src/engine/rng.js';

/** A stream of uniforms for a test, started at an address named by `name`. */
export function testStream(name: string): Stream {
  const s = new Stream();
  s.restart(purposeKey(0, name), 0, 0, 0);
  return s;
}
