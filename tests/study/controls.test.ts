import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadProfile } from '../../src/profile/load.js';
import type { SensitivityJson } from '../../src/report/sensitivity.js';
import { onGrid, setsFor } from '../../src/shared/controls.js';
import { liveControls } from '../../src/study/controls.js';

const SCENARIOS = ['dental-clinic', 'office-5', 'multisite-150'];

function load(name: string) {
  const text = readFileSync(`scenarios/${name}.yaml`, 'utf8');
  const r = loadProfile(text);
  if (!r.ok) throw new Error('invalid');
  return { text, profile: r.value.profile };
}

/** A sensitivity result that ranks these paths in this order (only `inputs[].path` and `options` are read). */
const ranked = (paths: string[]) => ({ options: {}, inputs: paths.map((path) => ({ path })) }) as unknown as SensitivityJson;

describe('the live page’s controls', () => {
  it.each(SCENARIOS)('%s: every control starts at the profile’s value, on its grid, inside its range', (name) => {
    const { profile } = load(name);
    const { controls } = liveControls(profile, ranked([]));
    expect(new Set(controls.map((c) => c.id)).size).toBe(controls.length);
    for (const c of controls) {
      expect(c.min, c.id).toBeLessThanOrEqual(c.value);
      expect(c.max, c.id).toBeGreaterThan(c.value);
      expect(onGrid(c, c.value), c.id).toBe(c.value);
      expect(c.label.length).toBeGreaterThan(3);
    }
  });

  it.each(SCENARIOS)('%s: every control at either end of its range still makes a valid profile', (name) => {
    const { text, profile } = load(name);
    const config = liveControls(profile, ranked([]));
    for (const c of config.controls) {
      for (const end of [c.min, c.max]) {
        const sets = setsFor(config, new Map([[c.id, onGrid(c, end)]]));
        const r = loadProfile(text, sets);
        expect(r.ok, `${c.id}=${end}: ${sets.join(' ')} ${r.ok ? '' : JSON.stringify(r.problems)}`).toBe(true);
      }
    }
  });

  it('puts first the controls whose inputs the sensitivity study ranks first', () => {
    const { profile } = load('dental-clinic');
    const { controls } = liveControls(
      profile,
      ranked(['hybrid.internal_staff', 'incidents["ransomware"].rate.per_year', 'managed.per_employee']),
    );
    expect(controls.slice(0, 3).map((c) => c.id)).toEqual(['hybrid.internal_staff', 'rates', 'rate:ransomware']);
    expect(controls[3]!.id).toBe('managed.per_employee');
  });

  it('moves the headcount as a whole number and the in-house team as given', () => {
    const { profile } = load('multisite-150');
    const config = liveControls(profile, ranked([]));
    expect(setsFor(config, new Map([['organization.employees', 151]]))).toEqual(['organization.employees=151']);
    expect(config.controls.find((c) => c.id === 'hybrid.internal_staff')!.step).toBe(1);
    expect(config.controls.filter((c) => c.id.endsWith('per_employee')).map((c) => c.id)).toEqual([
      'managed["essentials"].per_employee',
      'managed["complete"].per_employee',
    ]);
  });
});
