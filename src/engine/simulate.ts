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
 * arrays indexed by option (a month's accumulators by option × months + month), plus this
 * trial's scalars. Spend is kept in whole cents, so its sums are exact (docs/model.md §4 v2).
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
  readonly months: number;
  /** This trial's accumulators, one per option and month. */
  readonly spendCents: Float64Array;
  readonly exposure: Float64Array;
  readonly revenueLost: Float64Array;
  readonly direct: Float64Array;
  /** The hybrid team's hours left in each month of this trial. */
  readonly remaining: Float64Array;
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

  constructor(model: Model, seed: number, first: number, n: number, months: number) {
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
    this.months = months;
    this.spendCents = new Float64Array(count * months);
    this.exposure = new Float64Array(count * months);
    this.revenueLost = new Float64Array(count * months);
    this.direct = new Float64Array(count * months);
    this.remaining = new Float64Array(months);
    this.horizonCents = new Float64Array(count);
    this.minimumHours = bf.minimumHours;
    this.incrementHours = bf.billingIncrementHours;
    this.afterHoursMultiplier = bf.afterHoursMultiplier;
    this.capacity = h ? h.internalStaff * h.hoursPerStaffMonth : 0;
  }

  /** Adds one class-month's incidents to option o in month m: their bills in cents, and their Σ (wait + outage) hours as downtime. */
  addIncidents(o: number, m: number, cents: number, hours: number, direct: number): void {
    const j = o * this.months + m;
    this.spendCents[j] = this.spendCents[j]! + cents;
    this.exposure[j] = this.exposure[j]! + this.people * hours;
    this.revenueLost[j] = this.revenueLost[j]! + this.revenue * hours;
    this.direct[j] = this.direct[j]! + direct;
  }
}

/**
 * Incidents are drawn in chunks of at most this many. A chunk holds a class's incidents for
 * as many whole months of a trial as fit, so the column loops below run over a trial's worth
 * of incidents, not one month's dozen; a month of more than this many (a class-month of a
 * million incidents) fills chunks of its own, its stream continuing across them, so columns
 * stay 4,096 rows long.
 */
export const CHUNK = 4096;

/**
 * Per-incident columns for one chunk, and the months it holds: month `segmentMonth[s]` is
 * rows segmentEnd[s − 1] … segmentEnd[s] − 1, and its ziggurat rejections draw from
 * `rejections[s]`. The incidents' amounts are drawn column by column in small loops that V8
 * inlines whole; one loop over everything would exceed its inlining budget and call (and
 * box) every exp and probit.
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
  /** Rows a chunk may hold (CHUNK unless a test asks for fewer), and the months its rows belong to. */
  capacity = CHUNK;
  segments = 0;
  segmentMonth = new Int32Array(0);
  segmentEnd = new Int32Array(0);
  rejections: LazyStream[] = [];
  /** A class's incident count in each month of the trial, and the trial's bad-year factor for each year. */
  counts = new Int32Array(0);
  yearFactors = new Float64Array(0);

  /** Rows filled: the end of the last month held. */
  get filled(): number {
    return this.segments === 0 ? 0 : this.segmentEnd[this.segments - 1]!;
  }

  /** Makes room for `months` months: at most one segment per month. */
  prepare(months: number): void {
    if (this.counts.length >= months) return;
    this.segmentMonth = new Int32Array(months);
    this.segmentEnd = new Int32Array(months);
    while (this.rejections.length < months) this.rejections.push(new LazyStream());
    this.counts = new Int32Array(months);
    this.yearFactors = new Float64Array(Math.ceil(months / 12));
  }

  /** Appends month m's first `count` incidents (stream and rejections started at their addresses). */
  addMonth(key: number, t: number, m: number, count: number): void {
    const from = this.filled;
    const s = this.segments++;
    this.incidents.restart(key, t, m, SALT_INCIDENTS);
    this.incidents.fill(this.uniforms, count * SLOTS, from * SLOTS);
    this.rejections[s]!.at(key, t, m, SALT_REJECTIONS);
    this.segmentMonth[s] = m;
    this.segmentEnd[s] = from + count;
  }

  /** Refills the columns with the next `count` incidents of the one month a chunk just held, its streams continuing. */
  continueMonth(count: number): void {
    this.incidents.fill(this.uniforms, count * SLOTS);
    this.segments = 1;
    this.segmentEnd[0] = count;
  }

  clear(): void {
    this.segments = 0;
  }
}

let cachedColumns: Columns | undefined;

/** Columns are scratch space: one set per thread, reused by every task. */
function columnsFor(months: number, chunk: number): Columns {
  if (!(chunk >= 1 && chunk <= CHUNK)) throw new RangeError(`chunk: ${chunk} is not between 1 and ${CHUNK}`);
  cachedColumns ??= new Columns();
  cachedColumns.prepare(months);
  cachedColumns.capacity = Math.floor(chunk);
  return cachedColumns;
}

/**
 * dst[k] = the amount drawn from slot `slot` of incident k: a lognormal through the
 * ziggurat normal (rejections from their month's address), a triangular by its inverse CDF.
 */
function drawColumn(dst: Float64Array, col: Columns, slot: number, kind: AmountKind, a: number, b: number, c: number): void {
  const u = col.uniforms;
  const count = col.filled;
  if (kind === LOGNORMAL) {
    const fast = expInRange(a, b);
    let k = 0;
    for (let s = 0; s < col.segments; s++) {
      const rejections = col.rejections[s]!;
      const end = col.segmentEnd[s]!;
      if (fast) for (; k < end; k++) dst[k] = fastExp(a + b * zigNormal(u[k * SLOTS + slot]!, rejections));
      else for (; k < end; k++) dst[k] = exp(a + b * zigNormal(u[k * SLOTS + slot]!, rejections));
    }
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
function drawWaits(st: OptionState, col: Columns): void {
  const u = col.uniforms;
  const z = col.z;
  const count = col.filled;
  let k = 0;
  for (let s = 0; s < col.segments; s++) {
    const rejections = col.rejections[s]!;
    const end = col.segmentEnd[s]!;
    for (; k < end; k++) z[k] = zigNormal(u[k * SLOTS + SLOT_WAIT]!, rejections);
  }
  const w = col.waits;
  const kind = st.respKind[0] as AmountKind;
  const a = st.respA[0]!;
  const b = st.respB[0]!;
  const c = st.respC[0]!;
  if (kind === LOGNORMAL) {
    if (expInRange(a, b)) for (k = 0; k < count; k++) w[k] = fastExp(a + b * z[k]!);
    else for (k = 0; k < count; k++) w[k] = exp(a + b * z[k]!);
  } else if (kind === FIXED) w.fill(a, 0, count);
  else if (kind === TRIANGULAR) for (k = 0; k < count; k++) w[k] = triangularAt(normalCdf(z[k]!), a, b, c);
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
 * prevents nothing, so its months are summed in the same pass: every incident is billed,
 * waited for and costs its direct cost.
 */
function chargeBreakFix(st: OptionState, cs: ClassState, col: Columns, i: number): void {
  const u = col.uniforms;
  const onsiteShare = cs.onsite[i]!;
  const afterShare = cs.afterHours[i]!;
  const minimum = st.minimumHours;
  const increment = st.incrementHours;
  const multiplier = st.afterHoursMultiplier;
  const tripFee = st.tripFee;
  const bfRate = st.rate[0]!;
  let k = 0;
  for (let s = 0; s < col.segments; s++) {
    const end = col.segmentEnd[s]!;
    let cents = 0;
    let hours = 0;
    let direct = 0;
    for (; k < end; k++) {
      const billed = billedHours(col.labor[k]!, minimum, increment) * (u[k * SLOTS + SLOT_AFTER_HOURS]! < afterShare ? multiplier : 1);
      const charge = chargeCents(billed, bfRate, 1, u[k * SLOTS + SLOT_ONSITE]! < onsiteShare ? tripFee : 0);
      col.billed[k] = billed;
      col.charge[k] = charge;
      cents += charge;
      hours += col.waits[k]! + col.outage[k]!;
      direct += col.cost[k]!;
    }
    st.addIncidents(0, col.segmentMonth[s]!, cents, hours, direct);
  }
}

/**
 * A managed offer: covered classes cost no labour; an uncovered class is billed at the
 * out-of-scope rate, and on a remote-only plan so is every on-site visit, plus the trip fee.
 */
function accountManaged(st: OptionState, cs: ClassState, col: Columns, o: number, i: number): void {
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
  let k = 0;
  for (let s = 0; s < col.segments; s++) {
    const end = col.segmentEnd[s]!;
    let cents = 0;
    let hours = 0;
    let direct = 0;
    for (; k < end; k++) {
      const base = k * SLOTS;
      if (u[base + SLOT_PREVENTION]! < threshold) continue;
      if (remoteOnly && u[base + SLOT_ONSITE]! < onsiteShare) cents += chargeCents(col.billed[k]!, rate, 1, tripFee);
      else if (!covered) cents += chargeCents(col.billed[k]!, rate, 1, 0);
      hours += responseWait(kind, ra, rb, rc, z[k]!, fast) + col.outage[k]!;
      direct += col.cost[k]!;
    }
    st.addIncidents(o, col.segmentMonth[s]!, cents, hours, direct);
  }
}

/**
 * Hybrid: in file order, an incident that does not escalate and whose labour fits in what
 * is left of the month's hours is handled in-house; the rest are billed and answered as
 * break-fix. Escalated incidents use no capacity.
 */
function accountHybrid(st: OptionState, cs: ClassState, col: Columns, o: number, i: number): void {
  const u = col.uniforms;
  const threshold = cs.preventable[i]! * st.prevention[o]!;
  const escalation = st.escalation;
  const z = col.z;
  const kind = st.respKind[o] as AmountKind;
  const ra = st.respA[o]!;
  const rb = st.respB[o]!;
  const rc = st.respC[o]!;
  const fast = expInRange(ra, rb);
  let k = 0;
  for (let s = 0; s < col.segments; s++) {
    const m = col.segmentMonth[s]!;
    const end = col.segmentEnd[s]!;
    let remaining = st.remaining[m]!;
    let cents = 0;
    let hours = 0;
    let direct = 0;
    for (; k < end; k++) {
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
    st.remaining[m] = remaining;
    st.addIncidents(o, m, cents, hours, direct);
  }
}

/** One chunk of a class's incidents: draw every column, then account every option; the columns are then empty. */
function runChunk(st: OptionState, cs: ClassState, col: Columns, i: number): void {
  drawColumn(col.labor, col, SLOT_LABOR, cs.laborKind, cs.laborA, cs.laborB, cs.laborC);
  drawColumn(col.outage, col, SLOT_OUTAGE, cs.outageKind, cs.outageA, cs.outageB, cs.outageC);
  drawColumn(col.cost, col, SLOT_DIRECT, cs.directKind, cs.directA, cs.directB, cs.directC);
  drawWaits(st, col);
  chargeBreakFix(st, cs, col, i);
  for (let o = 1; o < st.n; o++) {
    if (st.kind[o] === MANAGED) accountManaged(st, cs, col, o, i);
    else accountHybrid(st, cs, col, o, i);
  }
  col.clear();
}

/**
 * Month m's count for one class in trial t: one uniform at (class, t, m) inverted through the
 * count distribution, its mean the trial's λ, times the year's bad-year factor if one applies.
 */
function countMonths(cs: ClassState, col: Columns, i: number, t: number, months: number, badYear: boolean): void {
  if (!badYear) cs.counts.setMean(cs.lambda[i]!, cs.dispersion);
  for (let m = 0; m < months; m++) {
    if (badYear && m % 12 === 0) cs.counts.setMean(cs.lambda[i]! * col.yearFactors[m / 12]!, cs.dispersion);
    col.counts[m] = cs.counts.count(uniformAt(cs.key, t, m, SALT_COUNT));
  }
}

/**
 * The incidents of one class in trial t, every month. The k-th incident of month m reads
 * slots k·8 … k·8 + 7 of the stream at (class, t, m) (docs/model.md §1 v2) — labour, outage,
 * direct cost, on-site, after-hours, prevention, response wait, escalation — whether or not
 * any option uses them; the ziggurat's rejections read the stream at their own address.
 *
 * The work is done column by column (each amount for every incident, then each option over
 * every incident) in small loops that V8 compiles tightly, their sums in registers month by
 * month; downtime is summed as hours and multiplied by the class's people and revenue once
 * per class-month. Months are packed into chunks whole, in order, so each month's draws and
 * sums happen exactly as they would alone, and the hybrid team's hours go to classes in file
 * order within each month.
 */
function runClass(st: OptionState, cs: ClassState, col: Columns, i: number, t: number, months: number, badYear: boolean): void {
  countMonths(cs, col, i, t, months, badYear);
  st.people = cs.people;
  st.revenue = cs.revenue[i]!;
  for (let m = 0; m < months; m++) {
    const count = col.counts[m]!;
    if (count === 0) continue;
    if (col.filled + count > col.capacity && col.filled > 0) runChunk(st, cs, col, i);
    if (count <= col.capacity) col.addMonth(cs.key, t, m, count);
    else runLargeMonth(st, cs, col, i, t, m, count);
  }
  if (col.filled > 0) runChunk(st, cs, col, i);
}

/**
 * A month of more incidents than a chunk holds, in chunks of its own, its streams continuing
 * from one to the next. (Its rejections are then drawn column by column within each chunk, so
 * where a month splits is part of its numbers: that is CHUNK's one effect on a result.)
 */
function runLargeMonth(st: OptionState, cs: ClassState, col: Columns, i: number, t: number, m: number, count: number): void {
  const size = col.capacity;
  col.addMonth(cs.key, t, m, size);
  runChunk(st, cs, col, i);
  for (let done = size; done < count; done += size) {
    col.continueMonth(Math.min(size, count - done));
    runChunk(st, cs, col, i);
  }
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
function record(st: OptionState, q: QuantityArrays, i: number, m: number, loaded: number): void {
  const idx = i * st.months + m;
  for (let o = 0; o < st.n; o++) {
    const j = o * st.months + m;
    const downtimeCost = st.exposure[j]! * loaded + st.revenueLost[j]!;
    const spend = st.spendCents[j]! / 100;
    const total = spend + downtimeCost + st.direct[j]!;
    st.horizonCents[o] = st.horizonCents[o]! + st.spendCents[j]!;
    q.monthly_spend[o]![idx] = spend;
    q.monthly_total_cost[o]![idx] = total;
    q.horizon_total_cost[o]![i] = q.horizon_total_cost[o]![i]! + total;
    q.horizon_downtime_hours[o]![i] = q.horizon_downtime_hours[o]![i]! + st.exposure[j]!;
    q.horizon_downtime_cost[o]![i] = q.horizon_downtime_cost[o]![i]! + downtimeCost;
    q.horizon_direct_cost[o]![i] = q.horizon_direct_cost[o]![i]! + st.direct[j]!;
  }
}

/** The address of the bad-year factors' draws: (trial, year) under this purpose. */
const BAD_YEAR_PURPOSE = 'bad_year';

/** Trial t's bad-year factor for each simulated year: one uniform at (trial, year), by inversion (docs/model.md §3). */
function drawYearFactors(b: BadYearModel, key: number, col: Columns, t: number, months: number): void {
  for (let year = 0; year * 12 < months; year++) col.yearFactors[year] = badYearFactor(b.shape, unit53(key, t, year));
}

/** Each month's fee in cents (each option's fee with its yearly increase; one-off fees are not a month's), and nothing else yet. */
function startMonths(st: OptionState, i: number): void {
  for (let o = 0; o < st.n; o++) {
    const fee = st.feeByTrial[o]!;
    for (let m = 0; m < st.months; m++) {
      const growthYears = Math.floor(m / 12);
      const monthly = growthYears === 0 ? fee[i]! : fee[i]! * powInt(1 + st.annualIncrease[o]!, growthYears);
      const j = o * st.months + m;
      st.spendCents[j] = toCents(monthly);
      st.exposure[j] = 0;
      st.revenueLost[j] = 0;
      st.direct[j] = 0;
    }
  }
  st.remaining.fill(st.capacity);
}

/**
 * Simulates trials range.first … range.first + range.trials − 1 into `q` (zeroed arrays for
 * exactly those trials: views into a run's arrays, shared memory when a worker writes them),
 * or into new arrays. Every draw is addressed by (seed, purpose, trial, month, …), so any set
 * of threads running any grouping of trials gives the same numbers. `chunk` is CHUNK but for
 * tests: months that fit in it come out the same however they are packed.
 */
export function simulateTrials(
  model: Model,
  settings: Pick<RunSettings, 'seed' | 'months'>,
  range: TrialRange,
  q: QuantityArrays = allocateArrays(optionsOf(model).length, range.trials, settings.months),
  chunk = CHUNK,
): QuantityArrays {
  const { seed, months } = settings;
  const { first, trials: n } = range;
  const classes = model.classes.map((c) => new ClassState(c, seed, first, n));
  const st = new OptionState(model, seed, first, n, months);
  const loaded = drawPerTrial(model.organization.loadedHourlyCost, seed, first, n);
  const trip = drawPerTrial(model.breakFix.tripFee, seed, first, n);
  const escalation = model.hybrid ? drawPerTrial(model.hybrid.escalationShare, seed, first, n) : new Float64Array(n);
  const col = columnsFor(months, chunk);
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
    startMonths(st, i);
    if (badYear) drawYearFactors(badYear, badYearKey, col, t, months);
    for (let c = 0; c < classes.length; c++) runClass(st, classes[c]!, col, i, t, months, badYear?.applies[c] === true);
    for (let m = 0; m < months; m++) record(st, q, i, m, loaded[i]!);
    for (let o = 0; o < st.n; o++) q.horizon_spend[o]![i] = st.horizonCents[o]! / 100;
  }
  return q;
}
