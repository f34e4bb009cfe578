import seedrandom from 'seedrandom';

const BUFFER = 512;
const TWO_POW_32_INV = 1 / 4294967296;

/**
 * A stream of uniforms in the open interval (0, 1).
 *
 * The generator is sfc32 (Doty-Humphrey's small fast counting generator), hand-written
 * because seedrandom's own generators are 2-10x slower in a hot loop (tech notes §4);
 * seedrandom's alea turns the stream's name into the 128-bit starting state, so every
 * (seed, block, stream) gets an independent, reproducible sequence. Uniforms are made
 * in batches into a Float64Array because a tiny method that reads a typed array inlines
 * better than one that runs the generator.
 */
export class Stream {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  readonly buf = new Float64Array(BUFFER);
  private pos = BUFFER;

  constructor(name: string) {
    const seeder = seedrandom.alea(name);
    this.a = seeder.int32() | 0;
    this.b = seeder.int32() | 0;
    this.c = seeder.int32() | 0;
    this.d = 1; // sfc32's counter; the reference seeding starts it at 1
    // Discard the first 16 outputs (sfc32's reference seeding mixes the state with 12);
    // 16 keeps reads of eight at a time aligned with the buffer's end.
    this.refill();
    this.pos = 16;
  }

  /**
   * Reserves the next eight uniforms and returns the index of the first in `buf`: one
   * bounds check for a whole incident instead of eight. Only for streams read in eights.
   */
  take8(): number {
    if (this.pos === BUFFER) this.refill();
    const p = this.pos;
    this.pos = p + 8;
    return p;
  }

  /** One uniform in (0, 1): 32 random bits centred in their cell, so never 0 or 1. */
  u(): number {
    if (this.pos === BUFFER) this.refill();
    return this.buf[this.pos++]!;
  }

  private refill(): void {
    const buf = this.buf;
    // The generator inlined with its state in locals: a method call per word costs 2x.
    let a = this.a;
    let b = this.b;
    let c = this.c;
    let d = this.d;
    for (let i = 0; i < BUFFER; i++) {
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (c << 21) | (c >>> 11);
      c = (c + t) | 0;
      buf[i] = ((t >>> 0) + 0.5) * TWO_POW_32_INV;
    }
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
    this.pos = 0;
  }

}

/** Trials run in blocks of this many; each block's streams depend only on (seed, block). */
export const BLOCK_SIZE = 1024;

/** The stream for one named purpose inside one block of trials. */
export function blockStream(seed: number, block: number, name: string): Stream {
  return new Stream(`supportcast/1:${seed}:${block}:${name}`);
}
