import { drawPerTrial } from './amounts.js';
import { fastExp } from './fastmath.js';
import { FIXED, LOGNORMAL, type Amount, type IncidentClassModel, type Model, type RunSettings } from './model.js';
import { BLOCK_SIZE, blockStream, type Stream } from './rng.js';
import { incidentCount, triangularAt } from './samplers.js';
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

/** Per-trial and per-trial-month results, one array per option in `options` order. */
export interface SimulationOutput {
  readonly trials: number;
  readonly months: number;
  readonly options: readonly OptionInfo[];
  /** Index trial * months + month. */
  readonly monthlySpend: Float64Array[];
  readonly monthlyTotalCost: Float64Array[];
  /** Index trial. */
  readonly horizonSpend: Float64Array[];
  readonly horizonTotalCost: Float64Array[];
  readonly horizonDowntimeHours: Float64Array[];
  readonly horizonDowntimeCost: Float64Array[];
  readonly horizonDirectCost: Float64Array[];
}

/** The options in decision order: break-fix, managed tiers in file order, hybrid. */
export function optionsOf(model: Model): OptionInfo[] {
  const options: OptionInfo[] = [{ id: 'break_fix', label: 'Break-fix', kind: BREAK_FIX }];
  for (const m of model.managed) options.push({ id: m.id, label: m.label, kind: MANAGED });
  if (model.hybrid) options.push({ id: 'hybrid', label: model.hybrid.label, kind: HYBRID });
  return options;
}

export type ArrayAllocator = (length: number) => Float64Array;

export function allocateOutput(
  model: Model,
  settings: RunSettings,
  allocate: ArrayAllocator = (n) => new Float64Array(n),
): SimulationOutput {
  const options = optionsOf(model);
  const { trials, months } = settings;
  const each = (n: number) => options.map(() => allocate(n));
  return {
    trials,
    months,
    options,
    monthlySpend: each(trials * months),
    monthlyTotalCost: each(trials * months),
    horizonSpend: each(trials),
    horizonTotalCost: each(trials),
    horizonDowntimeHours: each(trials),
    horizonDowntimeCost: each(trials),
    horizonDirectCost: each(trials),
  };
}

export function blockCount(trials: number): number {
  return Math.ceil(trials / BLOCK_SIZE);
}

/** Runs every trial on this thread. */
export function simulate(model: Model, settings: RunSettings): SimulationOutput {
  const out = allocateOutput(model, settings);
  const blocks = blockCount(settings.trials);
  for (let b = 0; b < blocks; b++) simulateBlock(model, settings, b, out);
  return out;
}

function classKey(name: string, field: string): string {
  return `incidents[${JSON.stringify(name)}].${field}`;
}

/**
 * One incident class inside one block: its constants unpacked into plain number fields
 * (one hidden class, so the hot loop's property reads stay monomorphic) and its per-trial
 * draws.
 */
class ClassState {
  readonly laborKind: number;
  readonly laborA: number;
  readonly laborB: number;
  readonly laborC: number;
  readonly outageKind: number;
  readonly outageA: number;
  readonly outageB: number;
  readonly outageC: number;
  readonly directKind: number;
  readonly directA: number;
  readonly directB: number;
  readonly directC: number;
  readonly people: number;
  readonly covered: boolean;
  readonly dispersion: number;
  readonly lambda: Float64Array;
  readonly revenue: Float64Array;
  readonly onsite: Float64Array;
  readonly afterHours: Float64Array;
  readonly preventable: Float64Array;
  readonly counts: Stream;
  readonly incidents: Stream;
  /** Extra uniforms for the ziggurat's rare rejections, so `incidents` stays eight a draw. */
  readonly rejections: Stream;

  constructor(c: IncidentClassModel, seed: number, block: number, n: number) {
    const per = (x: Amount, field: string) => drawPerTrial(x, n, seed, block, classKey(c.name, field));
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
    this.lambda = per(c.rate, 'rate');
    for (let i = 0; i < n; i++) this.lambda[i] = this.lambda[i]! * c.rateUnits;
    this.revenue = per(c.revenuePerHour, 'downtime.revenue_per_hour');
    this.onsite = per(c.onsiteShare, 'onsite_share');
    this.afterHours = per(c.afterHoursShare, 'after_hours_share');
    this.preventable = per(c.preventable, 'preventable');
    this.counts = blockStream(seed, block, classKey(c.name, 'counts'));
    this.incidents = blockStream(seed, block, classKey(c.name, 'incidents'));
    this.rejections = blockStream(seed, block, classKey(c.name, 'rejections'));
  }
}

/**
 * Everything the per-incident loop reads and writes for the options, as parallel typed
 * arrays indexed by option, plus this trial's and this month's scalars.
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
  readonly spend: Float64Array;
  readonly exposure: Float64Array;
  readonly revenueLost: Float64Array;
  readonly direct: Float64Array;
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

  /** Adds one class's month to option o: its bills, and its Σ (wait + outage) hours as downtime. */
  addMonth(o: number, spend: number, hours: number, direct: number): void {
    this.spend[o] = this.spend[o]! + spend;
    this.exposure[o] = this.exposure[o]! + this.people * hours;
    this.revenueLost[o] = this.revenueLost[o]! + this.revenue * hours;
    this.direct[o] = this.direct[o]! + direct;
  }

  constructor(model: Model, seed: number, block: number, n: number) {
    const per = (x: Amount, key: string) => drawPerTrial(x, n, seed, block, key);
    const options = optionsOf(model);
    const count = options.length;
    const bf = model.breakFix;
    const org = model.organization;
    const zeros = new Float64Array(n);
    const bfRate = per(bf.hourlyRate, 'break_fix.hourly_rate');
    this.n = count;
    this.kind = Int32Array.from(options, (o) => o.kind);
    const responses: Amount[] = [bf.responseHours];
    this.coversOnsite = new Uint8Array(count);
    this.annualIncrease = new Float64Array(count);
    this.preventionByTrial = [zeros];
    this.feeByTrial = [zeros];
    this.onboardingByTrial = [zeros];
    this.rateByTrial = [bfRate];
    model.managed.forEach((m, j) => {
      const key = (field: string) => `${m.id}.${field}`;
      const fee = new Float64Array(n);
      const parts: Array<[Amount, number, string]> = [
        [m.perEmployee, org.employees, 'per_employee'],
        [m.perDevice, org.devices, 'per_device'],
        [m.perServer, org.servers, 'per_server'],
        [m.perSite, org.sites, 'per_site'],
        [m.flat, 1, 'flat'],
      ];
      for (const [amount, units, field] of parts) {
        const price = per(amount, key(field));
        for (let i = 0; i < n; i++) fee[i] = fee[i]! + price[i]! * units;
      }
      const minimum = per(m.minimumMonthly, key('minimum_monthly'));
      for (let i = 0; i < n; i++) fee[i] = Math.max(minimum[i]!, fee[i]!);
      this.preventionByTrial.push(per(m.prevention, key('prevention')));
      this.feeByTrial.push(fee);
      this.onboardingByTrial.push(per(m.onboardingFee, key('onboarding_fee')));
      this.rateByTrial.push(per(m.outOfScopeHourlyRate, key('out_of_scope_hourly_rate')));
      this.annualIncrease[j + 1] = m.annualIncrease;
      this.coversOnsite[j + 1] = m.coversOnsite ? 1 : 0;
      responses.push(m.responseHours);
    });
    const h = model.hybrid;
    if (h) {
      const staffCost = per(h.monthlyCostPerStaff, 'hybrid.monthly_cost_per_staff');
      for (let i = 0; i < n; i++) staffCost[i] = staffCost[i]! * h.internalStaff;
      this.preventionByTrial.push(per(h.prevention, 'hybrid.prevention'));
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
    this.spend = new Float64Array(count);
    this.exposure = new Float64Array(count);
    this.revenueLost = new Float64Array(count);
    this.direct = new Float64Array(count);

    this.minimumHours = bf.minimumHours;
    this.incrementHours = bf.billingIncrementHours;
    this.afterHoursMultiplier = bf.afterHoursMultiplier;
    this.capacity = h ? h.internalStaff * h.hoursPerStaffMonth : 0;
  }
}

/** Uniforms each incident consumes, in this order (see runIncidents). */
const DRAWS = 8;

/**
 * Per-incident columns for one class-month, grown as needed. The incidents' amounts are
 * drawn column by column in small loops that V8 inlines whole; one loop over everything
 * would exceed its inlining budget and call (and box) every exp and probit.
 */
class Columns {
  capacity = 0;
  uniforms = new Float64Array(0);
  labor = new Float64Array(0);
  outage = new Float64Array(0);
  cost = new Float64Array(0);
  billed = new Float64Array(0);
  charge = new Float64Array(0);
  z = new Float64Array(0);
  /** waits[o * capacity + k]: option o's wait for incident k. */
  waits = new Float64Array(0);

  reserve(count: number, options: number): void {
    if (count <= this.capacity) return;
    const cap = Math.max(64, 2 * count);
    this.capacity = cap;
    this.uniforms = new Float64Array(cap * DRAWS);
    this.labor = new Float64Array(cap);
    this.outage = new Float64Array(cap);
    this.cost = new Float64Array(cap);
    this.billed = new Float64Array(cap);
    this.charge = new Float64Array(cap);
    this.z = new Float64Array(cap);
    this.waits = new Float64Array(cap * options);
  }
}

/**
 * dst[k] = the amount drawn from u[k·8 + offset]: a lognormal through the ziggurat normal
 * (rejections drawing from their own stream), a triangular by its inverse CDF.
 */
function drawColumn(
  dst: Float64Array,
  u: Float64Array,
  offset: number,
  count: number,
  rejections: Stream,
  kind: number,
  a: number,
  b: number,
  c: number,
): void {
  if (kind === LOGNORMAL) {
    for (let k = 0; k < count; k++) dst[k] = fastExp(a + b * zigNormal(u[k * DRAWS + offset]!, rejections));
  } else if (kind === FIXED) {
    dst.fill(a, 0, count);
  } else {
    for (let k = 0; k < count; k++) dst[k] = triangularAt(u[k * DRAWS + offset]!, a, b, c);
  }
}

/**
 * Every option's response wait for every incident. One standard normal z per incident is
 * shared: a lognormal wait is exp(μ + σ z), a triangular one its quantile at Φ(z), so every
 * option's wait is its own quantile at the same probability and a slow incident is slow
 * under every option.
 */
function drawWaits(st: OptionState, col: Columns, rejections: Stream, count: number): void {
  const u = col.uniforms;
  const z = col.z;
  for (let k = 0; k < count; k++) z[k] = zigNormal(u[k * DRAWS + 6]!, rejections);
  const w = col.waits;
  // Offsets rather than subarray views: a view per option and class-month is garbage.
  for (let o = 0; o < st.n; o++) {
    const at = o * col.capacity;
    const kind = st.respKind[o]!;
    const a = st.respA[o]!;
    const b = st.respB[o]!;
    const c = st.respC[o]!;
    if (kind === LOGNORMAL) for (let k = 0; k < count; k++) w[at + k] = fastExp(a + b * z[k]!);
    else if (kind === FIXED) w.fill(a, at, at + count);
    else for (let k = 0; k < count; k++) w[at + k] = triangularAt(normalCdf(z[k]!), a, b, c);
  }
}

/**
 * Break-fix's bill for each incident (billed hours × after-hours multiplier × rate, plus
 * the trip fee on site) and the billed hours × multiplier that other hourly rates multiply.
 */
function drawCharges(st: OptionState, cs: ClassState, col: Columns, i: number, count: number): void {
  const u = col.uniforms;
  const onsiteShare = cs.onsite[i]!;
  const afterShare = cs.afterHours[i]!;
  const minimum = st.minimumHours;
  const increment = st.incrementHours;
  const multiplier = st.afterHoursMultiplier;
  const tripFee = st.tripFee;
  const bfRate = st.rate[0]!;
  for (let k = 0; k < count; k++) {
    const labor = col.labor[k]!;
    const rounded = increment > 0 ? Math.ceil(labor / increment - 1e-9) * increment : labor;
    const billed = (rounded > minimum ? rounded : minimum) * (u[k * DRAWS + 4]! < afterShare ? multiplier : 1);
    col.billed[k] = billed;
    col.charge[k] = billed * bfRate + (u[k * DRAWS + 3]! < onsiteShare ? tripFee : 0);
  }
}

/** Break-fix prevents nothing: every incident is billed, waited for and costs its direct cost. */
function accountBreakFix(st: OptionState, col: Columns, count: number): void {
  let spend = 0;
  let hours = 0;
  let direct = 0;
  for (let k = 0; k < count; k++) {
    spend += col.charge[k]!;
    hours += col.waits[k]! + col.outage[k]!;
    direct += col.cost[k]!;
  }
  st.addMonth(0, spend, hours, direct);
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
  const waits = col.waits;
  const at = o * col.capacity;
  let spend = 0;
  let hours = 0;
  let direct = 0;
  for (let k = 0; k < count; k++) {
    const base = k * DRAWS;
    if (u[base + 5]! < threshold) continue;
    if (remoteOnly && u[base + 3]! < onsiteShare) spend += col.billed[k]! * rate + tripFee;
    else if (!covered) spend += col.billed[k]! * rate;
    hours += waits[at + k]! + col.outage[k]!;
    direct += col.cost[k]!;
  }
  st.addMonth(o, spend, hours, direct);
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
  const waits = col.waits;
  const at = o * col.capacity;
  let remaining = st.remaining;
  let spend = 0;
  let hours = 0;
  let direct = 0;
  for (let k = 0; k < count; k++) {
    const base = k * DRAWS;
    if (u[base + 5]! < threshold) continue;
    const labor = col.labor[k]!;
    if (u[base + 7]! >= escalation && labor <= remaining) {
      remaining -= labor;
      hours += waits[at + k]! + col.outage[k]!;
    } else {
      spend += col.charge[k]!;
      hours += col.waits[k]! + col.outage[k]!;
    }
    direct += col.cost[k]!;
  }
  st.remaining = remaining;
  st.addMonth(o, spend, hours, direct);
}

/**
 * The incidents of one class in one month. Every incident consumes eight uniforms from the
 * class's incident stream, in this order: labour hours, outage hours, direct cost, on-site,
 * after-hours, prevention, response wait, escalation — whether or not any option uses them.
 *
 * The work is done column by column (each amount for every incident, then each option
 * over every incident) in small loops that V8 compiles tightly with their sums in
 * registers; downtime is summed as hours and multiplied by the class's people and revenue
 * once per class-month.
 */
function runIncidents(st: OptionState, cs: ClassState, col: Columns, i: number, count: number): void {
  col.reserve(count, st.n);
  const u = col.uniforms;
  cs.incidents.fill(u, count * DRAWS);
  const rej = cs.rejections;
  drawColumn(col.labor, u, 0, count, rej, cs.laborKind, cs.laborA, cs.laborB, cs.laborC);
  drawColumn(col.outage, u, 1, count, rej, cs.outageKind, cs.outageA, cs.outageB, cs.outageC);
  drawColumn(col.cost, u, 2, count, rej, cs.directKind, cs.directA, cs.directB, cs.directC);
  drawWaits(st, col, rej, count);
  drawCharges(st, cs, col, i, count);
  st.people = cs.people;
  st.revenue = cs.revenue[i]!;
  accountBreakFix(st, col, count);
  for (let o = 1; o < st.n; o++) {
    if (st.kind[o] === MANAGED) accountManaged(st, cs, col, o, i, count);
    else accountHybrid(st, cs, col, o, i, count);
  }
}

/** Writes one trial-month into the outputs and adds it to the trial's horizon sums. */
function record(st: OptionState, out: SimulationOutput, t: number, idx: number, loaded: number): void {
  for (let o = 0; o < st.n; o++) {
    const downtimeCost = st.exposure[o]! * loaded + st.revenueLost[o]!;
    const spend = st.spend[o]!;
    const total = spend + downtimeCost + st.direct[o]!;
    out.monthlySpend[o]![idx] = spend;
    out.monthlyTotalCost[o]![idx] = total;
    out.horizonSpend[o]![t] = out.horizonSpend[o]![t]! + spend;
    out.horizonTotalCost[o]![t] = out.horizonTotalCost[o]![t]! + total;
    out.horizonDowntimeHours[o]![t] = out.horizonDowntimeHours[o]![t]! + st.exposure[o]!;
    out.horizonDowntimeCost[o]![t] = out.horizonDowntimeCost[o]![t]! + downtimeCost;
    out.horizonDirectCost[o]![t] = out.horizonDirectCost[o]![t]! + st.direct[o]!;
  }
}

/**
 * Simulates the trials of block `block` and writes them into `out`. Blocks are
 * independent, so any set of threads running any set of blocks gives the same numbers.
 */
export function simulateBlock(model: Model, settings: RunSettings, block: number, out: SimulationOutput): void {
  const { seed, months, trials } = settings;
  const first = block * BLOCK_SIZE;
  const n = Math.min(BLOCK_SIZE, trials - first);
  if (n <= 0) return;
  const classes = model.classes.map((c) => new ClassState(c, seed, block, n));
  const st = new OptionState(model, seed, block, n);
  const loaded = drawPerTrial(model.organization.loadedHourlyCost, n, seed, block, 'organization.loaded_hourly_cost');
  const trip = drawPerTrial(model.breakFix.tripFee, n, seed, block, 'break_fix.trip_fee');
  const escalation = model.hybrid
    ? drawPerTrial(model.hybrid.escalationShare, n, seed, block, 'hybrid.escalation_share')
    : new Float64Array(n);
  const col = new Columns();
  for (let i = 0; i < n; i++) {
    const t = first + i;
    st.tripFee = trip[i]!;
    st.escalation = escalation[i]!;
    for (let o = 0; o < st.n; o++) {
      st.prevention[o] = st.preventionByTrial[o]![i]!;
      st.rate[o] = st.rateByTrial[o]![i]!;
    }
    for (let m = 0; m < months; m++) {
      const growthYears = Math.floor(m / 12);
      for (let o = 0; o < st.n; o++) {
        const fee = st.feeByTrial[o]![i]!;
        st.spend[o] = (growthYears === 0 ? fee : fee * Math.pow(1 + st.annualIncrease[o]!, growthYears)) + (m === 0 ? st.onboardingByTrial[o]![i]! : 0);
        st.exposure[o] = 0;
        st.revenueLost[o] = 0;
        st.direct[o] = 0;
      }
      st.remaining = st.capacity;
      for (const cs of classes) {
        const count = incidentCount(cs.counts, cs.lambda[i]!, cs.dispersion);
        if (count > 0) runIncidents(st, cs, col, i, count);
      }
      record(st, out, t, t * months + m, loaded[i]!);
    }
  }
}
