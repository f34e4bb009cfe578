import { fmix, hash3, unitFromWord } from './hash.js';

const BUFFER = 64;
const TWO_POW_32_INV = 1 / 4294967296;
const GOLDEN = 0x9e3779b9 | 0;

/**
 * A stream of uniforms in (0, 1), started at an address: sfc32 (Doty-Humphrey's small fast
 * counting generator), seeded from a hash of (key, a, b, salt). Addressed draws (docs/model.md §1)
 * need many short streams — one per class, trial and month — and sfc32 is the cheapest
 * generator that is both fast in a loop and good from a hashed seed. Hand-written because
 * seedrandom's generators are 2-10× slower in a hot loop (tech notes §4).
 *
 * A stream is read either in runs (`fill`, into the incident columns) or one at a time
 * (`u`, for rejection samplers), and `restart` points it at a new address without
 * allocating, so the hot loop keeps one object per purpose.
 */
export class Stream {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 1;
  private readonly buf = new Float64Array(BUFFER);
  private pos = BUFFER;

  /** Restarts the stream at the address (key, a, b, salt): the same address, the same numbers. */
  restart(key: number, a: number, b: number, salt: number): void {
    const h = hash3(key, a, b, salt);
    this.a = h;
    this.b = fmix(h + GOLDEN);
    this.c = fmix(this.b + GOLDEN);
    this.d = 1; // sfc32's counter; the reference seeding starts it at 1
    this.pos = BUFFER;
    this.discard12();
  }

  /**
   * sfc32's reference seeding discards 12 outputs to mix the state. A loop of its own, not
   * `fill`: with one call site, fill inlines into the incident loop on every thread.
   */
  private discard12(): void {
    let a = this.a;
    let b = this.b;
    let c = this.c;
    let d = this.d;
    for (let i = 0; i < 12; i++) {
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (c << 21) | (c >>> 11);
      c = (c + t) | 0;
    }
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
  }

  /** One uniform in (0, 1). */
  u(): number {
    if (this.pos === BUFFER) {
      this.fill(this.buf, BUFFER);
      this.pos = 0;
    }
    return this.buf[this.pos++]!;
  }

  /** Writes the next n uniforms into dst[from..from + n). The generator runs with its state in locals. */
  fill(dst: Float64Array, n: number, from = 0): void {
    let a = this.a;
    let b = this.b;
    let c = this.c;
    let d = this.d;
    const end = from + n;
    for (let i = from; i < end; i++) {
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (c << 21) | (c >>> 11);
      c = (c + t) | 0;
      dst[i] = ((t >>> 0) + 0.5) * TWO_POW_32_INV;
    }
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
  }
}

/**
 * A stream that starts itself only when first read: the ziggurat's rare rejections (about
 * one normal in 80) draw from an address of their own, and most class-months need none.
 */
export class LazyStream {
  private readonly stream = new Stream();
  private started = false;
  private key = 0;
  private addrA = 0;
  private addrB = 0;
  private salt = 0;

  /** Points the stream at an address; nothing is computed until the first read. */
  at(key: number, a: number, b: number, salt: number): void {
    this.key = key;
    this.addrA = a;
    this.addrB = b;
    this.salt = salt;
    this.started = false;
  }

  u(): number {
    if (!this.started) {
      this.stream.restart(this.key, this.addrA, this.addrB, this.salt);
      this.started = true;
    }
    return this.stream.u();
  }
}

/** One uniform at the address (key, a, b, salt), without a stream. */
export function uniformAt(key: number, a: number, b: number, salt: number): number {
  return unitFromWord(hash3(key ^ salt, a, b, salt));
}

/** Trials are collected in blocks of this many: the batches of the percentile standard errors. */
export const BLOCK_SIZE = 1024;
