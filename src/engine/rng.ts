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
  private readonly buf = new Float64Array(BUFFER);
  private pos = BUFFER;

  constructor(name: string) {
    const seeder = seedrandom.alea(name);
    this.a = seeder.int32() | 0;
    this.b = seeder.int32() | 0;
    this.c = seeder.int32() | 0;
    this.d = 1; // sfc32's counter; the reference seeding starts it at 1
    // Discard the first outputs: sfc32's reference seeding mixes the state this way.
    for (let i = 0; i < 12; i++) this.word();
  }

  /** One uniform in (0, 1): 32 random bits centred in their cell, so never 0 or 1. */
  u(): number {
    if (this.pos === BUFFER) this.refill();
    return this.buf[this.pos++]!;
  }

  private refill(): void {
    const buf = this.buf;
    for (let i = 0; i < BUFFER; i++) buf[i] = (this.word() + 0.5) * TWO_POW_32_INV;
    this.pos = 0;
  }

  private word(): number {
    let { a, b, c, d } = this;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
    return t >>> 0;
  }
}

/** Trials run in blocks of this many; each block's streams depend only on (seed, block). */
export const BLOCK_SIZE = 1024;

/** The stream for one named purpose inside one block of trials. */
export function blockStream(seed: number, block: number, name: string): Stream {
  return new Stream(`supportcast/1:${seed}:${block}:${name}`);
}
