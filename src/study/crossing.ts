/**
 * Where a function of one input crosses zero, found with as few evaluations as possible, since
 * each one is a simulation run (docs/decisions.md). The function is the decision's margin:
 * positive while the base recommendation wins, zero where it stops winning.
 *
 * The method: from the base value, one probe a quarter of the way further; then secant steps
 * (exact in one step when the margin is linear, as it is in a fixed price), which extrapolate
 * towards the root until the sign changes; then the Illinois variant of regula falsi inside the
 * bracket, which keeps the secant's speed without false position's stalling at one end. The
 * search runs in the direction the margin shrinks, within [lo, hi]; integer inputs (headcounts)
 * are bracketed between consecutive whole numbers.
 */

export interface CrossingProblem {
  readonly f: (x: number) => Promise<number>;
  readonly x0: number;
  readonly f0: number;
  readonly lo: number;
  readonly hi: number;
  readonly integer: boolean;
  /** |f| at or below this is a root: a hundredth of the margin's Monte Carlo error is plenty. */
  readonly tolerance: number;
  /** The margin's Monte Carlo standard error: a bracket narrower than a twentieth of what it means for x is narrow enough. */
  readonly marginSe?: number;
  readonly maxEvaluations?: number;
}

export interface Crossing {
  /** The root: where the margin is (interpolated to be) zero. */
  readonly x: number;
  /** The bracket the root lies in: f(inside) > 0 at the base's side, f(outside) ≤ 0. */
  readonly inside: number;
  readonly outside: number;
  /** The margin's slope at the root (from the final bracket or secant), for its standard error. */
  readonly slope: number;
}

export type CrossingResult = { found: true; crossing: Crossing } | { found: false; searched: readonly [number, number] };

/** A bracket narrower than this share of the value is a root: far below any simulation's error. */
const X_TOLERANCE = 1e-5;

interface Sample {
  readonly x: number;
  readonly f: number;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

function slopeOf(a: Sample, b: Sample): number {
  return b.x === a.x ? 0 : (b.f - a.f) / (b.x - a.x);
}

/** The zero of the line through a and b. */
function secantRoot(a: Sample, b: Sample): number {
  return b.x - (b.f * (b.x - a.x)) / (b.f - a.f);
}

export async function findCrossing(p: CrossingProblem): Promise<CrossingResult> {
  const budget = p.maxEvaluations ?? 40;
  let used = 0;
  const at = async (x: number): Promise<Sample> => {
    used++;
    return { x, f: await p.f(x) };
  };
  const base: Sample = { x: p.x0, f: p.f0 };
  if (base.f <= 0) return { found: true, crossing: { x: base.x, inside: base.x, outside: base.x, slope: 0 } };
  const searched: [number, number] = [base.x, base.x];
  const note = (x: number) => {
    searched[0] = Math.min(searched[0], x);
    searched[1] = Math.max(searched[1], x);
  };
  for (const direction of directions(p)) {
    const r = await walk(p, base, direction, at, () => used < budget, note);
    if (r) return { found: true, crossing: r };
  }
  return { found: false, searched };
}

/** Up first, then down; a base at a bound searches only the other way. */
function directions(p: CrossingProblem): (1 | -1)[] {
  return ([1, -1] as const).filter((d) => (d > 0 ? p.x0 < p.hi : p.x0 > p.lo));
}

/** The first probe from the base: a quarter of the value (one unit for whole numbers, or a tenth of the range from 0). */
function probe(p: CrossingProblem, direction: 1 | -1): number {
  const step = p.x0 !== 0 ? Math.abs(p.x0) / 4 : (p.hi - p.lo) / 10;
  const x = clamp(p.x0 + direction * (p.integer ? Math.max(1, Math.round(step)) : step), p.lo, p.hi);
  return p.integer ? Math.round(x) : x;
}

/**
 * Secant steps away from the base in one direction until the margin changes sign (then the
 * bracket is refined) or stops shrinking in this direction, or the bound is reached.
 */
async function walk(
  p: CrossingProblem,
  base: Sample,
  direction: 1 | -1,
  at: (x: number) => Promise<Sample>,
  more: () => boolean,
  note: (x: number) => void,
): Promise<Crossing | undefined> {
  const bound = direction > 0 ? p.hi : p.lo;
  let prev = base;
  let cur = await at(probe(p, direction));
  note(cur.x);
  while (more()) {
    if (cur.f <= 0) return refine(p, prev, cur, at, more);
    const s = slopeOf(prev, cur);
    if (s * direction >= 0 && cur.x === bound) return undefined;
    // Growing this way: the margin is checked at the bound too, so "no change up to the bound" is measured, not assumed.
    if (s * direction > 0) return atBound(p, cur, bound, at, more, note);
    let next: number;
    if (s === 0) next = cur.x + 2 * (cur.x - prev.x);
    else next = secantRoot(prev, cur);
    // Never back towards the base, and at least a few per cent further each time, so a curved margin is still passed.
    const least = cur.x + direction * Math.max(Math.abs(cur.x - prev.x) * 0.05, p.integer ? 1 : 0);
    next = direction > 0 ? Math.max(next, least) : Math.min(next, least);
    next = clamp(p.integer ? (direction > 0 ? Math.ceil(next) : Math.floor(next)) : next, p.lo, p.hi);
    if (next === cur.x) return atBound(p, cur, bound, at, more, note);
    const sample = await at(next);
    note(sample.x);
    if (Math.abs(sample.f) <= p.tolerance && !p.integer)
      return { x: sample.x, inside: sample.x, outside: sample.x, slope: slopeOf(cur, sample) };
    prev = cur;
    cur = sample;
  }
  return undefined;
}

/** The margin at the bound: a crossing there after all is refined; else none on this side. */
async function atBound(
  p: CrossingProblem,
  cur: Sample,
  bound: number,
  at: (x: number) => Promise<Sample>,
  more: () => boolean,
  note: (x: number) => void,
): Promise<Crossing | undefined> {
  if (cur.x === bound || !more()) return undefined;
  const end = await at(bound);
  note(end.x);
  return end.f <= 0 ? refine(p, cur, end, at, more) : undefined;
}

/** Illinois regula falsi on [inside, outside], f(inside) > 0 ≥ f(outside). */
async function refine(
  p: CrossingProblem,
  inside: Sample,
  outside: Sample,
  at: (x: number) => Promise<Sample>,
  more: () => boolean,
): Promise<Crossing> {
  // The chord across the first bracket gives the slope the answer's error is judged by: a
  // bracket narrowed onto a jump (a percentile of few trials steps) would claim an infinite slope.
  const chord = slopeOf(inside, outside);
  let a = inside;
  let b = outside;
  // The weights Illinois halves, kept apart from the true values the answer interpolates.
  let fa = a.f;
  let fb = b.f;
  let side = 0;
  const resolution = chord !== 0 && p.marginSe !== undefined ? (0.05 * p.marginSe) / Math.abs(chord) : 0;
  const done = () =>
    p.integer ? Math.abs(b.x - a.x) <= 1 : Math.abs(b.x - a.x) <= Math.max(resolution, X_TOLERANCE * Math.max(1e-6, Math.abs(a.x)));
  while (!done() && more()) {
    let c = b.x - (fb * (b.x - a.x)) / (fb - fa);
    if (p.integer) {
      c = Math.round(c);
      if (c === a.x || c === b.x) c = a.x + Math.sign(b.x - a.x) * Math.floor(Math.abs(b.x - a.x) / 2);
    }
    const s = await at(c);
    if (!p.integer && Math.abs(s.f) <= p.tolerance) return { x: s.x, inside: s.x, outside: s.x, slope: chord };
    if (s.f > 0) {
      a = s;
      fa = s.f;
      if (side === 1) fb /= 2;
      side = 1;
    } else {
      b = s;
      fb = s.f;
      if (side === -1) fa /= 2;
      side = -1;
    }
  }
  return { x: a.f === b.f ? b.x : secantRoot(a, b), inside: a.x, outside: b.x, slope: chord };
}
