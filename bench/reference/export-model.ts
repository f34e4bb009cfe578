/**
 * Writes a profile's compiled model (src/engine/model.ts) as the flat list of numbers the C
 * reference (bench/reference/reference.c) reads: the same model, compiled by the project's own
 * loader, so the C program needs no YAML. Per-trial inputs are numbered by their key: a
 * default that names another field shares its draw, as in the engine.
 *
 *   tsx bench/reference/export-model.ts PROFILE [TRIALS] > model.txt
 */
import { readFileSync } from 'node:fs';
import type { Amount, Input } from '../../src/engine/model.js';
import { loadProfile } from '../../src/profile/load.js';

const [file, trialsArg] = process.argv.slice(2);
const r = loadProfile(readFileSync(file!, 'utf8'));
if (!r.ok) throw new Error(`${file}: ${JSON.stringify(r.problems)}`);
const { model, profile } = r.value;
const trials = trialsArg ? Number(trialsArg) : profile.simulation.trials;

const inputs: Input[] = [];
const index = new Map<string, number>();
const input = (i: Input): number => {
  if (!index.has(i.key)) {
    index.set(i.key, inputs.length);
    inputs.push(i);
  }
  return index.get(i.key)!;
};
const amount = (a: Amount) => `${a.kind} ${a.a} ${a.b} ${a.c}`;

const o = model.organization;
const lines: string[] = [];
lines.push(`${trials} ${profile.simulation.months} ${profile.simulation.seed}`);
lines.push(`${o.employees} ${o.devices} ${o.servers} ${o.sites} ${input(o.loadedHourlyCost)}`);
lines.push(String(model.classes.length));
for (const c of model.classes) {
  lines.push(
    [
      input(c.rate),
      c.rateUnits,
      c.dispersion,
      amount(c.laborHours),
      amount(c.outageHours),
      amount(c.directCost),
      c.people,
      input(c.revenuePerHour),
      input(c.onsiteShare),
      input(c.afterHoursShare),
      input(c.preventable),
      c.covered ? 1 : 0,
    ].join(' '),
  );
}
const b = model.breakFix;
lines.push(
  [input(b.hourlyRate), b.afterHoursMultiplier, b.minimumHours, b.billingIncrementHours, input(b.tripFee), amount(b.responseHours)].join(
    ' ',
  ),
);
lines.push(String(model.managed.length));
for (const m of model.managed) {
  lines.push(
    [
      ...[m.perEmployee, m.perDevice, m.perServer, m.perSite, m.flat, m.minimumMonthly, m.onboardingFee].map(input),
      m.annualIncrease,
      input(m.outOfScopeHourlyRate),
      m.coversOnsite ? 1 : 0,
      input(m.prevention),
      amount(m.responseHours),
    ].join(' '),
  );
}
const h = model.hybrid;
lines.push(
  h
    ? [
        '1',
        h.internalStaff,
        input(h.monthlyCostPerStaff),
        h.hoursPerStaffMonth,
        input(h.escalationShare),
        input(h.prevention),
        amount(h.responseHours),
      ].join(' ')
    : '0',
);
const bad = model.badYear;
lines.push(bad ? `1 ${bad.shape} ${bad.applies.map((x) => (x ? 1 : 0)).join(' ')}` : '0');
// The inputs last: every index above is into this table.
lines.push(String(inputs.length));
for (const i of inputs) lines.push(amount(i.amount));
process.stdout.write(`${lines.join('\n')}\n`);
