import { exp, log } from './libm.js';
/** Where the ziggurat's rare rejections take their extra uniforms. */
export interface UniformSource {
  u(): number;
}

/**
 * Standard normals by Marsaglia and Tsang's ziggurat (2000), 128 layers, hand-written for
 * speed: 98.8% of draws cost a table lookup and a multiply, where the inverse CDF costs a
 * rational function and, in the tails, a logarithm.
 *
 * Each draw is made from one uniform of the incident stream (its 32 bits: the low 7 pick
 * the layer, the other 25 the position, so index and value use different bits as Doornik
 * (2005) advises); the rare rejections draw what they need from a separate stream, so every
 * incident still consumes exactly its eight uniforms.
 */
const LAYERS = 128;
const SCALE = 2 ** 24; // the 25 value bits, signed
const R = 3.442619855899; // where the tail starts
const V = 9.91256303526217e-3; // the area of each layer

const KN = new Float64Array(LAYERS);
const WN = new Float64Array(LAYERS);
const FN = new Float64Array(LAYERS);
{
  let dn = R;
  let tn = dn;
  const q = V / exp(-0.5 * dn * dn);
  KN[0] = (dn / q) * SCALE;
  KN[1] = 0;
  WN[0] = q / SCALE;
  WN[LAYERS - 1] = dn / SCALE;
  FN[0] = 1;
  FN[LAYERS - 1] = exp(-0.5 * dn * dn);
  for (let i = LAYERS - 2; i >= 1; i--) {
    dn = Math.sqrt(-2 * log(V / dn + exp(-0.5 * dn * dn)));
    KN[i + 1] = (dn / tn) * SCALE;
    tn = dn;
    FN[i] = exp(-0.5 * dn * dn);
    WN[i] = dn / SCALE;
  }
}

const TWO_POW_32 = 4294967296;

/** The layer a uniform picks: its word's low 7 bits. u = (t + 0.5) / 2^32, so t is exact. */
function layerOf(u: number): number {
  return (u * TWO_POW_32 - 0.5) & (LAYERS - 1);
}

/** The signed position within the layer from the word's other 25 bits, centred by a half so it is symmetric about 0. */
function positionOf(u: number): number {
  return ((u * TWO_POW_32 - 0.5) >>> 7) - SCALE + 0.5;
}

/** A standard normal from the uniform u (32 random bits centred in their cell, as Stream makes them). */
export function zigNormal(u: number, rejections: UniformSource): number {
  const iz = layerOf(u);
  const hz = positionOf(u);
  if (Math.abs(hz) < KN[iz]!) return hz * WN[iz]!;
  return zigReject(hz, iz, rejections);
}

/** The ziggurat's slow path: the wedge of a layer, or the tail beyond R. */
function zigReject(hz0: number, iz0: number, s: UniformSource): number {
  let hz = hz0;
  let iz = iz0;
  for (;;) {
    const x = hz * WN[iz]!;
    if (iz === 0) {
      // Marsaglia's tail method: exponentials until they land under the normal's tail.
      let tx: number;
      let ty: number;
      do {
        tx = -log(s.u()) / R;
        ty = -log(s.u());
      } while (ty + ty < tx * tx);
      return hz > 0 ? R + tx : -R - tx;
    }
    if (FN[iz]! + s.u() * (FN[iz - 1]! - FN[iz]!) < exp(-0.5 * x * x)) return x;
    const u = s.u();
    iz = layerOf(u);
    hz = positionOf(u);
    if (Math.abs(hz) < KN[iz]!) return hz * WN[iz]!;
  }
}

/**
 * The standard normal CDF: Hart's double-precision algorithm 5666 as given by West (2005).
 * Only options with a triangular response need it, to turn the shared normal back into the
 * shared uniform their quantile is taken at.
 */
export function normalCdf(x: number): number {
  const ax = Math.abs(x);
  let tail: number;
  if (ax > 37) tail = 0;
  else {
    const e = exp(-0.5 * ax * ax);
    if (ax < 7.07106781186547) {
      let n = 3.52624965998911e-2 * ax + 0.700383064443688;
      n = n * ax + 6.37396220353165;
      n = n * ax + 33.912866078383;
      n = n * ax + 112.079291497871;
      n = n * ax + 221.213596169931;
      n = n * ax + 220.206867912376;
      let d = 8.83883476483184e-2 * ax + 1.75566716318264;
      d = d * ax + 16.064177579207;
      d = d * ax + 86.7807322029461;
      d = d * ax + 296.564248779674;
      d = d * ax + 637.333633378831;
      d = d * ax + 793.826512519948;
      d = d * ax + 440.413735824752;
      tail = (e * n) / d;
    } else {
      let b = ax + 0.65;
      b = ax + 4 / b;
      b = ax + 3 / b;
      b = ax + 2 / b;
      b = ax + 1 / b;
      tail = e / b / 2.506628274631;
    }
  }
  return x > 0 ? 1 - tail : tail;
}
