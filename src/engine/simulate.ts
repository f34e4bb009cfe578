import { amountAt, billedHours, drawPerTrial } from './amounts.js';
import { FIXED, LOGNORMAL, type Amount, type Model, type RunSettings } from './model.js';
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

/** What one incident class needs inside one block. */
interface ClassBlock {
  readonly lambda: Float64Array;
  readonly revenue: Float64Array;
  readonly onsite: Float64Array;
  readonly afterHours: Float64Array;
  readonly preventable: Float64Array;
  readonly counts: Stream;
  readonly incidents: Stream;
}

/** What every option needs inside one block, as parallel arrays indexed by option. */
interface OptionBlock {
  readonly kind: Int32Array;
  readonly prevention: Float64Array[];
  /** The month-1 recurring fee (managed) or staff cost (hybrid); 0 for break-fix. */
  readonly fee: Float64Array[];
  readonly onboarding: Float64Array[];
  /** The hourly rate an option pays for billed work (out-of-scope rate for managed). */
  readonly rate: Float64Array[];
  readonly annualIncrease: Float64Array;
  readonly coversOnsite: Uint8Array;
  readonly response: Amount[];
}

function classKey(name: string, field: string): string {
  return `incidents[${JSON.stringify(name)}].${field}`;
}

function prepareClasses(model: Model, seed: number, block: number, n: number): ClassBlock[] {
  return model.classes.map((c) => {
    const per = (x: Amount, field: string) => drawPerTrial(x, n, seed, block, classKey(c.name, field));
    const lambda = per(c.rate, 'rate');
    for (let i = 0; i < n; i++) lambda[i] = lambda[i]! * c.rateUnits;
    return {
      lambda,
      revenue: per(c.revenuePerHour, 'downtime.revenue_per_hour'),
      onsite: per(c.onsiteShare, 'onsite_share'),
      afterHours: per(c.afterHoursShare, 'after_hours_share'),
      preventable: per(c.preventable, 'preventable'),
      counts: blockStream(seed, block, classKey(c.name, 'counts')),
      incidents: blockStream(seed, block, classKey(c.name, 'incidents')),
    };
  });
}

function prepareOptions(model: Model, seed: number, block: number, n: number): OptionBlock {
  const per = (x: Amount, key: string) => drawPerTrial(x, n, seed, block, key);
  const zeros = new Float64Array(n);
  const org = model.organization;
  const bf = model.breakFix;
  const bfRate = per(bf.hourlyRate, 'break_fix.hourly_rate');
  const options = optionsOf(model);
  const ob: OptionBlock = {
    kind: Int32Array.from(options, (o) => o.kind),
    prevention: [zeros],
    fee: [zeros],
    onboarding: [zeros],
    rate: [bfRate],
    annualIncrease: new Float64Array(options.length),
    coversOnsite: new Uint8Array(options.length),
    response: [bf.responseHours],
  };
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
    ob.prevention.push(per(m.prevention, key('prevention')));
    ob.fee.push(fee);
    ob.onboarding.push(per(m.onboardingFee, key('onboarding_fee')));
    ob.rate.push(per(m.outOfScopeHourlyRate, key('out_of_scope_hourly_rate')));
    ob.annualIncrease[j + 1] = m.annualIncrease;
    ob.coversOnsite[j + 1] = m.coversOnsite ? 1 : 0;
    ob.response.push(m.responseHours);
  });
  const h = model.hybrid;
  if (h) {
    const staffCost = per(h.monthlyCostPerStaff, 'hybrid.monthly_cost_per_staff');
    for (let i = 0; i < n; i++) staffCost[i] = staffCost[i]! * h.internalStaff;
    ob.prevention.push(per(h.prevention, 'hybrid.prevention'));
    ob.fee.push(staffCost);
    ob.onboarding.push(zeros);
    ob.rate.push(bfRate);
    ob.response.push(h.responseHours);
  }
  return ob;
}

/** An option's response wait for an incident whose wait quantile is u (z = probit(u)). */
function waitAt(x: Amount, u: number, z: number): number {
  if (x.kind === FIXED) return x.a;
  if (x.kind === LOGNORMAL) return Math.exp(x.a + x.b * z);
  return triangularAt(u, x.a, x.b, x.c);
}

/**
 * Simulates the trials of block `block` and writes them into `out`. Blocks are
 * independent, so any set of threads running any set of blocks gives the same numbers.
 *
 * Every incident consumes eight uniforms from its class's incident stream, in this order:
 * labour hours, outage hours, direct cost, on-site, after-hours, prevention, response
 * wait, escalation — whether or not any option uses them.
 */
export function simulateBlock(model: Model, settings: RunSettings, block: number, out: SimulationOutput): void {
  const { seed, months, trials } = settings;
  const first = block * BLOCK_SIZE;
  const n = Math.min(BLOCK_SIZE, trials - first);
  if (n <= 0) return;
  const classes = prepareClasses(model, seed, block, n);
  const ob = prepareOptions(model, seed, block, n);
  const loaded = drawPerTrial(model.organization.loadedHourlyCost, n, seed, block, 'organization.loaded_hourly_cost');
  const nOpt = ob.kind.length;
  const bf = model.breakFix;
  const capacity = model.hybrid ? model.hybrid.internalStaff * model.hybrid.hoursPerStaffMonth : 0;
  const escalation = model.hybrid
    ? drawPerTrial(model.hybrid.escalationShare, n, seed, block, 'hybrid.escalation_share')
    : new Float64Array(n);
  const trip = drawPerTrial(bf.tripFee, n, seed, block, 'break_fix.trip_fee');
  const needZ = ob.response.some((r) => r.kind === LOGNORMAL);
  const spend = new Float64Array(nOpt);
  const exposure = new Float64Array(nOpt); // Σ people × (wait + outage)
  const revenueLost = new Float64Array(nOpt);
  const direct = new Float64Array(nOpt);
  const wait = new Float64Array(nOpt);

  for (let i = 0; i < n; i++) {
    const t = first + i;
    const tripFee = trip[i]!;
    for (let m = 0; m < months; m++) {
      const year = Math.floor(m / 12);
      for (let o = 0; o < nOpt; o++) {
        spend[o] = ob.fee[o]![i]! * Math.pow(1 + ob.annualIncrease[o]!, year) + (m === 0 ? ob.onboarding[o]![i]! : 0);
        exposure[o] = 0;
        revenueLost[o] = 0;
        direct[o] = 0;
      }
      let remaining = capacity;
      for (let c = 0; c < classes.length; c++) {
        const cm = model.classes[c]!;
        const cb = classes[c]!;
        const count = incidentCount(cb.counts, cb.lambda[i]!, cm.dispersion);
        const s = cb.incidents;
        const preventable = cb.preventable[i]!;
        const onsiteShare = cb.onsite[i]!;
        const afterShare = cb.afterHours[i]!;
        const revenue = cb.revenue[i]!;
        for (let k = 0; k < count; k++) {
          const labor = amountAt(cm.laborHours, s.u());
          const outage = amountAt(cm.outageHours, s.u());
          const cost = amountAt(cm.directCost, s.u());
          const onsite = s.u() < onsiteShare;
          const afterHours = s.u() < afterShare;
          const uPrevent = s.u();
          const uWait = s.u();
          const escalated = s.u() < escalation[i]!;
          const z = needZ ? probit(uWait) : 0;
          const billed = billedHours(labor, bf.minimumHours, bf.billingIncrementHours);
          const multiplier = afterHours ? bf.afterHoursMultiplier : 1;
          for (let o = 0; o < nOpt; o++) wait[o] = waitAt(ob.response[o]!, uWait, z);
          const bfWait = wait[0]!;
          for (let o = 0; o < nOpt; o++) {
            if (uPrevent < preventable * ob.prevention[o]![i]!) continue;
            const kind = ob.kind[o]!;
            let w = wait[o]!;
            if (kind === 0) {
              spend[o] = spend[o]! + billed * ob.rate[o]![i]! * multiplier + (onsite ? tripFee : 0);
            } else if (kind === 1) {
              if (onsite && ob.coversOnsite[o] === 0) {
                spend[o] = spend[o]! + billed * ob.rate[o]![i]! * multiplier + tripFee;
              } else if (!cm.covered) {
                spend[o] = spend[o]! + billed * ob.rate[o]![i]! * multiplier;
              }
            } else if (!escalated && labor <= remaining) {
              remaining -= labor;
            } else {
              spend[o] = spend[o]! + billed * ob.rate[o]![i]! * multiplier + (onsite ? tripFee : 0);
              w = bfWait;
            }
            const hours = w + outage;
            exposure[o] = exposure[o]! + cm.people * hours;
            revenueLost[o] = revenueLost[o]! + revenue * hours;
            direct[o] = direct[o]! + cost;
          }
        }
      }
      const idx = t * months + m;
      for (let o = 0; o < nOpt; o++) {
        const downtimeCost = exposure[o]! * loaded[i]! + revenueLost[o]!;
        const total = spend[o]! + downtimeCost + direct[o]!;
        out.monthlySpend[o]![idx] = spend[o]!;
        out.monthlyTotalCost[o]![idx] = total;
        out.horizonSpend[o]![t] = out.horizonSpend[o]![t]! + spend[o]!;
        out.horizonTotalCost[o]![t] = out.horizonTotalCost[o]![t]! + total;
        out.horizonDowntimeHours[o]![t] = out.horizonDowntimeHours[o]![t]! + exposure[o]!;
        out.horizonDowntimeCost[o]![t] = out.horizonDowntimeCost[o]![t]! + downtimeCost;
        out.horizonDirectCost[o]![t] = out.horizonDirectCost[o]![t]! + direct[o]!;
      }
    }
  }
}
