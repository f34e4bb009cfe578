/**
 * Addressed draws (MODEL.md §1 v2): what the tests of the contract must show, at fixed
 * seeds — a raised rate only adds incidents (every trial's spend and cost rise or stay),
 * "what if" comparisons are paired almost perfectly, and nothing moves that the user did
 * not change.
 */
import { readFileSync } from 'node:fs';
import { sampleCorrelation } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { analyze } from '../../src/engine/analyze.js';
import { type SimulationOutput, simulate } from '../../src/engine/collect.js';
import { QUANTITIES as QUANTITY_NAMES, type QuantityArrays } from '../../src/engine/quantities.js';
import { simulateTrials } from '../../src/engine/simulate.js';
import { load, optionIndex } from '../helpers/profiles.js';

type Profile = Record<string, any>;

const scenario = (name: string): Profile => parse(readFileSync(`scenarios/${name}.yaml`, 'utf8'));

function run(profile: Profile, trials: number, seed = 11): SimulationOutput {
  const loaded = load(profile);
  return simulate(loaded.model, { trials, months: 12, seed });
}

/** Every number of a rate's distribution × f: the rate rises at every quantile. */
function scaled(rate: unknown, f: number): unknown {
  if (typeof rate === 'number') return rate * f;
  return Object.fromEntries(Object.entries(rate as Record<string, number>).map(([k, v]) => [k, v * f]));
}

function raiseRate(p: Profile, i: number, f: number): Profile {
  const q = structuredClone(p);
  const rate = q['incidents'][i].rate;
  const key = Object.keys(rate)[0]!;
  rate[key] = scaled(rate[key], f);
  return q;
}

/** A profile whose three classes cover the rate forms and count laws, with a managed offer that bills some of them. */
function mixedProfile(): Profile {
  return {
    version: 1,
    name: 'Mixed',
    organization: { employees: 30, devices: 35, servers: 1, loaded_hourly_cost: 40 },
    incidents: [
      {
        name: 'fixed poisson',
        rate: { per_employee: 0.3 },
        labor_hours: { p50: 0.5, p90: 2 },
        downtime: { hours: 1, people: 0.5 },
        onsite_share: 0.3,
        preventable: 0.25,
      },
      {
        name: 'triangular nb',
        rate: { per_device: { low: 0.02, mode: 0.04, high: 0.09 } },
        dispersion: 0.3,
        labor_hours: { low: 1, mode: 2, high: 5 },
        downtime: { hours: { p50: 2, p90: 6 } },
        direct_cost: { p50: 200, p90: 900 },
        covered: false,
      },
      {
        name: 'lognormal nb',
        rate: { per_year: { p50: 2, p90: 5 } },
        dispersion: 2,
        labor_hours: { p50: 4, p90: 12 },
        downtime: { hours: { p50: 3, p90: 10 }, people: 'all' },
        onsite_share: 0.5,
      },
    ],
    break_fix: {
      hourly_rate: { low: 120, mode: 150, high: 190 },
      minimum_hours: 1,
      billing_increment_hours: 0.25,
      trip_fee: 50,
      response_hours: { p50: 6, p90: 20 },
    },
    managed: { per_employee: 120, covers_onsite: false, response_hours: { p50: 1, p90: 3 } },
  };
}

const QUANTITIES = ['horizon_spend', 'horizon_total_cost'] as const;

describe('raising one rate never lowers any trial\u2019s spend or cost (break-fix and managed)', { tags: ['slow'] }, () => {
  const base = mixedProfile();
  const before = run(base, 2000);
  describe.each([
    [0, 'a fixed rate, Poisson'],
    [1, 'a triangular rate, negative binomial'],
    [2, 'a { p50, p90 } rate, negative binomial'],
  ])('class %d: %s', (i) => {
    it.each([1.01, 1.0001])('× %d', (f) => {
      const after = run(raiseRate(base, i, f), 2000);
      let lower = 0;
      let higher = 0;
      for (const id of ['break_fix', 'managed']) {
        const o = optionIndex(before, id);
        for (const q of QUANTITIES) {
          const a = after.values[q][o]!;
          const b = before.values[q][o]!;
          for (let t = 0; t < a.length; t++) {
            if (a[t]! < b[t]! - 1e-9 * Math.abs(b[t]!)) lower++;
            else if (a[t]! > b[t]!) higher++;
          }
        }
      }
      expect(lower).toBe(0);
      expect(higher).toBeGreaterThan(0); // the rise did add incidents somewhere
    });
  });
});

describe('what-if comparisons are paired: the per-trial saving barely moves when rates rise 1 %', { tags: ['slow'] }, () => {
  it.each(['office-5', 'dental-clinic', 'multisite-150'])('%s: correlation ≥ 0.99', (name) => {
    const p = scenario(name);
    const raised = p['incidents'].reduce((q: Profile, _: unknown, i: number) => raiseRate(q, i, 1.01), p);
    const trials = 2000;
    const loaded = load(p);
    const before = simulate(loaded.model, { trials, months: 12, seed: 5 });
    const after = run(raised, trials, 5);
    const d = analyze(loaded.model, before).decision;
    const basis = loaded.model.decision.basis === 'spend' ? 'horizon_spend' : 'horizon_total_cost';
    const saving = (out: SimulationOutput) => {
      const up = out.values[basis][d.runnerUp]!;
      const rec = out.values[basis][d.option]!;
      return Array.from(up, (x, t) => x - rec[t]!);
    };
    expect(sampleCorrelation(saving(before), saving(after))).toBeGreaterThanOrEqual(0.99);
  });
});

describe('smoothness', { tags: ['slow'] }, () => {
  it('mean break-fix spend rises strictly over 20 steps of +0.05 % of a rate (dental clinic, 2,000 trials)', () => {
    // Break-fix's spend depends on nothing of hybrid's: leaving hybrid out only saves time.
    const p = scenario('dental-clinic');
    delete p['hybrid'];

    const means: number[] = [];
    for (let step = 0; step <= 20; step++) {
      const out = run(raiseRate(p, 0, 1 + 0.0005 * step), 2000, 42);

      const spend = out.values.monthly_spend[0]!;
      means.push(spend.reduce((a, b) => a + b, 0) / spend.length);
    }
    for (let s = 1; s < means.length; s++) expect(means[s]!).toBeGreaterThan(means[s - 1]!);
  });
});

describe('nothing moves that the user did not change', () => {
  const withExtra = (p: Profile) => {
    const q = structuredClone(p);
    q['incidents'].push({ name: 'printer jam', rate: { per_device: 0.05 }, labor_hours: { p50: 0.3, p90: 1 }, onsite_share: 1 });
    return q;
  };

  it('adding a class adds exactly its own bills to each trial: the others keep every draw', () => {
    const p = mixedProfile();
    const alone = structuredClone(p);
    alone['incidents'] = [withExtra(p)['incidents'].at(-1)];
    const [before, after, extra] = [run(p, 1500), run(withExtra(p), 1500), run(alone, 1500)];
    const bf = optionIndex(before, 'break_fix');
    const spend = (o: SimulationOutput) => o.values.horizon_spend[bf]!;
    // Spend is whole cents, so the sums are exact.
    spend(after).forEach((x, t) => expect(x).toBeCloseTo(spend(before)[t]! + spend(extra)[t]!, 6));
  });

  it('reordering the classes changes no break-fix or managed number', () => {
    const p = mixedProfile();
    const q = structuredClone(p);
    q['incidents'].reverse();
    const [a, b] = [run(p, 1500), run(q, 1500)];
    for (const id of ['break_fix', 'managed']) {
      const o = optionIndex(a, id);
      expect(Array.from(b.values.horizon_spend[o]!)).toEqual(Array.from(a.values.horizon_spend[o]!));
      // Downtime sums add the same terms in another order: equal to rounding.
      b.values.horizon_total_cost[o]!.forEach((x, t) => expect(x).toBeCloseTo(a.values.horizon_total_cost[o]![t]!, 6));
    }
  });

  it('changing one option leaves every other option\u2019s numbers byte-identical', () => {
    const p = scenario('multisite-150');
    const q = structuredClone(p);
    q['managed'][0].per_employee = 190;
    q['managed'][0].prevention = 0.7;
    q['hybrid'].internal_staff = 3;
    const [a, b] = [run(p, 1200), run(q, 1200)];
    const bf = optionIndex(a, 'break_fix');
    const complete = optionIndex(a, 'managed:complete');
    for (const q2 of ['monthly_spend', 'monthly_total_cost', 'horizon_total_cost', 'horizon_downtime_hours'] as const) {
      for (const o of [bf, complete]) expect(Buffer.from(b.values[q2][o]!.buffer).equals(Buffer.from(a.values[q2][o]!.buffer))).toBe(true);
    }
  });
});

describe('same-draw defaults (MODEL.md §4 v2)', () => {
  it('out_of_scope_hourly_rate left at its default is break-fix\u2019s own draw: managed costs break-fix + the fee in every trial', () => {
    const p: Profile = {
      version: 1,
      name: 'Remote only',
      organization: { employees: 10, loaded_hourly_cost: 40 },
      incidents: [
        { name: 'visits', rate: { per_employee: 0.5 }, labor_hours: { p50: 1, p90: 3 }, downtime: { hours: 1 }, onsite_share: 1 },
      ],
      break_fix: { hourly_rate: { low: 100, mode: 150, high: 250 }, trip_fee: 40, response_hours: { p50: 4, p90: 10 } },
      managed: { flat: 300, covers_onsite: false, response_hours: { p50: 4, p90: 10 } },
    };
    const loaded = load(p);
    const out = simulate(loaded.model, { trials: 3000, months: 12, seed: 2 });
    const [bf, m] = [optionIndex(out, 'break_fix'), optionIndex(out, 'managed')];
    out.values.horizon_spend[m]!.forEach((x, t) => expect(x).toBeCloseTo(out.values.horizon_spend[bf]![t]! + 12 * 300, 6));
    const d = analyze(loaded.model, out).decision;
    const vs = d.versus.find((v) => v.option === m)!;
    expect(d.option).toBe(bf);
    expect(vs.meanSaving).toBeCloseTo(3600, 6);
    expect(vs.meanSavingSe).toBeLessThan(1e-9);
    expect(vs.pCheaper).toBe(0);
  });
});

describe('a month is simulated the same whatever shares its chunk of columns', () => {
  it('packing whole months into chunks of any size they fit in gives byte-identical trials', () => {
    // A class's months are packed into chunks of incident rows (src/engine/simulate.ts). "steady"
    // has about 100 incidents a month; every bill is at least $150 (the minimum hour), so spend
    // / 150 bounds a month's count, and chunks of that bound B, 3B and 4,096 rows pack a month
    // alone, a few together and the whole horizon together. One row a chunk splits every month,
    // which does change its numbers (the ziggurat's rejections are drawn chunk by chunk).
    // Bad years, the hybrid team's monthly hours and the fee's yearly increase exercise the
    // per-month state.
    const p: Profile = {
      version: 1,
      name: 'Packing',
      organization: { employees: 50, loaded_hourly_cost: 40 },
      incidents: [
        {
          name: 'steady',
          rate: { per_employee: 2 },
          labor_hours: { p50: 0.5, p90: 2 },
          downtime: { hours: { p50: 1, p90: 3 } },
          onsite_share: 0.2,
        },
        {
          name: 'rare',
          rate: { per_year: 3 },
          labor_hours: { low: 2, mode: 5, high: 20 },
          direct_cost: { p50: 500, p90: 4000 },
          covered: false,
        },
      ],
      break_fix: { hourly_rate: 150, minimum_hours: 1, billing_increment_hours: 0.25, trip_fee: 50, response_hours: { p50: 6, p90: 20 } },
      managed: { per_employee: 100, annual_increase: 0.05, covers_onsite: false, prevention: 0.3, response_hours: { p50: 1, p90: 3 } },
      hybrid: {
        internal_staff: 2,
        monthly_cost_per_staff: 6000,
        hours_per_staff_month: 50,
        escalation_share: 0.3,
        response_hours: { p50: 1, p90: 4 },
      },
      bad_year: { p90: 1.8, applies_to: ['rare'] },
    };
    const { model } = load(p);
    const settings = { seed: 8, months: 24 };
    const range = { first: 3, trials: 5 };
    const bytes = (q: QuantityArrays) => QUANTITY_NAMES.map((name) => q[name].map((a) => Buffer.from(a.buffer).toString('hex')));
    const whole = simulateTrials(model, settings, range);
    const bound = Math.ceil(Math.max(...whole.monthly_spend[0]!) / 150);
    expect(bound).toBeLessThan(4096 / 3);
    for (const chunk of [bound, 3 * bound]) expect(bytes(simulateTrials(model, settings, range, undefined, chunk))).toEqual(bytes(whole));
    expect(bytes(simulateTrials(model, settings, range, undefined, 1))).not.toEqual(bytes(whole));
  });
});
