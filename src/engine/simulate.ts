import { drawPerTrial } from './amounts.js';
import { billedHours, chargeCents, toCents } from './billing.js';

import { CountInverter } from './counts.js';
import { expInRange, fastExp } from './fastmath.js';
import { badYearFactor } from './gamma.js';
import { purposeKey, unit53 } from './hash.js';
import { exp, powInt } from './libm.js';
import {
  type AmountKind,
  type BadYearModel,
  FIXED,
  type IncidentClassModel,
  LOGNORMAL,
  type Model,
  type RunSettings,
  TRIANGULAR,
  unknownKind,
} from './model.js';
import { allocateArrays, type QuantityArrays } from './quantities.js';
import { LazyStream, Stream, uniformAt } from './rng.js';
import { triangularAt } from './samplers.js';
import {
  SALT_COUNT,
  SALT_INCIDENTS,
  SALT_REJECTIONS,
  SLOT_AFTER_HOURS,
  SLOT_DIRECT,
  SLOT_ESCALATION,
  SLOT_LABOR,
  SLOT_ONSITE,
  SLOT_OUTAGE,
  SLOT_PREVENTION,
  SLOT_WAIT,
  SLOTS,
} from './slots.js';
import { normalCdf, zigNormal } from './ziggurat.js';

export const BREAK_FIX = 0;
export const MANAGED = 1;
export const HYBRID = 2;
export type OptionKind = typeof BREAK_FIX | typeof MANAGED | typeof HYBRID;

export interface OptionInfo {
  readonly id: string;
  readonly label: string;
  readonly kind: OptionKind;
}

/** A run of consecutive trials: what one task simulates. */
export interface TrialRange {
  readonly first: number;
  readonly trials: number;
}

/** The options in decision order: break-fix, managed tiers in file order, hybrid. */
export function optionsOf(model: Model): OptionInfo[] {
  const options: OptionInfo[] = [{ id: 'break_fix', label: 'Break-fix', kind: BREAK_FIX }];
  for (const m of model.managed) options.push({ id: m.id, label: m.label, kind: MANAGED });
  if (model.hybrid) options.push({ id: 'hybrid', label: model.hybrid.label, kind: HYBRID });
  return options;
}

/**
 * Trials one task simulates. Every draw is addressed by trial, so how trials are grouped
 * never changes a number; 256 keeps two threads busy to the end of a run.
 */
export const TASK_SIZE = 256;

/** Trials from..to − 1 in ranges of `size` (TASK_SIZE: a task's), the last one shorter. */
export function taskRanges(from: number, to: number, size = TASK_SIZE): TrialRange[] {
  const ranges: TrialRange[] = [];
  for (let first = from; first < to; first += size) ranges.push({ first, trials: Math.min(size, to - first) });
  return ranges;
}

/** The purpose a class's own draws are keyed by: its name, so order in the file does not matter. */
export function classPurpose(name: string): string {
  return `incidents[${JSON.stringify(name)}]`;
}

/**
 * One incident class inside one block: its constants unpacked into plain number fields
 * (one hidden class, so the hot loop's property reads stay monomorphic), its per-trial
 * draws, and the streams its class-months read.
 */
class ClassState {
  readonly laborKind: AmountKind;
  readonly laborA: number;
  readonly laborB: number;
  readonly laborC: number;
  readonly outageKind: AmountKind;
  readonly outageA: number;
  readonly outageB: number;
  readonly outageC: number;
  readonly directKind: AmountKind;
  readonly directA: number;
  readonly directB: number;
  readonly directC: number;
  readonly people: number;
  readonly covered: boolean;
  readonly dispersion: number;
  /** The key all of this class's addressed draws are made under. */
  readonly key: number;
  readonly lambda: Float64Array;
  readonly revenue: Float64Array;
  readonly onsite: Float64Array;
  readonly afterHours: Float64Array;
  readonly preventable: Float64Array;
  readonly counts = new CountInverter();

  constructor(c: IncidentClassModel, seed: number, first: number, n: number) {
    this.laborKind = c.laborHours.kind;
    this.laborA = c.laborHours.a;
    this.laborB = c.laborHours.b;
    this.laborC = c.laborHours.c;
    this.outageKind = c.outageHours.kind;
    this.outageA = c.outageHours.a;
    this.outageB = c.outageHours.b;
    this.outageC = c.outageHours.c;
    this.directKind = c.directCost.kind;
    this.directA = c.directCost.a;
    this.directB = c.directCost.b;
    this.directC = c.directCost.c;
    this.people = c.people;
    this.covered = c.covered;
    this.dispersion = c.dispersion;
    this.key = purposeKey(seed, classPurpose(c.name));
    this.lambda = drawPerTrial(c.rate, seed, first, n);
    for (let i = 0; i < n; i++) this.lambda[i] = this.lambda[i]! * c.rateUnits;
    this.revenue = drawPerTrial(c.revenuePerHour, seed, first, n);
    this.onsite = drawPerTrial(c.onsiteShare, seed, first, n);
    this.afterHours = drawPerTrial(c.afterHoursShare, seed, first, n);
    this.preventable = drawPerTrial(c.preventable, seed, first, n);
  }
}

/**
 * Everything the per-incident loop reads and writes for the options, as parallel typed
 * arrays indexed by option, plus this trial's and this month's scalars. Spend is kept in
 * whole cents, so its sums are exact (docs/model.md §4 v2).
 */
class OptionState {
  readonly n: number;
  readonly kind: Int32Array;
  readonly respKind: Int32Array;
  readonly respA: Float64Array;
  readonly respB: Float64Array;
  readonly respC: Float64Array;
  readonly coversOnsite: Uint8Array;
  readonly annualIncrease: Float64Array;
  /** Per trial of the block, per option. */
  readonly preventionByTrial: Float64Array[];
  readonly feeByTrial: Float64Array[];
  readonly onboardingByTrial: Float64Array[];
  readonly rateByTrial: Float64Array[];
  /** This trial's values. */
  readonly prevention: Float64Array;
  readonly rate: Float64Array;
  /** This month's accumulators. */
  readonly spendCents: Float64Array;
  readonly exposure: Float64Array;
  readonly revenueLost: Float64Array;
  readonly direct: Float64Array;
  /** This trial's horizon spend in cents. */
  readonly horizonCents: Float64Array;
  /** The current class's people stopped per incident and revenue lost per hour. */
  people = 0;
  revenue = 0;
  // Break-fix billing and the hybrid team, shared by every option that bills hourly.
  readonly minimumHours: number;
  readonly incrementHours: number;
  readonly afterHoursMultiplier: number;
  readonly capacity: number;
  tripFee = 0;
  escalation = 0;
  remaining = 0;

  constructor(model: Model, seed: number, first: number, n: number) {
    const per = (x: Parameters<typeof drawPerTrial>[0]) => drawPerTrial(x, seed, first, n);
    const options = optionsOf(model);
    const count = options.length;
    const bf = model.breakFix;
    const org = model.organization;
    const zeros = new Float64Array(n);
    const bfRate = per(bf.hourlyRate);
    this.n = count;
    this.kind = Int32Array.from(options, (o) => o.kind);
    const responses = [bf.responseHours];
    this.coversOnsite = new Uint8Array(count);
    this.annualIncrease = new Float64Array(count);
    this.preventionByTrial = [zeros];
    this.feeByTrial = [zeros];
    this.onboardingByTrial = [zeros];
    this.rateByTrial = [bfRate];
    model.managed.forEach((m, j) => {
      const fee = new Float64Array(n);
      const parts = [
        [m.perEmployee, org.employees],
        [m.perDevice, org.devices],
        [m.perServer, org.servers],
        [m.perSite, org.sites],
        [m.flat, 1],
      ] as const;
      for (const [input, units] of parts) {
        const price = per(input);
        for (let i = 0; i < n; i++) fee[i] = fee[i]! + price[i]! * units;
      }
      const minimum = per(m.minimumMonthly);
      for (let i = 0; i < n; i++) fee[i] = Math.max(minimum[i]!, fee[i]!);
      this.preventionByTrial.push(per(m.prevention));
      this.feeByTrial.push(fee);
      this.onboardingByTrial.push(per(m.onboardingFee));
      this.rateByTrial.push(per(m.outOfScopeHourlyRate));
      this.annualIncrease[j + 1] = m.annualIncrease;
      this.coversOnsite[j + 1] = m.coversOnsite ? 1 : 0;
      responses.push(m.responseHours);
    });
    const h = model.hybrid;
    if (h) {
      const staffCost = per(h.monthlyCostPerStaff);
      for (let i = 0; i < n; i++) staffCost[i] = staffCost[i]! * h.internalStaff;
      this.preventionByTrial.push(per(h.prevention));
      this.feeByTrial.push(staffCost);
      this.onboardingByTrial.push(zeros);
      this.rateByTrial.push(bfRate);
      responses.push(h.responseHours);
    }
    this.respKind = Int32Array.from(responses, (r) => r.kind);
    this.respA = Float64Array.from(responses, (r) => r.a);
    this.respB = Float64Array.from(responses, (r) => r.b);
    this.respC = Float64Array.from(responses, (r) => r.c);
    this.prevention = new Float64Array(count);
    this.rate = new Float64Array(count);
    this.spendCents = new Float64Array(count);
    this.exposure = new Float64Array(count);
    this.revenueLost = new Float64Array(count);
    this.direct = new Float64Array(count);
    this.horizonCents = new Float64Array(count);
    this.minimumHours = bf.minimumHours;
    this.incrementHours = bf.billingIncrementHours;
    this.afterHoursMultiplier = bf.afterHoursMultiplier;
    this.capacity = h ? h.internalStaff * h.hoursPerStaffMonth : 0;
  }

  /** Adds one class's incidents to option o: their bills in cents, and their Σ (wait + outage) hours as downtime. */
  addIncidents(o: number, cents: number, hours: number, direct: number): void {
    this.spendCents[o] = this.spendCents[o]! + cents;
    this.exposure[o] = this.exposure[o]! + this.people * hours;
    this.revenueLost[o] = this.revenueLost[o]! + this.revenue * hours;
    this.direct[o] = this.direct[o]! + direct;
  }
}

/**
 * Incidents are drawn in chunks of this many, so a class-month of a million incidents needs
 * columns of 4,096 rows, not a million; the stream continues across chunks, so the chunk
 * size never changes a number.
 */
const CHUNK = 4096;

/**
 * Per-incident columns for one chunk. The incidents' amounts are drawn column by column in
 * small loops that V8 inlines whole; one loop over everything would exceed its inlining
 * budget and call (and box) every exp and probit.
 */
class Columns {
  readonly uniforms = new Float64Array(CHUNK * SLOTS);
  readonly labor = new Float64Array(CHUNK);
  readonly outage = new Float64Array(CHUNK);
  readonly cost = new Float64Array(CHUNK);
  /** Billed hours × the after-hours multiplier, which every hourly rate multiplies. */
  readonly billed = new Float64Array(CHUNK);
  /** Break-fix's bill in cents. */
  readonly charge = new Float64Array(CHUNK);
  readonly z = new Float64Array(CHUNK);
  /** Break-fix's wait for each incident. */
  readonly waits = new Float64Array(CHUNK);
  readonly incidents = new Stream();
  readonly rejections = new LazyStream();
}

let cachedColumns: Columns | undefined;

/** Columns are scratch space: one set per thread, reused by every task. */
function columnsFor(): Columns {
  cachedColumns ??= new Columns();
  return cachedColumns;
}

/**
 * dst[k] = the amount drawn from slot `slot` of incident k: a lognormal through the
 * ziggurat normal (rejections from their own address), a triangular by its inverse CDF.
 */
function drawColumn(
  dst: Float64Array,
  u: Float64Array,
  slot: number,
  count: number,
  rejections: LazyStream,
  kind: AmountKind,
  a: number,
  b: number,
  c: number,
): void {
  if (kind === LOGNORMAL) {
    if (expInRange(a, b)) for (let k = 0; k < count; k++) dst[k] = fastExp(a + b * zigNormal(u[k * SLOTS + slot]!, rejections));
    else for (let k = 0; k < count; k++) dst[k] = exp(a + b * zigNormal(u[k * SLOTS + slot]!, rejections));
  } else if (kind === FIXED) {
    dst.fill(a, 0, count);
  } else if (kind === TRIANGULAR) {
    for (let k = 0; k < count; k++) dst[k] = triangularAt(u[k * SLOTS + slot]!, a, b, c);
  } else unknownKind(kind);
}

/**
 * Each incident's standard normal z, shared by every option's response wait (docs/model.md §1:
 * a lognormal wait is exp(μ + σ z), a triangular one its quantile at Φ(z), so every option's
 * wait is its own quantile at the same probability and a slow incident is slow under every
 * option), and break-fix's waits, which every incident has. Other options compute their
 * waits as they account, only for the incidents they do not prevent.
 */
function drawWaits(st: OptionState, col: Columns, count: number): void {
  const u = col.uniforms;
  const z = col.z;
  for (let k = 0; k < count; k++) z[k] = zigNormal(u[k * SLOTS + SLOT_WAIT]!, col.rejections);
  const w = col.waits;
  const kind = st.respKind[0] as AmountKind;
  const a = st.respA[0]!;
  const b = st.respB[0]!;
  const c = st.respC[0]!;
  if (kind === LOGNORMAL) {
    if (expInRange(a, b)) for (let k = 0; k < count; k++) w[k] = fastExp(a + b * z[k]!);
    else for (let k = 0; k < count; k++) w[k] = exp(a + b * z[k]!);
  } else if (kind === FIXED) w.fill(a, 0, count);
  else if (kind === TRIANGULAR) for (let k = 0; k < count; k++) w[k] = triangularAt(normalCdf(z[k]!), a, b, c);
  else unknownKind(kind);
}

/** An option's response wait at the shared normal z; `fast` says fastExp's domain holds (expInRange). */
function responseWait(kind: AmountKind, a: number, b: number, c: number, z: number, fast: boolean): number {
  if (kind === LOGNORMAL) return fast ? fastExp(a + b * z) : exp(a + b * z);
  if (kind === FIXED) return a;
  if (kind === TRIANGULAR) return triangularAt(normalCdf(z), a, b, c);
  return unknownKind(kind);
}

/**
 * Break-fix's bill for each incident in cents (billing.ts: whole increments, at least the
 * minimum, × the after-hours multiplier × the rate, plus the trip fee on site, rounded to
 * the cent), and the billed hours × multiplier that other hourly rates multiply. Break-fix
 * prevents nothing, so its month is summed in the same pass: every incident is billed,
 * waited for and costs its direct cost.
 */
function chargeBreakFix(st: OptionState, cs: ClassState, col: Columns, i: number, count: number): void {
  const u = col.uniforms;
  const onsiteShare = cs.onsite[i]!;
  const afterShare = cs.afterHours[i]!;
  const minimum = st.minimumHours;
  const increment = st.incrementHours;
  const multiplier = st.afterHoursMultiplier;
  const tripFee = st.tripFee;
  const bfRate = st.rate[0]!;
  let cents = 0;
  let hours = 0;
  let direct = 0;
  for (let k = 0; k < count; k++) {
    const billed = billedHours(col.labor[k]!, minimum, increment) * (u[k * SLOTS + SLOT_AFTER_HOURS]! < afterShare ? multiplier : 1);
    const charge = chargeCents(billed, bfRate, 1, u[k * SLOTS + SLOT_ONSITE]! < onsiteShare ? tripFee : 0);
    col.billed[k] = billed;
    col.charge[k] = charge;
    cents += charge;
    hours += col.waits[k]! + col.outage[k]!;
    direct += col.cost[k]!;
  }
  st.addIncidents(0, cents, hours, direct);
}

/**
 * A managed offer: covered classes cost no labour; an uncovered class is billed at the
 * out-of-scope rate, and on a remote-only plan so is every on-site visit, plus the trip fee.
 */
function accountManaged(st: OptionState, cs: ClassState, col: Columns, o: number, i: number, count: number): void {
  const u = col.uniforms;
  const threshold = cs.preventable[i]! * st.prevention[o]!;
  const onsiteShare = cs.onsite[i]!;
  const remoteOnly = st.coversOnsite[o] === 0;
  const covered = cs.covered;
  const rate = st.rate[o]!;
  const tripFee = st.tripFee;
  const z = col.z;
  const kind = st.respKind[o] as AmountKind;
  const ra = st.respA[o]!;
  const rb = st.respB[o]!;
  const rc = st.respC[o]!;
  const fast = expInRange(ra, rb);
  let cents = 0;
  let hours = 0;
  let direct = 0;
  for (let k = 0; k < count; k++) {
    const base = k * SLOTS;
    if (u[base + SLOT_PREVENTION]! < threshold) continue;
    if (remoteOnly && u[base + SLOT_ONSITE]! < onsiteShare) cents += chargeCents(col.billed[k]!, rate, 1, tripFee);
    else if (!covered) cents += chargeCents(col.billed[k]!, rate, 1, 0);
    hours += responseWait(kind, ra, rb, rc, z[k]!, fast) + col.outage[k]!;
    direct += col.cost[k]!;
  }
  st.addIncidents(o, cents, hours, direct);
}

/**
 * Hybrid: in file order, an incident that does not escalate and whose labour fits in what
 * is left of the month's hours is handled in-house; the rest are billed and answered as
 * break-fix. Escalated incidents use no capacity.
 */
function accountHybrid(st: OptionState, cs: ClassState, col: Columns, o: number, i: number, count: number): void {
  const u = col.uniforms;
  const threshold = cs.preventable[i]! * st.prevention[o]!;
  const escalation = st.escalation;
  const z = col.z;
  const kind = st.respKind[o] as AmountKind;
  const ra = st.respA[o]!;
  const rb = st.respB[o]!;
  const rc = st.respC[o]!;
  const fast = expInRange(ra, rb);
  let remaining = st.remaining;
  let cents = 0;
  let hours = 0;
  let direct = 0;
  for (let k = 0; k < count; k++) {
    const base = k * SLOTS;
    if (u[base + SLOT_PREVENTION]! < threshold) continue;
    const labor = col.labor[k]!;
    if (u[base + SLOT_ESCALATION]! >= escalation && labor <= remaining) {
      remaining -= labor;
      hours += responseWait(kind, ra, rb, rc, z[k]!, fast) + col.outage[k]!;
    } else {
      cents += col.charge[k]!;
      hours += col.waits[k]! + col.outage[k]!;
    }
    direct += col.cost[k]!;
  }
  st.remaining = remaining;
  st.addIncidents(o, cents, hours, direct);
}

/** One chunk of a class-month's incidents: draw every column, then account every option. */
function runChunk(st: OptionState, cs: ClassState, col: Columns, i: number, count: number): void {
  const u = col.uniforms;
  col.incidents.fill(u, count * SLOTS);
  const rej = col.rejections;
  drawColumn(col.labor, u, SLOT_LABOR, count, rej, cs.laborKind, cs.laborA, cs.laborB, cs.laborC);
  drawColumn(col.outage, u, SLOT_OUTAGE, count, rej, cs.outageKind, cs.outageA, cs.outageB, cs.outageC);
  drawColumn(col.cost, u, SLOT_DIRECT, count, rej, cs.directKind, cs.directA, cs.directB, cs.directC);
  drawWaits(st, col, count);
  chargeBreakFix(st, cs, col, i, count);
  for (let o = 1; o < st.n; o++) {
    if (st.kind[o] === MANAGED) accountManaged(st, cs, col, o, i, count);
    else accountHybrid(st, cs, col, o, i, count);
  }
}

/**
 * The incidents of one class in trial t, month m. The k-th incident reads slots
 * k·8 … k·8 + 7 of the stream at (class, t, m) (docs/model.md §1 v2) — labour, outage, direct
 * cost, on-site, after-hours, prevention, response wait, escalation — whether or not any
 * option uses them; the ziggurat's rejections read the stream at their own address.
 *
 * The work is done column by column (each amount for every incident, then each option
 * over every incident) in small loops that V8 compiles tightly with their sums in
 * registers; downtime is summed as hours and multiplied by the class's people and revenue
 * once per class-month.
 */
function runIncidents(st: OptionState, cs: ClassState, col: Columns, i: number, t: number, m: number, count: number): void {
  col.incidents.restart(cs.key, t, m, SALT_INCIDENTS);
  col.rejections.at(cs.key, t, m, SALT_REJECTIONS);
  st.people = cs.people;
  st.revenue = cs.revenue[i]!;
  for (let done = 0; done < count; done += CHUNK) runChunk(st, cs, col, i, Math.min(CHUNK, count - done));
}

/**
 * The trial's one-off fees (the onboarding fee, billed in month 1): a quantity of their own
 * and part of every horizon figure, but never of a regular month's (docs/model.md §6).
 */
function startTrial(st: OptionState, q: QuantityArrays, i: number): void {
  for (let o = 0; o < st.n; o++) {
    const cents = toCents(st.onboardingByTrial[o]![i]!);
    st.horizonCents[o] = cents;
    q.one_off_spend[o]![i] = cents / 100;
    q.horizon_total_cost[o]![i] = cents / 100;
  }
}

/** Writes one regular trial-month into the outputs and adds it to the trial's horizon sums. */
function record(st: OptionState, q: QuantityArrays, i: number, idx: number, loaded: number): void {
  for (let o = 0; o < st.n; o++) {
    const downtimeCost = st.exposure[o]! * loaded + st.revenueLost[o]!;
    const spend = st.spendCents[o]! / 100;
    const total = spend + downtimeCost + st.direct[o]!;
    st.horizonCents[o] = st.horizonCents[o]! + st.spendCents[o]!;
    q.monthly_spend[o]![idx] = spend;
    q.monthly_total_cost[o]![idx] = total;
    q.horizon_total_cost[o]![i] = q.horizon_total_cost[o]![i]! + total;
    q.horizon_downtime_hours[o]![i] = q.horizon_downtime_hours[o]![i]! + st.exposure[o]!;
    q.horizon_downtime_cost[o]![i] = q.horizon_downtime_cost[o]![i]! + downtimeCost;
    q.horizon_direct_cost[o]![i] = q.horizon_direct_cost[o]![i]! + st.direct[o]!;
  }
}

/** The address of the bad-year factors' draws: (trial, year) under this purpose. */
const BAD_YEAR_PURPOSE = 'bad_year';

/**
 * A new simulated year: the bad-year factor for (trial, year), one uniform by inversion, times
 * λ of every class it applies to (docs/model.md §3); the others keep the trial's λ.
 */
function startYear(b: BadYearModel, key: number, classes: readonly ClassState[], i: number, t: number, year: number): void {
  const factor = badYearFactor(b.shape, unit53(key, t, year));
  classes.forEach((cs, c) => {
    if (b.applies[c]) cs.counts.setMean(cs.lambda[i]! * factor, cs.dispersion);
  });
}

/** The month's fee in cents: each option's fee with its yearly increase (one-off fees are not a month's). */
function startMonth(st: OptionState, i: number, m: number): void {
  const growthYears = Math.floor(m / 12);
  for (let o = 0; o < st.n; o++) {
    const fee = st.feeByTrial[o]!;
    const monthly = growthYears === 0 ? fee[i]! : fee[i]! * powInt(1 + st.annualIncrease[o]!, growthYears);
    st.spendCents[o] = toCents(monthly);
    st.exposure[o] = 0;
    st.revenueLost[o] = 0;
    st.direct[o] = 0;
  }
  st.remaining = st.capacity;
}

/**
 * Simulates trials range.first … range.first + range.trials − 1 into `q` (zeroed arrays for
 * exactly those trials: views into a run's arrays, shared memory when a worker writes them),
 * or into new arrays. Every draw is addressed by (seed, purpose, trial, month, …), so any set
 * of threads running any grouping of trials gives the same numbers.
 */
export function simulateTrials(
  model: Model,
  settings: Pick<RunSettings, 'seed' | 'months'>,
  range: TrialRange,
  q: QuantityArrays = allocateArrays(optionsOf(model).length, range.trials, settings.months),
): QuantityArrays {
  const { seed, months } = settings;
  const { first, trials: n } = range;
  const classes = model.classes.map((c) => new ClassState(c, seed, first, n));
  const st = new OptionState(model, seed, first, n);
  const loaded = drawPerTrial(model.organization.loadedHourlyCost, seed, first, n);
  const trip = drawPerTrial(model.breakFix.tripFee, seed, first, n);
  const escalation = model.hybrid ? drawPerTrial(model.hybrid.escalationShare, seed, first, n) : new Float64Array(n);
  const col = columnsFor();
  const badYear = model.badYear;
  const badYearKey = purposeKey(seed, BAD_YEAR_PURPOSE);
  for (let i = 0; i < n; i++) {
    const t = first + i;
    st.tripFee = trip[i]!;
    st.escalation = escalation[i]!;
    startTrial(st, q, i);
    for (let o = 0; o < st.n; o++) {
      st.prevention[o] = st.preventionByTrial[o]![i]!;
      st.rate[o] = st.rateByTrial[o]![i]!;
    }
    for (const cs of classes) cs.counts.setMean(cs.lambda[i]!, cs.dispersion);
    for (let m = 0; m < months; m++) {
      if (badYear && m % 12 === 0) startYear(badYear, badYearKey, classes, i, t, m / 12);
      startMonth(st, i, m);
      for (const cs of classes) {
        const count = cs.counts.count(uniformAt(cs.key, t, m, SALT_COUNT));
        if (count > 0) runIncidents(st, cs, col, i, t, m, count);
      }
      record(st, q, i, i * months + m, loaded[i]!);
    }
    for (let o = 0; o < st.n; o++) q.horizon_spend[o]![i] = st.horizonCents[o]! / 100;
  }
  return q;
}
