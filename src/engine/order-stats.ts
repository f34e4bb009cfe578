import { quickselect } from 'simple-statistics';
import { ExactSum } from './exact-sum.js';

/**
 * Exact order statistics of a stream whose length is known in advance, at ranks fixed in
 * advance, in memory that grows with √n rather than n (docs/model.md §6, "Percentiles in
 * bounded memory").
 *
 * The first PILOT_VALUES values are kept as they come. Past that, only values inside
 * *windows* are kept — value intervals around each target's current estimate, as wide as
 * WINDOW_SE standard errors of the empirical CDF (trials are the independent unit, so a
 * trial's months count as one) — and every other value is counted (and, for the CVaR,
 * summed exactly) in the *gap* between two windows it falls in. Windows only narrow, inside
 * the windows before them, so a gap's count is exact: at the end each target rank is found
 * inside a window, and its value read there. If a target fell in a gap (its estimate moved
 * more than WINDOW_SE standard errors, about 1 in 10⁹ a window each time it narrows), `finish` says so and the
 * caller feeds every value once more into `secondPass()`, which keeps those gaps too.
 * Equal values are kept as one value and a count, so an atom (a flat fee with no incident)
 * costs nothing however large.
 */

/** Values kept as they come before windows start (1 MB): every run up to it is selected in memory. */
export const PILOT_VALUES = 1 << 17;
/**
 * A window's half-width in standard errors of the empirical CDF at its target. The final rank
 * of a window's edge moves from its estimate by at most one such error (the trials still to
 * come and the estimate's own error together), so 6 leaves a miss at about 1 in 10⁹ per
 * window and narrowing; a miss costs a second pass, never a wrong number.
 */
export const WINDOW_SE = 6;

/** What the stream's statistics need: the values at `ranks` and the sum of every value from rank `tailStart` on. */
export interface OrderTargets {
  readonly ranks: readonly number[];
  readonly tailStart: number;
}

/** Every rank a stream must find: the targets' and the tail's start. */
function ranksOf(targets: OrderTargets): number[] {
  return [...targets.ranks, targets.tailStart];
}

export interface OrderResult {
  /** The value at rank r (0-based, ascending); r must be one of the targets. */
  readonly at: (rank: number) => number;
  /** The exact sum of the values at ranks tailStart … n − 1, rounded once. */
  readonly tailSum: number;
}

export interface OrderSettings {
  readonly pilot: number;
  readonly windowSe: number;
}

const DEFAULTS: OrderSettings = { pilot: PILOT_VALUES, windowSe: WINDOW_SE };

type Counts = Uint32Array | Float64Array;

/**
 * Sorted distinct values, how often each came, and their ranks, in arrays kept from one
 * compaction to the next: merging in place from the end and filtering in place, so a long run
 * allocates only when the store grows (fresh arrays at each compaction fragmented the heap:
 * the process held twice its live data). 32-bit counts while the stream is shorter than 2³²
 * values: 12 bytes a run.
 */
class RunStore {
  values = new Float64Array(0);
  counts: Counts;
  length = 0;

  constructor(private readonly wide: boolean) {
    this.counts = this.countArray(0);
  }

  private countArray(n: number): Counts {
    return this.wide ? new Float64Array(n) : new Uint32Array(n);
  }

  private reserve(n: number): void {
    if (this.values.length >= n) return;
    this.resize(Math.max(n, Math.floor(this.values.length * 1.5)));
  }

  private resize(capacity: number): void {
    const values = new Float64Array(capacity);
    const counts = this.countArray(capacity);
    values.set(this.values.subarray(0, this.length));
    counts.set(this.counts.subarray(0, this.length));
    this.values = values;
    this.counts = counts;
  }

  /** Merges sorted values in, from the end backwards, so the merge needs no second array. */
  merge(sorted: Float64Array): void {
    const total = this.length + sorted.length;
    this.reserve(total);
    const { values, counts } = this;
    let i = this.length - 1;
    let j = sorted.length - 1;
    // The output grows down from total − 1; w is the slot written last (total: none yet).
    let w = total;
    while (i >= 0 || j >= 0) {
      let x: number;
      let c = 1;
      if (j < 0 || (i >= 0 && values[i]! > sorted[j]!)) {
        x = values[i]!;
        c = counts[i--]!;
      } else x = sorted[j--]!;
      if (w < total && values[w] === x) counts[w]! += c;
      else {
        w--;
        values[w] = x;
        counts[w] = c;
      }
    }
    values.copyWithin(0, w, total);
    counts.copyWithin(0, w, total);
    this.length = total - w;
  }

  /** Keeps the runs `keep` says yes to, in order, in place. */
  filter(keep: (x: number, count: number) => boolean): void {
    const { values, counts } = this;
    let kept = 0;
    for (let i = 0; i < this.length; i++) {
      if (!keep(values[i]!, counts[i]!)) continue;
      values[kept] = values[i]!;
      counts[kept++] = counts[i]!;
    }
    this.length = kept;
    // The first narrowing drops most of the pilot: give back what is not needed.
    if (this.values.length > 3 * kept + 1024) this.resize(Math.ceil(1.5 * kept) + 16);
  }
}

/** A value interval [lo, hi] whose values are all kept. */
interface Window {
  readonly lo: number;
  readonly hi: number;
}

/**
 * Sorted intervals with those that overlap (and `join` allows) made one: the windows a
 * narrowing or a second pass keeps.
 */
function mergeOverlapping<T extends Window>(sorted: readonly T[], join: (last: T, next: T) => boolean = () => true): T[] {
  const merged: T[] = [];
  for (const next of sorted) {
    const last = merged[merged.length - 1];
    if (last && next.lo <= last.hi && join(last, next)) merged[merged.length - 1] = { ...last, hi: Math.max(last.hi, next.hi) };
    else merged.push(next);
  }
  return merged;
}

export class StreamingOrder {
  private seen = 0;
  private buffer: Float64Array;
  private buffered = 0;
  /** Undefined while every value is still kept (the pilot). */
  private windows: Window[] | undefined;
  private runs: RunStore;
  /** Gap g holds the values between window g − 1 and window g (g = 0: below the first; g = W: above the last). */
  private gapCounts: number[] = [];
  private gapSums: ExactSum[] = [];
  private frozen = false;

  constructor(
    /** How many values will come in all. */
    readonly n: number,
    /** Values per trial (a trial's months): the trials seen are the sample size of a window's width. */
    readonly perTrial: number,
    readonly targets: OrderTargets,
    readonly settings: OrderSettings = DEFAULTS,
  ) {
    this.buffer = new Float64Array(Math.min(n, settings.pilot));
    this.runs = new RunStore(n >= 2 ** 32);
  }

  add(values: Float64Array): void {
    let i = 0;
    if (this.windows === undefined) {
      // Fill the pilot first, then start the windows from it for whatever is left.
      i = Math.min(values.length, this.buffer.length - this.buffered);
      this.buffer.set(values.subarray(0, i), this.buffered);
      this.buffered += i;
      this.seen += i;
      if (i === values.length) return;
      this.startWindows();
    }
    for (; i < values.length; i++) {
      // Compacting may narrow the windows, so it comes before the value is placed.
      if (this.buffered === this.buffer.length) this.compact();
      this.place(values[i]!);
    }
  }

  /** Files one value: into the buffer when inside a window, else into its gap's count and sum. */
  private place(x: number): void {
    this.seen++;
    const w = this.windows!;
    let g = 0;
    while (g < w.length && x > w[g]!.hi) g++;
    if (g < w.length && x >= w[g]!.lo) {
      this.buffer[this.buffered++] = x;
      return;
    }
    this.gapCounts[g]! += 1;
    this.gapSums[g]!.add(x);
  }

  /** The pilot is full: its values become the runs of one window over everything. */
  private startWindows(): void {
    this.windows = [{ lo: Number.NEGATIVE_INFINITY, hi: Number.POSITIVE_INFINITY }];
    this.gapCounts = [0, 0];
    this.gapSums = [new ExactSum(), new ExactSum()];
    this.compact();
  }

  /** Merges the buffer into the runs and, unless frozen, narrows the windows around the targets' estimates. */
  private compact(): void {
    this.runs.merge(this.buffer.subarray(0, this.buffered).sort());
    this.buffered = 0;
    if (!this.frozen) this.narrow();
    // Room for a quarter as many values as are kept: merging stays linear over the run (each
    // value is merged about four times), and the buffer adds 2 bytes a run.
    const room = Math.max(this.settings.pilot >> 2, this.runs.length >> 2, 16);
    if (this.buffer.length < room || this.buffer.length > 4 * room) this.buffer = new Float64Array(room);
  }

  /** The windows, runs and gaps after narrowing every window to its targets' current estimates. */
  private narrow(): void {
    const old = this.windows!;
    const ranked = rankRuns(this.runs, old, this.gapCounts);
    const pieces: { lo: number; hi: number; window: number }[] = [];
    const trialsSeen = this.seen / this.perTrial;
    for (const r of ranksOf(this.targets)) {
      const q = this.n > 1 ? r / (this.n - 1) : 0;
      const rho = q * (this.seen - 1);
      const half = this.settings.windowSe * Math.sqrt((q * (1 - q)) / trialsSeen) * this.seen + this.perTrial;
      for (const p of piecesOf(ranked, rho - half, rho + half)) pieces.push(p);
    }
    pieces.sort((a, b) => a.lo - b.lo);
    // Pieces of different old windows stay apart: a gap lies between them.
    this.regroup(
      old,
      mergeOverlapping(pieces, (last, next) => last.window === next.window),
    );
  }

  /** Moves runs outside the new windows, and the old gaps, into the new gaps. */
  private regroup(old: readonly Window[], windows: readonly (Window & { window: number })[]): void {
    const counts = new Array<number>(windows.length + 1).fill(0);
    const sums = Array.from({ length: windows.length + 1 }, () => new ExactSum());
    // Old gap g lies below old window g: in the new gap below the first new window inside old window g or later.
    let w = 0;
    for (let g = 0; g <= old.length; g++) {
      while (w < windows.length && windows[w]!.window < g) w++;
      counts[w]! += this.gapCounts[g]!;
      sums[w]!.addAll(this.gapSums[g]!);
    }
    w = 0;
    this.runs.filter((x, count) => {
      while (w < windows.length && x > windows[w]!.hi) w++;
      if (w < windows.length && x >= windows[w]!.lo) return true;
      counts[w]! += count;
      addTimes(sums[w]!, x, count);
      return false;
    });
    this.windows = windows.map(({ lo, hi }) => ({ lo, hi }));
    this.gapCounts = counts;
    this.gapSums = sums;
  }

  /** Values held now: distinct kept values plus the buffer's (a measure of memory, for tests). */
  keptValues(): number {
    return this.runs.length + this.buffered;
  }

  /**
   * The targets' values and the tail sum, or undefined when a target rank fell in a gap:
   * then feed every value again into `secondPass()`'s result.
   */
  finish(): OrderResult | undefined {
    if (this.seen !== this.n) throw new Error(`StreamingOrder: ${this.seen} values came, ${this.n} were announced`);
    if (this.windows === undefined) return selectInMemory(this.buffer.subarray(0, this.buffered), this.targets);
    this.compact();
    const ranked = rankRuns(this.runs, this.windows, this.gapCounts);
    const at = new Map<number, number>();
    for (const r of ranksOf(this.targets)) {
      const i = runAtRank(ranked, r);
      if (i === undefined) return undefined;
      at.set(r, this.runs.values[i]!);
    }
    return { at: (r) => at.get(r)!, tailSum: this.tailSum(ranked) };
  }

  /** Σ of the values at ranks ≥ tailStart: the partial run at the start, whole runs above, and every gap above. */
  private tailSum(ranked: RankedRuns): number {
    const start = this.targets.tailStart;
    const i0 = runAtRank(ranked, start)!;
    const sum = new ExactSum();
    const { values, counts } = this.runs;
    addTimes(sum, values[i0]!, ranked.before[i0]! + counts[i0]! - start);
    for (let i = i0 + 1; i < this.runs.length; i++) addTimes(sum, values[i]!, counts[i]!);
    for (let g = windowOf(ranked, i0) + 1; g < this.gapSums.length; g++) sum.addAll(this.gapSums[g]!);
    return sum.value();
  }

  /**
   * A new stream for a second pass over the same values: the windows and the gaps that held
   * a target are kept whole (their bounds are exact now), nothing narrows.
   */
  secondPass(): StreamingOrder {
    const ranked = rankRuns(this.runs, this.windows!, this.gapCounts);
    const missed = new Set<number>();
    for (const r of ranksOf(this.targets)) if (runAtRank(ranked, r) === undefined) missed.add(gapAtRank(ranked, r));
    const old = this.windows!;
    const bounds: Window[] = [];
    for (let g = 0; g <= old.length; g++) {
      if (missed.has(g))
        bounds.push({ lo: g > 0 ? old[g - 1]!.hi : Number.NEGATIVE_INFINITY, hi: g < old.length ? old[g]!.lo : Number.POSITIVE_INFINITY });
      if (g < old.length) bounds.push(old[g]!);
    }
    const merged = mergeOverlapping(bounds);
    const next = new StreamingOrder(this.n, this.perTrial, this.targets, this.settings);
    next.windows = merged;
    next.gapCounts = new Array<number>(merged.length + 1).fill(0);
    next.gapSums = Array.from({ length: merged.length + 1 }, () => new ExactSum());
    next.frozen = true;
    next.buffer = new Float64Array(Math.max(this.settings.pilot >> 2, 16));
    return next;
  }
}

/** Runs with their ranks (`before[i]` values lie below run i) and the windows they sit in; gap g's first rank. */
interface RankedRuns {
  readonly runs: RunStore;
  readonly before: Float64Array;
  readonly windows: readonly Window[];
  readonly gapStart: Float64Array;
}

/**
 * Ranks are needed only while a stream narrows or finishes, one stream at a time, so every
 * stream shares one scratch array for them rather than each keeping its own.
 */
let rankScratch = new Float64Array(0);

/** The runs' ranks, valid until the next call (on any stream). */
function rankRuns(runs: RunStore, windows: readonly Window[], gapCounts: readonly number[]): RankedRuns {
  if (rankScratch.length < runs.length) rankScratch = new Float64Array(Math.max(runs.length, Math.floor(rankScratch.length * 1.5)));
  const before = rankScratch;
  const gapStart = new Float64Array(gapCounts.length);
  let rank = 0;
  let i = 0;
  for (let g = 0; g < gapCounts.length; g++) {
    gapStart[g] = rank;
    rank += gapCounts[g]!;
    if (g === windows.length) break;
    const hi = windows[g]!.hi;
    while (i < runs.length && runs.values[i]! <= hi) {
      before[i] = rank;
      rank += runs.counts[i]!;
      i++;
    }
  }
  return { runs, before, windows, gapStart };
}

/** The window run i sits in. */
function windowOf(ranked: RankedRuns, i: number): number {
  const x = ranked.runs.values[i]!;
  let w = 0;
  while (x > ranked.windows[w]!.hi) w++;
  return w;
}

/** The first run whose ranks reach past `rank` (its last rank ≥ rank), or the number of runs. */
function firstRunEndingAfter(ranked: RankedRuns, rank: number): number {
  const { runs, before } = ranked;
  let lo = 0;
  let hi = runs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before[mid]! + runs.counts[mid]! <= rank) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The run holding rank r, or undefined when r falls in a gap. */
function runAtRank(ranked: RankedRuns, r: number): number | undefined {
  const i = firstRunEndingAfter(ranked, r);
  return i < ranked.runs.length && ranked.before[i]! <= r ? i : undefined;
}

function gapAtRank(ranked: RankedRuns, r: number): number {
  let g = 0;
  while (g + 1 < ranked.gapStart.length && ranked.gapStart[g + 1]! <= r) g++;
  return g;
}

/**
 * The parts of rank range [from, to] that lie in kept runs, one piece per window, as value
 * bounds: a new window never spans a gap, so every gap's count stays exact.
 */
function piecesOf(ranked: RankedRuns, from: number, to: number): { lo: number; hi: number; window: number }[] {
  const { runs, before } = ranked;
  const pieces: { lo: number; hi: number; window: number }[] = [];
  let i = firstRunEndingAfter(ranked, from);
  while (i < runs.length && before[i]! <= to) {
    const w = windowOf(ranked, i);
    const hi = ranked.windows[w]!.hi;
    let j = i;
    while (j + 1 < runs.length && runs.values[j + 1]! <= hi && before[j + 1]! <= to) j++;
    pieces.push({ lo: runs.values[i]!, hi: runs.values[j]!, window: w });
    i = j + 1;
  }
  return pieces;
}

/** Adds x × count exactly (count a whole number below 2⁵³): Dekker's two-product splits the rounding error off. */
function addTimes(sum: ExactSum, x: number, count: number): void {
  if (count === 1) {
    sum.add(x);
    return;
  }
  const p = x * count;
  const split = (a: number) => {
    const c = 134217729 * a; // 2^27 + 1
    const hi = c - (c - a);
    return [hi, a - hi] as const;
  };
  const [xh, xl] = split(x);
  const [ch, cl] = split(count);
  const err = xh * ch - p + xh * cl + xl * ch + xl * cl;
  sum.add(p);
  sum.add(err);
}

/**
 * Puts the order statistics at `ranks` in place in `a`: the middle rank by quickselect, then
 * each half's ranks inside that half (so the n values are partitioned about log₂(ranks)
 * times, not once per rank over everything to its right). A rank at either end of its range
 * is that range's minimum or maximum, found by a scan: R-7's ceiling ranks sit just above
 * their floors.
 */
function placeRanks(a: Float64Array, ranks: readonly number[]): void {
  const sorted = [...new Set(ranks)].filter((k) => k >= 0 && k < a.length).sort((x, y) => x - y);
  placeBetween(a, sorted, 0, sorted.length - 1, 0, a.length - 1);
}

/** placeRanks for ranks[lo..hi], all within a[left..right]. */
function placeBetween(a: Float64Array, ranks: readonly number[], lo: number, hi: number, left: number, right: number): void {
  if (lo > hi) return;
  const mid = (lo + hi) >> 1;
  const k = ranks[mid]!;
  if (k === left) swap(a, k, extremeIndex(a, left, right, -1));
  else if (k === right) swap(a, k, extremeIndex(a, left, right, 1));
  else quickselect(a as unknown as number[], k, left, right);
  placeBetween(a, ranks, lo, mid - 1, left, k - 1);
  placeBetween(a, ranks, mid + 1, hi, k + 1, right);
}

/** The index of a[left..right]'s first minimum (sign −1) or maximum (sign 1). */
function extremeIndex(a: Float64Array, left: number, right: number, sign: number): number {
  let at = left;
  for (let i = left + 1; i <= right; i++) if (sign * (a[i]! - a[at]!) > 0) at = i;
  return at;
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

/**
 * Every value is in memory: successive quickselects over shrinking ranges put the target
 * order statistics in place in a copy. (A radix selection — bucket counts, then only the
 * targets' buckets — measured slower here: its loops run once a run, mostly before V8
 * optimises them, while quickselect is hot from the batches.)
 */
function selectInMemory(values: Float64Array, targets: OrderTargets): OrderResult {
  const a = values.slice();
  placeRanks(a, ranksOf(targets));
  const sum = new ExactSum();
  for (let i = targets.tailStart; i < a.length; i++) sum.add(a[i]!);
  return { at: (r) => a[r]!, tailSum: sum.value() };
}
