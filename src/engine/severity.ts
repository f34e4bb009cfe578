import { billedHours } from './billing.js';
import { exp, log, powInt } from './libm.js';
import { type Amount, FIXED, LOGNORMAL, TRIANGULAR, unknownKind } from './model.js';
import { normalCdf } from './ziggurat.js';

/**
 * One break-fix bill as a distribution, for the exact method (docs/model.md §7): the billing
 * rules of §4 folded into the severity. Labour H has a CDF; billed hours B are H in whole
 * increments, at least the minimum; the bill is B × rate × (after hours? multiplier : 1) plus
 * the trip fee on site, in cents. With an increment (or a fixed H) B takes only the values
 * j × increment, and the bill's distribution is a list of atoms, exact; without one, the bill
 * is continuous above the minimum and is put on the grid by the method of rounding (Loss
 * Models §9.6.1: the probability of (x − h/2, x + h/2] goes to x).
 */

export interface BreakFixBilling {
  readonly rate: number;
  readonly minimumHours: number;
  readonly incrementHours: number;
  readonly multiplier: number;
  readonly afterShare: number;
  readonly onsiteShare: number;
  readonly tripFee: number;
}

/** P(H ≤ x) for an amount. */
export function amountCdf(x: Amount, at: number): number {
  switch (x.kind) {
    case FIXED:
      return at >= x.a ? 1 : 0;
    case LOGNORMAL:
      return at <= 0 ? 0 : normalCdf((log(at) - x.a) / x.b);
    case TRIANGULAR: {
      const [l, m, h] = [x.a, x.b, x.c];
      if (at <= l) return 0;
      if (at >= h) return 1;
      if (at <= m) return ((at - l) * (at - l)) / ((h - l) * (m - l));
      return 1 - ((h - at) * (h - at)) / ((h - l) * (h - m));
    }
    default:
      return unknownKind(x.kind);
  }
}

/** The four ways one incident is billed: normal or after hours, remote or on site, with their probabilities. */
function variants(b: BreakFixBilling): { weight: number; multiplier: number; trip: number }[] {
  const out = [];
  for (const after of [false, true])
    for (const onsite of [false, true]) {
      const weight = (after ? b.afterShare : 1 - b.afterShare) * (onsite ? b.onsiteShare : 1 - b.onsiteShare);
      if (weight > 0) out.push({ weight, multiplier: after ? b.multiplier : 1, trip: onsite ? b.tripFee : 0 });
    }
  return out;
}

/** Bills beyond this share of the tail add nothing a double holds to the moments' sums. */
const TAIL = 1e-14;

/**
 * Billed hours as atoms (value, probability) up to `upTo` hours, when B takes whole increments
 * (or H is fixed); the probability beyond `upTo` is returned apart.
 */
export function billedAtoms(
  labor: Amount,
  minimum: number,
  increment: number,
  upTo: number,
): { hours: number[]; probs: number[]; beyond: number } {
  if (labor.kind === FIXED) {
    const b = billedHours(labor.a, minimum, increment);
    return b <= upTo ? { hours: [b], probs: [1], beyond: 0 } : { hours: [], probs: [], beyond: 1 };
  }
  const hours: number[] = [];
  const probs: number[] = [];
  // H ≤ 0 bills the minimum; H in ((j − 1)·inc, j·inc] bills max(j·inc, minimum) (the engine's 1e-9 only moves exact multiples, of probability 0).
  let below = amountCdf(labor, 0);
  let atMinimum = below;
  let beyond = 0;
  for (let j = 1; ; j++) {
    const top = j * increment;
    const f = amountCdf(labor, top);
    const p = f - below;
    if (top <= minimum) atMinimum += p;
    else if (top > upTo) {
      beyond = 1 - below;
      break;
    } else if (p > 0) {
      hours.push(top);
      probs.push(p);
    }
    below = f;
    if (1 - f < TAIL && top >= minimum) {
      beyond = 1 - f;
      break;
    }
  }
  if (atMinimum > 0 && minimum <= upTo) {
    hours.unshift(minimum);
    probs.unshift(atMinimum);
  }
  return { hours, probs, beyond };
}

/** E[H^k; H > a] in closed form for a lognormal; for a triangle, Simpson's rule on each linear piece (exact: x^k f is a cubic). */
export function partialMoment(x: Amount, k: number, a: number): number {
  if (x.kind === FIXED) return x.a > a ? powInt(x.a, k) : 0;
  if (x.kind === LOGNORMAL) {
    const from = a <= 0 ? Number.NEGATIVE_INFINITY : log(a);
    return exp(k * x.a + (k * k * x.b * x.b) / 2) * normalCdf((x.a + k * x.b * x.b - from) / x.b);
  }
  if (x.kind === TRIANGULAR) {
    const [l, m, h] = [x.a, x.b, x.c];
    const density = (t: number) =>
      t < l || t > h ? 0 : t <= m ? (m === l ? 0 : (2 * (t - l)) / ((h - l) * (m - l))) : h === m ? 0 : (2 * (h - t)) / ((h - l) * (h - m));
    const simpson = (lo: number, hi: number) =>
      lo >= hi
        ? 0
        : ((hi - lo) / 6) *
          (powInt(lo, k) * density(lo) + 4 * powInt((lo + hi) / 2, k) * density((lo + hi) / 2) + powInt(hi, k) * density(hi));
    return simpson(Math.max(a, l), Math.max(a, m)) + simpson(Math.max(a, m), Math.max(a, h));
  }
  return unknownKind(x.kind);
}

/** E[B] and E[B²] of billed hours. */
export function billedMoments(labor: Amount, minimum: number, increment: number): [number, number] {
  if (labor.kind === FIXED) {
    const b = billedHours(labor.a, minimum, increment);
    return [b, b * b];
  }
  if (increment <= 0) {
    const f = amountCdf(labor, minimum);
    return [minimum * f + partialMoment(labor, 1, minimum), minimum * minimum * f + partialMoment(labor, 2, minimum)];
  }
  // Atoms until the tail is negligible; beyond, whole increments exceed H by half an increment on average.
  let below = amountCdf(labor, 0);
  // H ≤ 0 (a triangle from 0) bills the minimum.
  let m1 = minimum * below;
  let m2 = minimum * minimum * below;
  let j = 1;
  for (; j < 50_000_000; j++) {
    const f = amountCdf(labor, j * increment);
    const b = Math.max(j * increment, minimum);
    m1 += b * (f - below);
    m2 += b * b * (f - below);
    below = f;
    if (1 - f < TAIL && j * increment >= minimum) break;
  }
  const a = j * increment;
  const c = increment / 2;
  const s = 1 - below;
  const e1 = partialMoment(labor, 1, a);
  return [m1 + e1 + c * s, m2 + partialMoment(labor, 2, a) + 2 * c * e1 + c * c * s];
}

/** E[X] and E[X²] of one incident's bill, in currency (the cent rounding of each bill is left out: below half a cent). */
export function billMoments(labor: Amount, b: BreakFixBilling): { mean: number; second: number } {
  const [e1, e2] = billedMoments(labor, b.minimumHours, b.incrementHours);
  let mean = 0;
  let second = 0;
  for (const v of variants(b)) {
    const rm = b.rate * v.multiplier;
    mean += v.weight * (rm * e1 + v.trip);
    second += v.weight * (rm * rm * e2 + 2 * rm * v.trip * e1 + v.trip * v.trip);
  }
  return { mean, second };
}

/** Every value one bill can take, in whole cents, when bills are atoms (an increment or a fixed H); undefined when continuous. */
export function billAtomsCents(labor: Amount, b: BreakFixBilling, upToCents: number): { cents: number[]; probs: number[] } | undefined {
  if (labor.kind !== FIXED && b.incrementHours <= 0) return undefined;
  const hoursCap = upToCents / 100 / Math.max(1e-12, b.rate);
  const atoms = billedAtoms(labor, b.minimumHours, b.incrementHours, hoursCap);
  const cents: number[] = [];
  const probs: number[] = [];
  for (const v of variants(b)) {
    atoms.hours.forEach((h, i) => {
      cents.push(Math.round((h * v.multiplier * b.rate + v.trip) * 100));
      probs.push(v.weight * atoms.probs[i]!);
    });
  }
  return { cents, probs };
}

/**
 * One bill's probabilities on the grid 0, h, 2h, … (h in cents), the first n points: atoms at
 * their grid point (exactly, when h divides them all; else at the nearest, the method of
 * rounding), a continuous bill by the method of rounding on the CDF of B = max(minimum, H).
 */
export function billGrid(labor: Amount, b: BreakFixBilling, stepCents: number, n: number): Float64Array {
  const f = new Float64Array(n);
  const atoms = billAtomsCents(labor, b, stepCents * n);
  if (atoms) {
    atoms.cents.forEach((c, i) => {
      const k = Math.round(c / stepCents);
      if (k < n) f[k]! += atoms.probs[i]!;
    });
    return f;
  }
  const cdfB = (hours: number) => (hours < b.minimumHours ? 0 : amountCdf(labor, hours));
  for (const v of variants(b)) {
    const perHour = b.rate * v.multiplier * 100;
    // P(bill ≤ x cents) = P(B ≤ (x − trip) / (rate × multiplier)).
    const cdf = (x: number) => (perHour > 0 ? cdfB((x - v.trip * 100) / perHour) : x >= v.trip * 100 ? 1 : 0);
    let below = cdf(-stepCents / 2);
    for (let k = 0; k < n; k++) {
      const at = cdf((k + 0.5) * stepCents);
      f[k]! += v.weight * (at - below);
      below = at;
    }
  }
  return f;
}
