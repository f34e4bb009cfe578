import {
  LOGNORMAL,
  TRIANGULAR,
  fixed,
  type Amount as EngineAmount,
  type IncidentClassModel,
  type ManagedModel,
  type Model,
} from '../engine/model.js';
import type { Amount, Incident, ManagedOffer, Profile, RateKey, Share } from './schema.js';
import { RATE_KEYS } from './schema.js';

/** z such that P(Z ≤ z) = 0.9: turns a p90 into a lognormal's sigma. */
const Z90 = 1.2815515655446004;

/** A profile amount as the engine's distribution (degenerate ones become fixed). */
export function compileAmount(x: Amount | Share): EngineAmount {
  if (typeof x === 'number') return fixed(x);
  if ('p50' in x) {
    if (x.p90 === x.p50) return fixed(x.p50);
    return { kind: LOGNORMAL, a: Math.log(x.p50), b: (Math.log(x.p90) - Math.log(x.p50)) / Z90, c: 0 };
  }
  if ('mean' in x) {
    if (x.sd === 0) return fixed(x.mean);
    const s2 = Math.log(1 + (x.sd * x.sd) / (x.mean * x.mean));
    return { kind: LOGNORMAL, a: Math.log(x.mean) - s2 / 2, b: Math.sqrt(s2), c: 0 };
  }
  if (x.low === x.high) return fixed(x.low);
  return { kind: TRIANGULAR, a: x.low, b: x.mode, c: x.high };
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
  return {
    name: c.name,
    rate: compileAmount(c.rate[key]!),
    rateUnits: rateUnits(key, org),
    dispersion: c.dispersion,
    laborHours: compileAmount(c.labor_hours),
    // No downtime block: the incident stops nobody, so waits and outages cost nothing.
    outageHours: downtime ? compileAmount(downtime.hours) : fixed(0),
    people: downtime ? peopleOf(downtime.people, org.employees) : 0,
    revenuePerHour: downtime ? compileAmount(downtime.revenue_per_hour) : fixed(0),
    directCost: compileAmount(c.direct_cost),
    onsiteShare: compileAmount(c.onsite_share),
    afterHoursShare: compileAmount(c.after_hours_share),
    preventable: compileAmount(c.preventable),
    covered: c.covered,
  };
}

function compileManaged(m: ManagedOffer, id: string, breakFixRate: Amount): ManagedModel {
  return {
    id,
    label: m.label ?? 'Managed',
    perEmployee: compileAmount(m.per_employee),
    perDevice: compileAmount(m.per_device),
    perServer: compileAmount(m.per_server),
    perSite: compileAmount(m.per_site),
    flat: compileAmount(m.flat),
    minimumMonthly: compileAmount(m.minimum_monthly),
    onboardingFee: compileAmount(m.onboarding_fee),
    annualIncrease: m.annual_increase,
    outOfScopeHourlyRate: compileAmount(m.out_of_scope_hourly_rate ?? breakFixRate),
    coversOnsite: m.covers_onsite,
    prevention: compileAmount(m.prevention),
    responseHours: compileAmount(m.response_hours),
  };
}

/** The validated profile as the engine's model. */
export function compileProfile(profile: Profile): Model {
  const org = profile.organization;
  const bf = profile.break_fix;
  const ids = optionIds(profile).filter((id) => id.startsWith('managed'));
  const h = profile.hybrid;
  return {
    organization: {
      employees: org.employees,
      devices: org.devices,
      servers: org.servers,
      sites: org.sites,
      loadedHourlyCost: compileAmount(org.loaded_hourly_cost),
    },
    classes: profile.incidents.map((c) => compileIncident(c, org)),
    breakFix: {
      hourlyRate: compileAmount(bf.hourly_rate),
      afterHoursMultiplier: bf.after_hours_multiplier,
      minimumHours: bf.minimum_hours,
      billingIncrementHours: bf.billing_increment_hours,
      tripFee: compileAmount(bf.trip_fee),
      responseHours: compileAmount(bf.response_hours),
    },
    managed: managedOffers(profile).map((m, i) => compileManaged(m, ids[i]!, bf.hourly_rate)),
    hybrid: h && {
      label: 'Hybrid',
      internalStaff: h.internal_staff,
      monthlyCostPerStaff: compileAmount(h.monthly_cost_per_staff),
      hoursPerStaffMonth: h.hours_per_staff_month,
      escalationShare: compileAmount(h.escalation_share),
      prevention: compileAmount(h.prevention),
      responseHours: compileAmount(h.response_hours),
    },
    decision: { basis: profile.decision.basis, metric: profile.decision.metric },
    budgetMonthly: profile.budget?.monthly,
  };
}
