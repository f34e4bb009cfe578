import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Control, controlText, decimalsOf, type LiveConfig, onGrid, scaled, setsFor } from '../../src/shared/controls.js';

const fee: Control = {
  id: 'managed.per_employee',
  label: 'fee',
  unit: 'money',
  suffix: 'a seat a month',
  min: 45,
  max: 525,
  step: 5,
  value: 175,
  effect: { kind: 'scale', path: 'managed.per_employee', base: 175, central: 175 },
};
const tier: Control = {
  ...fee,
  id: 'tier',
  effect: { kind: 'scale', path: 'managed["complete"].per_employee', base: { low: 110, mode: 145, high: 200 }, central: 145 },
  min: 40,
  max: 435,
  value: 145,
};
const factor = (id: string, classes: number[]): Control => ({
  id,
  label: id,
  unit: 'factor',
  suffix: '',
  min: 0.25,
  max: 4,
  step: 0.05,
  value: 1,
  effect: { kind: 'rates', classes },
});
const config: LiveConfig = {
  currency: 'USD',
  rates: [
    { path: 'incidents["a"].rate.per_year', base: 2 },
    { path: 'incidents["b"].rate.per_employee', base: { low: 0.3, mode: 0.42, high: 0.65 } },
  ],
  controls: [
    fee,
    tier,
    factor('rates', [0, 1]),
    factor('rate:b', [1]),
    { ...factor('bad', []), min: 1, max: 2.3, value: 1, effect: { kind: 'bad_year', had: false } },
  ],
};

describe('live controls', () => {
  it('set nothing at the profile’s values', () => {
    expect(setsFor(config, new Map())).toEqual([]);
    expect(setsFor(config, new Map(config.controls.map((c) => [c.id, c.value])))).toEqual([]);
  });

  it('write each moved control as the --set the CLI takes, distributions scaled whole', () => {
    expect(setsFor(config, new Map([['managed.per_employee', 200]]))).toEqual(['managed.per_employee=200']);
    expect(setsFor(config, new Map([['tier', 290]]))).toEqual(['managed["complete"].per_employee={low: 220, mode: 290, high: 400}']);
    expect(setsFor(config, new Map([['bad', 1.4]]))).toEqual(['bad_year={p90: 1.4}']);
  });

  it('multiply a class’s rate by the factor on all classes and its own', () => {
    expect(
      setsFor(
        config,
        new Map([
          ['rates', 2],
          ['rate:b', 1.5],
        ]),
      ),
    ).toEqual([
      'incidents["a"].rate.per_year=4',
      `incidents["b"].rate.per_employee={low: ${0.3 * 3}, mode: ${0.42 * 3}, high: ${0.65 * 3}}`,
    ]);
  });

  it('keep a slider’s value on its grid of steps, so moving back lands exactly on the profile’s value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 75 }), (k) => {
        const c = factor('rates', [0]);
        const v = onGrid(c, c.min + k * c.step + 1e-12);
        expect(Number.isInteger(Math.round(v * 100))).toBe(true);
        expect(String(v).length).toBeLessThanOrEqual(4);
        expect(onGrid(c, v)).toBe(v);
      }),
    );
    expect(onGrid(factor('rates', [0]), 1.0000000000000002)).toBe(1);
    expect(decimalsOf(0.05)).toBe(2);
    expect(decimalsOf(1e-7)).toBe(7);
  });

  it('show values with their units', () => {
    expect(controlText(fee, 175, 'USD')).toBe('$175 a seat a month');
    expect(controlText(factor('rates', [0]), 1.5, 'USD')).toBe('1.50×');
    expect(controlText(config.controls[4]!, 1, 'USD')).toBe('none');
    expect(scaled({ p50: 6, p90: 22 }, 0.5)).toBe('{p50: 3, p90: 11}');
  });
});
