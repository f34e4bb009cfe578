/**
 * Keyed integer hashing for addressed random draws (docs/model.md §1 v2): every uniform is a
 * function of its address alone — (seed, purpose, trial, month, …) — so a draw never moves
 * because another draw was added, removed or reordered.
 *
 * The mixer is MurmurHash3's 32-bit block function and finaliser (Appleby, 2011) applied to
 * a few 32-bit words; its finaliser has full avalanche, which is what turns structured
 * counters (trial 1, 2, 3, …) into independent-looking words. Hand-written: it must inline
 * into the hot loop, and no package offers it for typed integers.
 */

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

function mixWord(h: number, word: number): number {
  let k = Math.imul(word, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  let x = h ^ k;
  x = (x << 13) | (x >>> 19);
  return (Math.imul(x, 5) + 0xe6546b64) | 0;
}

/** MurmurHash3's finaliser: every input bit flips every output bit with probability ½. */
export function fmix(h0: number): number {
  let h = h0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/** A 32-bit hash (as a signed int) of three words under a key. */
export function hash3(key: number, a: number, b: number, c: number): number {
  let h = mixWord(key, a);
  h = mixWord(h, b);
  h = mixWord(h, c);
  return fmix(h ^ 12);
}

/** The 32-bit key of a purpose (a class's name, an input's path) under a seed: MurmurHash3 of its text. */
export function purposeKey(seed: number, purpose: string): number {
  const text = `supportcast/2:${seed}:${purpose}`;
  let h = 0x5bd1e995;
  for (let i = 0; i < text.length; i++) h = mixWord(h, text.charCodeAt(i));
  return fmix(h ^ text.length);
}

const TWO_POW_32_INV = 1 / 4294967296;
const TWO_POW_53_INV = 1 / 9007199254740992;

/** A uniform in (0, 1) from a 32-bit word: its cell's centre, so never 0 or 1. */
export function unitFromWord(word: number): number {
  return ((word >>> 0) + 0.5) * TWO_POW_32_INV;
}

/** A uniform in (0, 1) with 53 random bits, from the address (key, a, b): for per-trial inputs, whose quantiles reach into the tails. */
export function unit53(key: number, a: number, b: number): number {
  const hi = hash3(key, a, b, 0x68692d31) >>> 5; // 27 bits
  const lo = hash3(key, a, b, 0x6c6f2d32) >>> 6; // 26 bits
  return (hi * 67108864 + lo + 0.5) * TWO_POW_53_INV;
}
