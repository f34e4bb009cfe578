import { amountMean } from '../engine/model.js';
import { compileAmount, managedOffers, optionIds, rateKey, rateUnits } from './compile.js';
import { type Assertion, readExpect } from './expect.js';
import type { Issue } from './issues.js';
import { formatLimit, LIMITS } from './limits.js';
import type { Profile } from './schema.js';

type Rule = (profile: Profile, issues: Issue[]) => void;

const uniqueIncidentNames: Rule = (p, issues) => {
  const seen = new Map<string, number>();
  p.incidents.forEach((c, i) => {
    const first = seen.get(c.name);
    if (first !== undefined) {
      issues.push({
        path: ['incidents', i, 'name'],
        anchor: 'value',
        message: `duplicate name (also incidents[${first}]) — give each class its own name`,
      });
    } else seen.set(c.name, i);
  });
};

const peopleWithinStaff: Rule = (p, issues) => {
  p.incidents.forEach((c, i) => {
    const people = c.downtime?.people;
    if (typeof people === 'number' && people > p.organization.employees) {
      issues.push({
        path: ['incidents', i, 'downtime', 'people'],
        anchor: 'value',
        message: `must be at most organization.employees (${p.organization.employees}), got ${people} — use all or a smaller number`,
      });
    }
  });
};

const somethingToCompare: Rule = (p, issues) => {
  if (p.managed === undefined && p.hybrid === undefined) {
    issues.push({ path: ['managed'], anchor: 'key', message: 'missing — add a managed or a hybrid section to compare with break-fix' });
  }
};

const namedTiers: Rule = (p, issues) => {
  if (!Array.isArray(p.managed)) return;
  const seen = new Set<string>();
  managedOffers(p).forEach((t, i) => {
    if (t.name === undefined) {
      issues.push({
        path: ['managed', i, 'name'],
        anchor: 'key',
        message: 'missing — every tier in a list needs a name, e.g. name: essentials',
      });
    } else if (seen.has(t.name)) {
      issues.push({
        path: ['managed', i, 'name'],
        anchor: 'value',
        message: `duplicate tier name "${t.name}" — give each tier its own name`,
      });
    } else seen.add(t.name);
  });
};

/** A class's expected incidents a month (its rate's mean × units) within the cap, so a run stays bounded. */
const incidentsWithinCap: Rule = (p, issues) => {
  p.incidents.forEach((c, i) => {
    const key = rateKey(c.rate);
    const perMonth = amountMean(compileAmount(c.rate[key]!)) * rateUnits(key, p.organization);
    if (perMonth > LIMITS.incidentsPerMonth) {
      issues.push({
        path: ['incidents', i, 'rate', key],
        anchor: 'value',
        message: `means ${formatLimit(perMonth)} incidents a month — the cap is ${formatLimit(LIMITS.incidentsPerMonth)} a month for one class; check the units (per_year divides by 12)`,
      });
    }
  });
};

const RULES: Rule[] = [uniqueIncidentNames, peopleWithinStaff, somethingToCompare, namedTiers, incidentsWithinCap];

/** The checks zod cannot express, run on a profile that passed the schema. */
export function checkRules(profile: Profile): { issues: Issue[]; assertions: Map<string, Assertion> } {
  const issues: Issue[] = [];
  for (const rule of RULES) rule(profile, issues);
  const expected = readExpect(profile.expect ?? {}, optionIds(profile), profile.budget !== undefined);
  return { issues: [...issues, ...expected.issues], assertions: expected.assertions };
}
