import { badYearShape } from '../engine/gamma.js';
import { log } from '../engine/libm.js';
import {
  type Amount as EngineAmount,
  fixed,
  type IncidentClassModel,
  type Input,
  LOGNORMAL,
  type ManagedModel,
  type Model,
  TRIANGULAR,
} from '../engine/model.js';
import { classPurpose } from '../engine/simulate.js';
import type { Amount, Incident, ManagedOffer, Profile, RateKey, Share } from './schema.js';
import { RATE_KEYS } from './schema.js';

/** z such that P(Z ≤ z) = 0.9: turns a p90 into a lognormal's sigma. */
const Z90 = 1.2815515655446004;

/** A profile amount as the engine's distribution (degenerate ones become fixed). */
export function compileAmount(x: Amount | Share): EngineAmount {
  if (typeof x === 'number') return fixed(x);
  if ('p50' in x) {
    if (x.p90 === x.p50) return fixed(x.p50);
    return { kind: LOGNORMAL, a: log(x.p50), b: (log(x.p90) - log(x.p50)) / Z90, c: 0 };
  }
  if ('mean' in x) {
    if (x.sd === 0) return fixed(x.mean);
    const s2 = log(1 + (x.sd * x.sd) / (x.mean * x.mean));
    return { kind: LOGNORMAL, a: log(x.mean) - s2 / 2, b: Math.sqrt(s2), c: 0 };
  }
  if (x.low === x.high) return fixed(x.low);
  return { kind: TRIANGULAR, a: x.low, b: x.mode, c: x.high };
}

/** A per-trial input: the amount, drawn at the address of the field's path (docs/model.md §1 v2). */
function input(x: Amount | Share, key: string): Input {
  return { amount: compileAmount(x), key };
}

export function managedOffers(profile: Profile): ManagedOffer[] {
  const m = profile.managed;
  return m === undefined ? [] : Array.isArray(m) ? m : [m];
}

/** Option ids in decision order: break_fix, managed tiers, hybrid. */
export function optionIds(profile: Profile): string[] {
  const ids = ['break_fix'];
  const m = profile.managed;
  if (Array.isArray(m)) ids.push(...m.map((t) => `managed:${t.name ?? ''}`));
  else if (m) ids.push('managed');
  if (profile.hybrid) ids.push('hybrid');
  return ids;
}

export function rateKey(rate: Incident['rate']): RateKey {
  return RATE_KEYS.find((k) => rate[k] !== undefined)!;
}

export function rateUnits(key: RateKey, org: Profile['organization']): number {
  switch (key) {
    case 'per_employee':
      return org.employees;
    case 'per_device':
      return org.devices;
    case 'per_server':
      return org.servers;
    case 'per_site':
      return org.sites;
    case 'per_month':
      return 1;
    case 'per_year':
      return 1 / 12;
    default:
      return key satisfies never;
  }
}

function peopleOf(people: NonNullable<Incident['downtime']>['people'], employees: number): number {
  if (people === 'all') return employees;
  if (typeof people === 'number') return people;
  return people.share * employees;
}

function compileIncident(c: Incident, org: Profile['organization']): IncidentClassModel {
  const key = rateKey(c.rate);
  const downtime = c.downtime;
  // Keyed by the class's name, so reordering or adding classes moves no other class's draws.
  const at = (field: string) => `${classPurpose(c.name)}.${field}`;
  return {
    name: c.name,
    rate: input(c.rate[key]!, at('rate')),
    rateUnits: rateUnits(key, org),
    dispersion: c.dispersion,
    laborHours: compileAmount(c.labor_hours),
    // No downtime block: the incident stops nobody, so waits and outages cost nothing.
    outageHours: downtime ? compileAmount(downtime.hours) : fixed(0),
    people: downtime ? peopleOf(downtime.people, org.employees) : 0,
    revenuePerHour: input(downtime ? downtime.revenue_per_hour : 0, at('downtime.revenue_per_hour')),
    directCost: compileAmount(c.direct_cost),
    onsiteShare: input(c.onsite_share, at('onsite_share')),
    afterHoursShare: input(c.after_hours_share, at('after_hours_share')),
    preventable: input(c.preventable, at('preventable')),
    covered: c.covered,
  };
}

/** The path prefix of an offer's fields: managed, or managed["<tier name>"] for a tier (by name, not position). */
function offerPath(m: ManagedOffer, tiers: boolean): string {
  return tiers ? `managed[${JSON.stringify(m.name ?? '')}]` : 'managed';
}

function compileManaged(m: ManagedOffer, id: string, prefix: string, breakFixRate: Input): ManagedModel {
  const at = (field: string) => `${prefix}.${field}`;
  return {
    id,
    // A tier without a label goes by its name, so two tiers never share one.
    label: m.label ?? m.name ?? 'Managed',
    perEmployee: input(m.per_employee, at('per_employee')),
    perDevice: input(m.per_device, at('per_device')),
    perServer: input(m.per_server, at('per_server')),
    perSite: input(m.per_site, at('per_site')),
    flat: input(m.flat, at('flat')),
    minimumMonthly: input(m.minimum_monthly, at('minimum_monthly')),
    onboardingFee: input(m.onboarding_fee, at('onboarding_fee')),
    annualIncrease: m.annual_increase,
    // Left at its default, the out-of-scope rate is break-fix's rate: the same draw, not a second one.
    outOfScopeHourlyRate:
      m.out_of_scope_hourly_rate === undefined ? breakFixRate : input(m.out_of_scope_hourly_rate, at('out_of_scope_hourly_rate')),
    coversOnsite: m.covers_onsite,
    prevention: input(m.prevention, at('prevention')),
    responseHours: compileAmount(m.response_hours),
  };
}

/** The validated profile as the engine's model. */
export function compileProfile(profile: Profile): Model {
  const org = profile.organization;
  const bf = profile.break_fix;
  const ids = optionIds(profile).filter((id) => id.startsWith('managed'));
  const tiers = Array.isArray(profile.managed);
  const h = profile.hybrid;
  const hourlyRate = input(bf.hourly_rate, 'break_fix.hourly_rate');
  return {
    organization: {
      employees: org.employees,
      devices: org.devices,
      servers: org.servers,
      sites: org.sites,
      loadedHourlyCost: input(org.loaded_hourly_cost, 'organization.loaded_hourly_cost'),
    },
    classes: profile.incidents.map((c) => compileIncident(c, org)),
    breakFix: {
      hourlyRate,
      afterHoursMultiplier: bf.after_hours_multiplier,
      minimumHours: bf.minimum_hours,
      billingIncrementHours: bf.billing_increment_hours,
      tripFee: input(bf.trip_fee, 'break_fix.trip_fee'),
      responseHours: compileAmount(bf.response_hours),
    },
    managed: managedOffers(profile).map((m, i) => compileManaged(m, ids[i]!, offerPath(m, tiers), hourlyRate)),
    hybrid: h && {
      label: 'Hybrid',
      internalStaff: h.internal_staff,
      monthlyCostPerStaff: input(h.monthly_cost_per_staff, 'hybrid.monthly_cost_per_staff'),
      hoursPerStaffMonth: h.hours_per_staff_month,
      escalationShare: input(h.escalation_share, 'hybrid.escalation_share'),
      prevention: input(h.prevention, 'hybrid.prevention'),
      responseHours: compileAmount(h.response_hours),
    },
    decision: { basis: profile.decision.basis, metric: profile.decision.metric },
    budgetMonthly: profile.budget?.monthly,
    badYear: profile.bad_year && {
      shape: badYearShape(profile.bad_year.p90),
      applies: profile.incidents.map((c) => {
        const to = profile.bad_year?.applies_to ?? 'all';
        return to === 'all' || to.includes(c.name);
      }),
    },
  };
}
