import { stringify } from 'yaml';
import { analyze } from '../../src/engine/analyze.js';
import { type SimulationOutput, simulate } from '../../src/engine/collect.js';
import type { RunSettings } from '../../src/engine/model.js';

import { type LoadedProfile, loadProfile } from '../../src/profile/load.js';

/** A small valid profile to vary in tests: one class, break-fix and one managed offer. */
export function baseProfile(): Record<string, any> {
  return {
    version: 1,
    name: 'Test office',
    organization: { employees: 10, devices: 12, servers: 1, sites: 1, loaded_hourly_cost: 40 },
    simulation: { trials: 2000, months: 12, seed: 7 },
    incidents: [
      {
        name: 'user support',
        rate: { per_employee: 0.5 },
        labor_hours: { p50: 0.5, p90: 2 },
        downtime: { hours: { p50: 1, p90: 4 }, people: 0.5 },
        onsite_share: 0.3,
        after_hours_share: 0.2,
        preventable: 0.25,
      },
    ],
    break_fix: {
      hourly_rate: 150,
      after_hours_multiplier: 1.5,
      minimum_hours: 1,
      billing_increment_hours: 0.25,
      trip_fee: 50,
      response_hours: { p50: 6, p90: 24 },
    },
    managed: { label: 'All-in', per_employee: 150, response_hours: { p50: 1, p90: 4 } },
  };
}

export function load(profile: unknown): LoadedProfile {
  const r = loadProfile(stringify(profile));
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.line}:${p.col} ${p.path}: ${p.message}`).join('\n'));
  return r.value;
}

export function settingsOf(p: LoadedProfile, over: Partial<RunSettings> = {}): RunSettings {
  return { ...p.profile.simulation, ...over };
}

export function simulateProfile(profile: unknown, over: Partial<RunSettings> = {}): { loaded: LoadedProfile; out: SimulationOutput } {
  const loaded = load(profile);
  return { loaded, out: simulate(loaded.model, settingsOf(loaded, over)) };
}

export function analyzeProfile(profile: unknown, over: Partial<RunSettings> = {}) {
  const { loaded, out } = simulateProfile(profile, over);
  return { loaded, out, analysis: analyze(loaded.model, out) };
}

/** The index of an option id in the simulation's option list. */
export function optionIndex(out: SimulationOutput, id: string): number {
  const i = out.options.findIndex((o) => o.id === id);
  if (i < 0) throw new Error(`no option ${id}`);
  return i;
}
