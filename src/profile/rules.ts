import { managedOffers, optionIds } from './compile.js';
import { readExpect, type Assertion } from './expect.js';
import type { Issue } from './issues.js';
import type { Profile } from './schema.js';

type Rule = (profile: Profile, issues: Issue[]) => void;

const uniqueIncidentNames: Rule = (p, issues) => {
  const seen = new Map<string, number>();
  p.incidents.forEach((c, i) => {
    const first = seen.get(c.name);
    if (first !== undefined) {
      issues.push({ path: ['incidents', i, 'name'], anchor: 'value', message: `duplicate name (also incidents[${first}]) — give each class its own name` });
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
      issues.push({ path: ['managed', i, 'name'], anchor: 'key', message: 'missing — every tier in a list needs a name, e.g. name: essentials' });
    } else if (seen.has(t.name)) {
      issues.push({ path: ['managed', i, 'name'], anchor: 'value', message: `duplicate tier name "${t.name}" — give each tier its own name` });
    } else seen.add(t.name);
  });
};

const RULES: Rule[] = [uniqueIncidentNames, peopleWithinStaff, somethingToCompare, namedTiers];

/** The checks zod cannot express, run on a profile that passed the schema. */
export function checkRules(profile: Profile): { issues: Issue[]; assertions: Map<string, Assertion> } {
  const issues: Issue[] = [];
  for (const rule of RULES) rule(profile, issues);
  const expected = readExpect(profile.expect ?? {}, optionIds(profile), profile.budget !== undefined);
  return { issues: [...issues, ...expected.issues], assertions: expected.assertions };
}
