import seedrandom from 'seedrandom';

const BUFFER = 512;
const TWO_POW_32_INV = 1 / 4294967296;

/**
 * A stream of uniforms in the open interval (0, 1).
 *
 * The generator is sfc32 (Doty-Humphrey's small fast counting generator), hand-written
 * because seedrandom's own generators are 2-10x slower in a hot loop (tech notes §4);
 * seedrandom's alea turns the stream's name into the 128-bit starting state, so every
 * (seed, block, stream) gets an independent, reproducible sequence.
 *
 * A stream is read either one uniform at a time (`u`, from a buffer refilled 512 at a
 * time, because a tiny method reading a typed array inlines where the generator would
 * not) or in runs (`fill`), never both.
 */
export class Stream {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private readonly buf = new Float64Array(BUFFER);
  private pos = BUFFER;

  constructor(name: string) {
    const seeder = seedrandom.alea(name);
    this.a = seeder.int32() | 0;
    this.b = seeder.int32() | 0;
    this.c = seeder.int32() | 0;
    this.d = 1; // sfc32's counter; the reference seeding starts it at 1
    // sfc32's reference seeding discards 12 outputs to mix the state.
    this.discard(12);
  }

  /** One uniform in (0, 1): 32 random bits centred in their cell, so never 0 or 1. */
  u(): number {
    if (this.pos === BUFFER) {
      this.fill(this.buf, BUFFER);
      this.pos = 0;
    }
    return this.buf[this.pos++]!;
  }

  /** Writes the next n uniforms into dst[0..n). The generator runs with its state in locals. */
  fill(dst: Float64Array, n: number): void {
    let a = this.a;
    let b = this.b;
    let c = this.c;
    let d = this.d;
    for (let i = 0; i < n; i++) {
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

  private discard(n: number): void {
    const scratch = new Float64Array(n);
    this.fill(scratch, n);
  }
}

/** Trials run in blocks of this many; each block's streams depend only on (seed, block). */
export const BLOCK_SIZE = 1024;

/** The stream for one named purpose inside one block of trials. */
export function blockStream(seed: number, block: number, name: string): Stream {
  return new Stream(`supportcast/1:${seed}:${block}:${name}`);
}
