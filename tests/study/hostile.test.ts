import { readFileSync } from 'node:fs';
import { InvalidArgumentError } from 'commander';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePrecision } from '../../src/cli/options.js';
import { knobAt, setFor, valueFor } from '../../src/profile/knobs.js';
import { loadProfile } from '../../src/profile/load.js';

const text = readFileSync('scenarios/dental-clinic.yaml', 'utf8');
const loaded = loadProfile(text);
if (!loaded.ok) throw new Error('the dental clinic must load');
const profile = loaded.value.profile;

const PARAMS = { seed: 11, numRuns: 400 };
const pathLike = fc.oneof(
  fc.string(),
  fc.constantFrom(
    'managed.per_employee',
    'incidents[0].rate.per_employee',
    'incidents["ransomware"].direct_cost',
    'incidents["ransomware"].rate.per_year',
    'organization.employees',
    'hybrid.internal_staff',
    'managed.__proto__',
    'incidents[99].rate',
  ),
  fc.constantFrom('managed', 'incidents', 'organization', 'break_fix', 'hybrid', '__proto__', 'constructor').chain((head) =>
    fc
      .array(
        fc.oneof(
          fc.string({ maxLength: 12 }).map((k) => `.${k}`),
          fc.nat(9).map((i) => `[${i}]`),
          fc.string().map((k) => `[${JSON.stringify(k)}]`),
        ),
        { maxLength: 4 },
      )
      .map((rest) => head + rest.join('')),
  ),
);

describe('hostile input to the decision commands', () => {
  it('any --vary path is an input or a message, never a crash', () => {
    let inputs = 0;
    fc.assert(
      fc.property(pathLike, (path) => {
        const k = knobAt(profile, path);
        if (!k.ok) {
          expect(k.message).toMatch(/ — /);
          return;
        }
        inputs++;
        // An input's own value written back is a valid profile with the same value.
        expect(Number.isFinite(k.knob.value)).toBe(true);
        const again = loadProfile(text, [setFor(k.knob, valueFor(k.knob, k.knob.value))]);
        expect(again.ok).toBe(true);
      }),
      PARAMS,
    );
    expect(inputs).toBeGreaterThan(20);
  });

  it('any --precision is a finite positive target or a usage error', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.double().map(String),
          fc.double().map((x) => `${x}%`),
        ),
        (v) => {
          try {
            const p = parsePrecision(v);
            const x = p.target.kind === 'amount' ? p.target.amount : p.target.share;
            expect(Number.isFinite(x) && x > 0).toBe(true);
            if (p.target.kind === 'share') expect(x).toBeLessThanOrEqual(1);
          } catch (e) {
            expect(e).toBeInstanceOf(InvalidArgumentError);
          }
        },
      ),
      PARAMS,
    );
  });
});
