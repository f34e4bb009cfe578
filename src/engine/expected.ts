import { amountAt } from './amounts.js';
import { toCents } from './billing.js';
import { badYearFactor } from './gamma.js';
import { exp, pow, powInt } from './libm.js';
import { amountMean, amountVariance, FIXED, type IncidentClassModel, type Input, type Model } from './model.js';
import { amountCdf, billedMoments, partialMoment } from './severity.js';
import { optionsOf } from './simulate.js';

/**
 * Each option's expected regular month (docs/model.md §7, `run --explain`), in closed form:
 * expected counts times expected bills, waits and losses, since every per-trial input is drawn
 * independently of the others and of the incidents. Two parts need numerical integration:
 * a managed fee with a minimum and an uncertain price (Gauss–Legendre over the prices), and
 * hybrid's capacity rule, first come first served within the month, whose expected overflow is
 * a dynamic programme over the hours left, per class in file order, integrated over the
 * per-trial inputs it depends on (Gauss–Legendre) — exact up to its hours grid.
 */

export interface ExpectedMonth {
  readonly id: string;
  readonly spend: number;
  readonly downtimeCost: number;
  readonly directCost: number;
  readonly totalCost: number;
  readonly method: 'closed form' | 'numerical integration';
  /**
   * The standard deviation of one trial's mean monthly direct cost, from its exact variance
   * (undefined with a bad year): a heavy-tailed loss makes a sample's own SE an underestimate.
   */
  readonly directTrialSd: number | undefined;
}

const second = (i: Input) => amountVariance(i.amount) + amountMean(i.amount) ** 2;

/**
 * Direct costs of unprevented incidents: their mean a month, and the variance of one trial's
 * mean month over `months` — within a trial, a compound per month (NB counts add d·m²·(E D)²);
 * between trials, the rates and prevention shares (prevention shared by every class).
 */
function directCost(model: Model, prevention: Input | undefined, months: number): { mean: number; trialSd: number | undefined } {
  const q1 = prevention ? mean(prevention) : 0;
  const q2 = prevention ? second(prevention) : 0;
  let total = 0;
  let within = 0;
  let cross = 0;
  const terms: { em: number; d: number }[] = [];
  for (const c of model.classes) {
    const d1 = amountMean(c.directCost);
    const d2 = amountVariance(c.directCost) + d1 * d1;
    const p1 = mean(c.preventable);
    const p2 = second(c.preventable);
    const em = mean(c.rate) * c.rateUnits * (1 - p1 * q1);
    const em2 = second(c.rate) * c.rateUnits ** 2 * (1 - 2 * p1 * q1 + p2 * q2);
    total += em * d1;
    within += (em * d2 + c.dispersion * em2 * d1 * d1) / months;
    cross += em2 * d1 * d1;
    terms.push({ em: mean(c.rate) * c.rateUnits * d1, d: p1 });
  }
  // E[X²] over the inputs: the classes' own squares above, and pairs through the shared prevention.
  for (let i = 0; i < terms.length; i++)
    for (let j = 0; j < terms.length; j++)
      if (i !== j) cross += terms[i]!.em * terms[j]!.em * (1 - terms[i]!.d * q1 - terms[j]!.d * q1 + terms[i]!.d * terms[j]!.d * q2);
  const variance = within + cross - total * total;
  return { mean: total, trialSd: model.badYear ? undefined : Math.sqrt(Math.max(0, variance)) };
}

/** Gauss–Legendre nodes and weights on (0, 1), 8 points: exact for polynomials of degree 15. */
const GL_X = [
  0.0198550717512319, 0.1016667612931866, 0.2372337950418355, 0.4082826787521751, 0.5917173212478249, 0.7627662049581645,
  0.8983332387068134, 0.9801449282487681,
];
const GL_W = [
  0.0506142681451881, 0.1111905172266872, 0.1568533229389436, 0.181341891689181, 0.181341891689181, 0.1568533229389436, 0.1111905172266872,
  0.0506142681451881,
];

/** The values an input takes at the quadrature nodes, with their weights (one node for a fixed input). */
function nodesOf(input: Input): { x: number; w: number }[] {
  if (input.amount.kind === FIXED) return [{ x: input.amount.a, w: 1 }];
  return GL_X.map((u, i) => ({ x: amountAt(input.amount, u), w: GL_W[i]! }));
}

const mean = (i: Input) => amountMean(i.amount);

/** Expected billed hours × the after-hours multiplier for one incident of a class. */
function billedWithMultiplier(model: Model, c: IncidentClassModel): number {
  const bf = model.breakFix;
  const [eb] = billedMoments(c.laborHours, bf.minimumHours, bf.billingIncrementHours);
  return eb * (1 + mean(c.afterHoursShare) * (bf.afterHoursMultiplier - 1));
}

/** Expected incidents a month (a bad year's factor has mean 1). */
const incidents = (c: IncidentClassModel) => mean(c.rate) * c.rateUnits;

/** Downtime cost an hour of wait or outage for a class: its people at the loaded cost, plus revenue stopped. */
const costPerHour = (model: Model, c: IncidentClassModel) => mean(model.organization.loadedHourlyCost) * c.people + mean(c.revenuePerHour);

function breakFix(model: Model, months: number): ExpectedMonth {
  const bf = model.breakFix;
  let spend = 0;
  let other = 0;
  for (const c of model.classes) {
    const n = incidents(c);
    spend += n * (mean(bf.hourlyRate) * billedWithMultiplier(model, c) + mean(c.onsiteShare) * mean(bf.tripFee));
    other += n * ((amountMean(bf.responseHours) + amountMean(c.outageHours)) * costPerHour(model, c) + amountMean(c.directCost));
  }
  const direct = directCost(model, undefined, months);
  return {
    id: 'break_fix',
    spend,
    downtimeCost: other - direct.mean,
    directCost: direct.mean,
    totalCost: spend + other,
    method: 'closed form',
    directTrialSd: direct.trialSd,
  };
}

/** The mean over the horizon's months of the yearly increase's factor. */
function growth(increase: number, months: number): number {
  let sum = 0;
  for (let m = 0; m < months; m++) sum += powInt(1 + increase, Math.floor(m / 12));
  return sum / months;
}

/** E[max(minimum, Σ price × units)] by Gauss–Legendre over the uncertain prices (exactly Σ E[price] × units without a minimum). */
function expectedFee(model: Model, m: Model['managed'][number]): { fee: number; integrated: boolean } {
  const org = model.organization;
  const parts: [Input, number][] = [
    [m.perEmployee, org.employees],
    [m.perDevice, org.devices],
    [m.perServer, org.servers],
    [m.perSite, org.sites],
    [m.flat, 1],
  ];
  const uncertain = [...parts.map((p) => p[0]), m.minimumMonthly].some((i) => i.amount.kind !== FIXED);
  if (!uncertain)
    return {
      fee: Math.max(
        m.minimumMonthly.amount.a,
        parts.reduce((s, [i, u]) => s + i.amount.a * u, 0),
      ),
      integrated: false,
    };
  if (m.minimumMonthly.amount.kind === FIXED && m.minimumMonthly.amount.a === 0)
    return { fee: parts.reduce((s, [i, u]) => s + mean(i) * u, 0), integrated: false };
  // A product rule over every uncertain price: few of them are uncertain in practice.
  let points = [{ sum: 0, w: 1 }];
  for (const [input, units] of parts) {
    const nodes = nodesOf(input);
    points = points.flatMap((p) => nodes.map((n) => ({ sum: p.sum + n.x * units, w: p.w * n.w })));
  }
  let fee = 0;
  for (const p of points) for (const n of nodesOf(m.minimumMonthly)) fee += p.w * n.w * Math.max(n.x, p.sum);
  return { fee, integrated: true };
}

function managed(model: Model, o: number, months: number): ExpectedMonth {
  const m = model.managed[o]!;
  const { fee, integrated } = expectedFee(model, m);
  // Fixed fees are invoiced in whole cents each month, as the engine does.
  const g = growth(m.annualIncrease, months);
  const monthlyFee = integrated ? fee * g : avgCents(fee, m.annualIncrease, months);
  let spend = monthlyFee;
  let other = 0;
  const remoteOnly = !m.coversOnsite;
  for (const c of model.classes) {
    const unprevented = incidents(c) * (1 - mean(c.preventable) * mean(m.prevention));
    const billed = mean(m.outOfScopeHourlyRate) * billedWithMultiplier(model, c);
    const s = mean(c.onsiteShare);
    const perIncident = remoteOnly
      ? s * (billed + mean(model.breakFix.tripFee)) + (1 - s) * (c.covered ? 0 : billed)
      : c.covered
        ? 0
        : billed;
    spend += unprevented * perIncident;
    other += unprevented * ((amountMean(m.responseHours) + amountMean(c.outageHours)) * costPerHour(model, c) + amountMean(c.directCost));
  }
  const direct = directCost(model, m.prevention, months);
  return {
    id: m.id,
    spend,
    downtimeCost: other - direct.mean,
    directCost: direct.mean,
    totalCost: spend + other,
    method: integrated ? 'numerical integration' : 'closed form',
    directTrialSd: direct.trialSd,
  };
}

/** The mean monthly invoice of a fixed fee with a yearly increase, each month rounded to the cent. */
function avgCents(fee: number, increase: number, months: number): number {
  let sum = 0;
  for (let m = 0; m < months; m++) sum += toCents(fee * powInt(1 + increase, Math.floor(m / 12)));
  return sum / months / 100;
}

/** Steps of the hours-left grid in hybrid's capacity programme (at least; more to fit fixed labour exactly). */
const STEPS = 400;

/**
 * The grid's steps: capacity / steps, with steps from 400 to 800 chosen so that every fixed
 * labour is a whole number of steps — a fixed 1 h task rounded to 1.0025 h would lose the
 * tenth hour of a 10-hour month.
 */
function stepsFor(model: Model, capacity: number): number {
  const fixed = model.classes.filter((c) => c.laborHours.kind === FIXED).map((c) => c.laborHours.a);
  for (let g = STEPS; g <= 2 * STEPS; g++) {
    const step = capacity / g;
    if (fixed.every((h) => Math.abs(h / step - Math.round(h / step)) < 1e-9)) return g;
  }
  return STEPS;
}
/** A class's in-house attempts are followed until fewer than this share of months have more. */
const COUNT_TAIL = 1e-12;

interface ClassFlow {
  /** Distribution of hours left, on the grid. */
  left: Float64Array;
  overflow: number;
  overflowBilled: number;
}

/** P(attempts = n) for n = 0, 1, …, until the tail is negligible: Poisson, or negative binomial (thinned: β scales). */
function attemptsPmf(mean: number, dispersion: number): number[] {
  const out: number[] = [];
  if (mean <= 0) return [1];
  if (dispersion > 0) {
    const r = 1 / dispersion;
    const q = mean / (r + mean);
    let p = pow(1 - q, r);
    let cum = 0;
    for (let n = 0; cum < 1 - COUNT_TAIL && n < 1e6; n++) {
      out.push(p);
      cum += p;
      p *= ((n + r) / (n + 1)) * q;
    }
    return out;
  }
  let p = exp(-mean);
  let cum = 0;
  for (let n = 0; cum < 1 - COUNT_TAIL && n < 1e6; n++) {
    out.push(p);
    cum += p;
    p *= mean / (n + 1);
  }
  return out;
}

/** A class's labour on the hours-left grid: per cell, P(H rounds to it); above each cell, P(H > x) and E[billed hours; H > x]. */
interface LabourCells {
  readonly h: Float64Array;
  readonly over: Float64Array;
  readonly overBilled: Float64Array;
}

function labourCells(model: Model, c: IncidentClassModel, cells: number, step: number): LabourCells {
  const bf = model.breakFix;
  const h = new Float64Array(cells);
  const over = new Float64Array(cells);
  const overBilled = new Float64Array(cells);
  const [eb] = billedMoments(c.laborHours, bf.minimumHours, bf.billingIncrementHours);
  for (let k = 0; k < cells; k++) {
    const x = (k + 0.5) * step;
    h[k] = amountCdf(c.laborHours, x) - (k === 0 ? 0 : amountCdf(c.laborHours, (k - 0.5) * step));
    over[k] = 1 - amountCdf(c.laborHours, x);
    overBilled[k] = eb - billedBelow(model, c, x);
  }
  return { h, over, overBilled };
}

/**
 * One class's in-house attempts against the hours left (docs/model.md §4: an attempt is handled
 * when its labour fits, else it overflows and is billed as break-fix). The state is the
 * distribution of hours left on the grid; labour is put on the grid by the method of rounding;
 * the overflow's expected count and billed hours come from the labour's exact distribution
 * above each cell.
 */
function classFlow(lc: LabourCells, left: Float64Array, pmf: number[]): ClassFlow {
  const cells = left.length;
  let state = left;
  const out = new Float64Array(cells);
  let overflow = 0;
  let overflowBilled = 0;
  let atLeast = 1;
  for (let n = 0; n < pmf.length; n++) {
    for (let r = 0; r < cells; r++) out[r]! += pmf[n]! * state[r]!;
    atLeast -= pmf[n]!;
    if (atLeast <= 0) break;
    // The (n + 1)-th attempt happens with probability P(N > n).
    const next = new Float64Array(cells);
    for (let r = 0; r < cells; r++) {
      const p = state[r]!;
      if (p === 0) continue;
      overflow += atLeast * p * lc.over[r]!;
      overflowBilled += atLeast * p * lc.overBilled[r]!;
      next[r]! += p * lc.over[r]!;
      for (let k = 0; k <= r; k++) next[r - k]! += p * lc.h[k]!;
    }
    state = next;
  }
  return { left: out, overflow, overflowBilled };
}

/**
 * E[billed hours; H ≤ x]. With increments: the minimum's share (H up to the last multiple within
 * the minimum) and each j·increment above it over ((j − 1)·inc, j·inc] ∩ (−∞, x]. Without:
 * B = max(minimum, H), the minimum's mass and the partial mean.
 */
function billedBelow(model: Model, c: IncidentClassModel, x: number): number {
  const bf = model.breakFix;
  const [m, inc] = [bf.minimumHours, bf.billingIncrementHours];
  const f = (t: number) => amountCdf(c.laborHours, t);
  if (c.laborHours.kind === FIXED) return c.laborHours.a <= x ? billedMoments(c.laborHours, m, inc)[0] : 0;
  if (inc > 0) {
    const lastWithin = Math.floor(m / inc + 1e-12) * inc;
    let sum = m * f(Math.min(x, lastWithin));
    for (let j = Math.floor(m / inc + 1e-12) + 1; (j - 1) * inc < x; j++) sum += j * inc * (f(Math.min(x, j * inc)) - f((j - 1) * inc));
    return sum;
  }
  // E[max(m, H); H ≤ x] = m·F(min(m, x)) + E[H; m < H ≤ x], the partial means in closed form.
  return m * f(Math.min(m, x)) + (x > m ? partialMoment(c.laborHours, 1, m) - partialMoment(c.laborHours, 1, x) : 0);
}

/** The outer per-trial inputs hybrid's capacity depends on together: escalation, prevention and the bad year. */
function outerNodes(model: Model): { escalation: number; prevention: number; factor: number; w: number }[] {
  const h = model.hybrid!;
  const factors = model.badYear ? GL_X.map((u, i) => ({ x: badYearFactor(model.badYear!.shape, u), w: GL_W[i]! })) : [{ x: 1, w: 1 }];
  const out = [];
  for (const e of nodesOf(h.escalationShare))
    for (const q of nodesOf(h.prevention))
      for (const f of factors) out.push({ escalation: e.x, prevention: q.x, factor: f.x, w: e.w * q.w * f.w });
  return out;
}

function hybrid(model: Model, months: number): ExpectedMonth {
  const h = model.hybrid!;
  const bf = model.breakFix;
  const capacity = h.internalStaff * h.hoursPerStaffMonth;
  const steps = capacity > 0 ? stepsFor(model, capacity) : 0;
  const step = capacity > 0 ? capacity / steps : 1;
  const cells = steps + 1;
  const rate = mean(bf.hourlyRate);
  const trip = mean(bf.tripFee);
  let spend = h.internalStaff * mean(h.monthlyCostPerStaff);
  if (h.monthlyCostPerStaff.amount.kind === FIXED) spend = toCents(h.internalStaff * h.monthlyCostPerStaff.amount.a) / 100;
  let other = 0;
  const labour = model.classes.map((c) => (capacity > 0 ? labourCells(model, c, cells, step) : undefined));
  for (const node of outerNodes(model)) {
    let left = new Float64Array(cells);
    left[cells - 1] = 1;
    let nodeSpend = 0;
    let nodeOther = 0;
    for (const [ci, c] of model.classes.entries()) {
      const multiplier = 1 + mean(c.afterHoursShare) * (bf.afterHoursMultiplier - 1);
      const [eb] = billedMoments(c.laborHours, bf.minimumHours, bf.billingIncrementHours);
      const perHour = costPerHour(model, c);
      const outage = amountMean(c.outageHours);
      let next = new Float64Array(cells);
      for (const rn of nodesOf(c.rate)) {
        for (const pn of nodesOf(c.preventable)) {
          const w = rn.w * pn.w;
          const lambda = rn.x * c.rateUnits * node.factor;
          const unprevented = lambda * (1 - pn.x * node.prevention);
          const escalated = unprevented * node.escalation;
          const attempts = unprevented - escalated;
          const flow =
            capacity > 0
              ? classFlow(labour[ci]!, left, attemptsPmf(attempts, c.dispersion))
              : { left, overflow: attempts, overflowBilled: attempts * eb };
          const billedIncidents = escalated + flow.overflow;
          nodeSpend += w * (rate * multiplier * (escalated * eb + flow.overflowBilled) + trip * mean(c.onsiteShare) * billedIncidents);
          const inHouse = attempts - flow.overflow;
          nodeOther +=
            w *
            (perHour * (billedIncidents * amountMean(bf.responseHours) + inHouse * amountMean(h.responseHours) + unprevented * outage) +
              unprevented * amountMean(c.directCost));
          for (let r = 0; r < cells; r++) next[r]! += w * flow.left[r]!;
        }
      }
      left = next;
      next = new Float64Array(cells);
    }
    spend += node.w * nodeSpend;
    other += node.w * nodeOther;
  }
  const direct = directCost(model, h.prevention, months);
  return {
    id: 'hybrid',
    spend,
    downtimeCost: other - direct.mean,
    directCost: direct.mean,
    totalCost: spend + other,
    method: 'numerical integration',
    directTrialSd: direct.trialSd,
  };
}

/** Every option's expected regular month, in the engine's option order. */
export function expectedMonthly(model: Model, months: number): ExpectedMonth[] {
  const out = [breakFix(model, months), ...model.managed.map((_, o) => managed(model, o, months))];
  if (model.hybrid) out.push(hybrid(model, months));
  // The option order is the engine's: the ids must line up.
  const ids = optionsOf(model).map((o) => o.id);
  if (ids.join() !== out.map((o) => o.id).join()) throw new Error('expected: options out of order');
  return out;
}
