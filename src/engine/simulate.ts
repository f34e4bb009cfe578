import { drawPerTrial } from './amounts.js';
import { fastExp } from './fastmath.js';
import { FIXED, LOGNORMAL, type Amount, type IncidentClassModel, type Model, type RunSettings } from './model.js';
import { BLOCK_SIZE, blockStream, type Stream } from './rng.js';
import { incidentCount, probit, triangularAt } from './samplers.js';

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
  readonly needZ: boolean;
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
  readonly wait: Float64Array;
  // Break-fix billing and the hybrid team, shared by every option that bills hourly.
  readonly minimumHours: number;
  readonly incrementHours: number;
  readonly afterHoursMultiplier: number;
  readonly capacity: number;
  tripFee = 0;
  escalation = 0;
  remaining = 0;

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
    this.needZ = responses.some((r) => r.kind === LOGNORMAL);
    this.prevention = new Float64Array(count);
    this.rate = new Float64Array(count);
    this.spend = new Float64Array(count);
    this.exposure = new Float64Array(count);
    this.revenueLost = new Float64Array(count);
    this.direct = new Float64Array(count);
    this.wait = new Float64Array(count);
    this.minimumHours = bf.minimumHours;
    this.incrementHours = bf.billingIncrementHours;
    this.afterHoursMultiplier = bf.afterHoursMultiplier;
    this.capacity = h ? h.internalStaff * h.hoursPerStaffMonth : 0;
  }
}

/** The amount's quantile at u; the lognormal uses the table-based exp. */
function quantileAt(kind: number, a: number, b: number, c: number, u: number): number {
  if (kind === FIXED) return a;
  if (kind === LOGNORMAL) return fastExp(a + b * probit(u));
  return triangularAt(u, a, b, c);
}

/**
 * The incidents of one class in one month. Every incident consumes eight uniforms from the
 * class's incident stream, in this order: labour hours, outage hours, direct cost, on-site,
 * after-hours, prevention, response wait, escalation — whether or not any option uses them.
 */
function runIncidents(st: OptionState, cs: ClassState, i: number, count: number): void {
  const s = cs.incidents;
  const preventable = cs.preventable[i]!;
  const onsiteShare = cs.onsite[i]!;
  const afterShare = cs.afterHours[i]!;
  const revenue = cs.revenue[i]!;
  const people = cs.people;
  const covered = cs.covered;
  const nOpt = st.n;
  const minimum = st.minimumHours;
  const increment = st.incrementHours;
  const tripFee = st.tripFee;
  const escalation = st.escalation;
  const u = s.buf;
  for (let k = 0; k < count; k++) {
    const p = s.take8();
    const labor = quantileAt(cs.laborKind, cs.laborA, cs.laborB, cs.laborC, u[p]!);
    const outage = quantileAt(cs.outageKind, cs.outageA, cs.outageB, cs.outageC, u[p + 1]!);
    const cost = quantileAt(cs.directKind, cs.directA, cs.directB, cs.directC, u[p + 2]!);
    const onsite = u[p + 3]! < onsiteShare;
    const afterHours = u[p + 4]! < afterShare;
    const uPrevent = u[p + 5]!;
    const uWait = u[p + 6]!;
    const escalated = u[p + 7]! < escalation;
    const z = st.needZ ? probit(uWait) : 0;
    const rounded = increment > 0 ? Math.ceil(labor / increment - 1e-9) * increment : labor;
    // billed hours × after-hours multiplier: every hourly bill is this times a rate.
    const billed = (rounded > minimum ? rounded : minimum) * (afterHours ? st.afterHoursMultiplier : 1);
    let bfWait = 0;
    for (let o = 0; o < nOpt; o++) {
      const kind = st.respKind[o]!;
      const w = kind === FIXED ? st.respA[o]! : kind === LOGNORMAL ? fastExp(st.respA[o]! + st.respB[o]! * z) : triangularAt(uWait, st.respA[o]!, st.respB[o]!, st.respC[o]!);
      st.wait[o] = w;
      if (o === 0) bfWait = w;
    }
    for (let o = 0; o < nOpt; o++) {
      if (uPrevent < preventable * st.prevention[o]!) continue;
      const kind = st.kind[o]!;
      let w = st.wait[o]!;
      if (kind === BREAK_FIX) {
        st.spend[o] = st.spend[o]! + billed * st.rate[o]! + (onsite ? tripFee : 0);
      } else if (kind === MANAGED) {
        if (onsite && st.coversOnsite[o] === 0) st.spend[o] = st.spend[o]! + billed * st.rate[o]! + tripFee;
        else if (!covered) st.spend[o] = st.spend[o]! + billed * st.rate[o]!;
      } else if (!escalated && labor <= st.remaining) {
        st.remaining -= labor;
      } else {
        // Escalated or over capacity: billed and answered as break-fix.
        st.spend[o] = st.spend[o]! + billed * st.rate[o]! + (onsite ? tripFee : 0);
        w = bfWait;
      }
      const hours = w + outage;
      st.exposure[o] = st.exposure[o]! + people * hours;
      st.revenueLost[o] = st.revenueLost[o]! + revenue * hours;
      st.direct[o] = st.direct[o]! + cost;
    }
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
        if (count > 0) runIncidents(st, cs, i, count);
      }
      record(st, out, t, t * months + m, loaded[i]!);
    }
  }
}
