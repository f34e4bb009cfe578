import { FIXED, type IncidentClassModel, type Model } from './model.js';
import { type CountLaw, convolve, gridQuantile, panjer } from './panjer.js';
import { type BreakFixBilling, billAtomsCents, billGrid, billMoments } from './severity.js';

/**
 * Break-fix's monthly spend exactly (docs/model.md §7): each class a compound of its monthly
 * count (Poisson or negative binomial) and its bill, by Panjer recursion on a money grid;
 * Poisson classes pooled first (a sum of compound Poissons is one, with the rates added and
 * the severities mixed), the rest combined by convolution. It applies when every per-trial
 * input break-fix's bill reads is fixed and there is no bad year: then months are
 * independent and identically distributed.
 */

export const EXACT_PERCENTILES = [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99] as const;

/** Grid points the recursion runs on at most when bills fall on a common step; otherwise the step is chosen for TARGET_POINTS. */
const MAX_POINTS = 1 << 17;
const TARGET_POINTS = 1 << 14;

export interface ExactMonthly {
  /** The grid step, in cents. */
  readonly stepCents: number;
  readonly points: number;
  /** Every bill falls on the grid: the distribution is exact, not a discretisation. */
  readonly exactGrid: boolean;
  /** P(S ≤ the grid's end): at least 0.99 (Cantelli: the end is mean + 10 sd). */
  readonly covered: number;
  readonly mean: number;
  readonly sd: number;
  /** Percentiles in currency, in EXACT_PERCENTILES order. */
  readonly percentiles: readonly number[];
  readonly pmf: Float64Array;
}

/** Which inputs keep the exact method from applying, by their keys; empty when it applies. */
export function exactBlockers(model: Model): string[] {
  const out: string[] = [];
  if (model.badYear) out.push('bad_year');
  const bf = model.breakFix;
  for (const i of [bf.hourlyRate, bf.tripFee]) if (i.amount.kind !== FIXED) out.push(i.key);
  for (const c of model.classes) for (const i of [c.rate, c.onsiteShare, c.afterHoursShare]) if (i.amount.kind !== FIXED) out.push(i.key);
  return out;
}

function billingOf(model: Model, c: IncidentClassModel): BreakFixBilling {
  const bf = model.breakFix;
  return {
    rate: bf.hourlyRate.amount.a,
    minimumHours: bf.minimumHours,
    incrementHours: bf.billingIncrementHours,
    multiplier: bf.afterHoursMultiplier,
    afterShare: c.afterHoursShare.amount.a,
    onsiteShare: c.onsiteShare.amount.a,
    tripFee: bf.tripFee.amount.a,
  };
}

function lawOf(c: IncidentClassModel): CountLaw {
  const lambda = c.rate.amount.a * c.rateUnits;
  return c.dispersion > 0 ? { kind: 'negative_binomial', lambda, dispersion: c.dispersion } : { kind: 'poisson', lambda };
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** The grid step in cents: the bills' common divisor when every bill is an atom and the grid stays small, else range / TARGET_POINTS. */
function stepFor(model: Model, rangeCents: number): { step: number; exact: boolean } {
  let common = 0;
  for (const c of model.classes) {
    const atoms = billAtomsCents(c.laborHours, billingOf(model, c), rangeCents);
    if (!atoms) return { step: Math.max(1, Math.ceil(rangeCents / TARGET_POINTS)), exact: false };
    for (const cents of atoms.cents) common = gcd(common, cents);
  }
  if (common > 0 && rangeCents / common <= MAX_POINTS) return { step: common, exact: true };
  return { step: Math.max(1, Math.ceil(rangeCents / TARGET_POINTS)), exact: false };
}

export function exactBreakFixMonthly(model: Model): ExactMonthly {
  const blockers = exactBlockers(model);
  if (blockers.length > 0) throw new Error(`exact: not for uncertain inputs (${blockers.join(', ')})`);
  // Moments in closed form: E S = Σ λ E X; Var S = Σ (E N · Var X + Var N · (E X)²).
  let mean = 0;
  let variance = 0;
  for (const c of model.classes) {
    const law = lawOf(c);
    const m = billMoments(c.laborHours, billingOf(model, c));
    const varN = law.lambda + (law.kind === 'negative_binomial' ? law.dispersion * law.lambda ** 2 : 0);
    mean += law.lambda * m.mean;
    variance += law.lambda * (m.second - m.mean ** 2) + varN * m.mean ** 2;
  }
  const sd = Math.sqrt(Math.max(0, variance));
  const rangeCents = Math.max(100, (mean + 10 * sd) * 100);
  const { step, exact } = stepFor(model, rangeCents);
  const points = Math.ceil(rangeCents / step) + 2;
  const pooled = new Float64Array(points);
  let pooledLambda = 0;
  const parts: Float64Array[] = [];
  for (const c of model.classes) {
    const law = lawOf(c);
    if (law.lambda <= 0) continue;
    const f = billGrid(c.laborHours, billingOf(model, c), step, points);
    if (law.kind === 'poisson') {
      for (let k = 0; k < points; k++) pooled[k]! += law.lambda * f[k]!;
      pooledLambda += law.lambda;
    } else parts.push(panjer(law, f, points));
  }
  if (pooledLambda > 0) {
    for (let k = 0; k < points; k++) pooled[k]! /= pooledLambda;
    parts.unshift(panjer({ kind: 'poisson', lambda: pooledLambda }, pooled, points));
  }
  const pmf = parts.length === 0 ? Float64Array.from({ length: points }, (_, k) => (k === 0 ? 1 : 0)) : convolve(parts, points);
  let covered = 0;
  for (const p of pmf) covered += p;
  return {
    stepCents: step,
    points,
    exactGrid: exact,
    covered,
    mean,
    sd,
    percentiles: EXACT_PERCENTILES.map((p) => (gridQuantile(pmf, p) * step) / 100),
    pmf,
  };
}
