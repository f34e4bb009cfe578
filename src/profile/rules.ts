import { amountMean } from '../engine/model.js';
import { compileAmount } from './compile.js';
import { type Assertion, readExpect } from './expect.js';
import type { Issue } from './issues.js';
import { formatLimit, LIMITS } from './limits.js';
import { closest } from './paths.js';
import { RATE_KEYS, RateAmount } from './schema.js';

/**
 * The checks zod cannot express, run on the data as parsed — before or alongside the
 * schema — so a file with a schema problem still gets every cross-field problem reported
 * at once. Each rule reads only the parts that have the right shape and skips the rest
 * (the schema reports those).
 */
type Data = Record<string, unknown>;
type Rule = (p: Data, issues: Issue[]) => void;

const isMap = (x: unknown): x is Data => x !== null && typeof x === 'object' && !Array.isArray(x);
const listOf = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
const mapAt = (p: Data, key: string): Data => (isMap(p[key]) ? (p[key] as Data) : {});

const uniqueIncidentNames: Rule = (p, issues) => {
  const seen = new Map<string, number>();
  listOf(p['incidents']).forEach((c, i) => {
    const name = isMap(c) ? c['name'] : undefined;
    if (typeof name !== 'string') return;
    const first = seen.get(name);
    if (first !== undefined) {
      issues.push({
        path: ['incidents', i, 'name'],
        anchor: 'value',
        message: `duplicate name (also incidents[${first}]) — give each class its own name`,
      });
    } else seen.set(name, i);
  });
};

const peopleWithinStaff: Rule = (p, issues) => {
  const employees = mapAt(p, 'organization')['employees'];
  if (typeof employees !== 'number' || !(employees >= 1)) return;
  listOf(p['incidents']).forEach((c, i) => {
    const people = isMap(c) && isMap(c['downtime']) ? c['downtime']['people'] : undefined;
    if (typeof people === 'number' && people > employees) {
      issues.push({
        path: ['incidents', i, 'downtime', 'people'],
        anchor: 'value',
        message: `must be at most organization.employees (${employees}), got ${people} — use all or a smaller number`,
      });
    }
  });
};

const somethingToCompare: Rule = (p, issues) => {
  if (p['managed'] === undefined && p['hybrid'] === undefined) {
    issues.push({ path: ['managed'], anchor: 'key', message: 'missing — add a managed or a hybrid section to compare with break-fix' });
  }
};

const namedTiers: Rule = (p, issues) => {
  if (!Array.isArray(p['managed'])) return;
  const seen = new Set<string>();
  p['managed'].forEach((t, i) => {
    if (!isMap(t)) return;
    const name = t['name'];
    if (name === undefined) {
      issues.push({
        path: ['managed', i, 'name'],
        anchor: 'key',
        message: 'missing — every tier in a list needs a name, e.g. name: essentials',
      });
    } else if (typeof name === 'string' && seen.has(name)) {
      issues.push({
        path: ['managed', i, 'name'],
        anchor: 'value',
        message: `duplicate tier name "${name}" — give each tier its own name`,
      });
    } else if (typeof name === 'string') seen.add(name);
  });
};

/** Units a rate basis counts, when the organisation gives them as numbers. */
function unitsOf(key: (typeof RATE_KEYS)[number], org: Data): number | undefined {
  if (key === 'per_month') return 1;
  if (key === 'per_year') return 1 / 12;
  const field = { per_employee: 'employees', per_device: 'devices', per_server: 'servers', per_site: 'sites' }[key];
  const v = org[field] ?? (field === 'sites' ? 1 : 0);
  // A headcount the schema refuses is reported there; a cap computed from it would only repeat that.
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= LIMITS.headcount ? v : undefined;
}

/** A class's expected incidents a month (its rate's mean × units) within the cap, so a run stays bounded. */
const incidentsWithinCap: Rule = (p, issues) => {
  const org = mapAt(p, 'organization');
  listOf(p['incidents']).forEach((c, i) => {
    const rate = isMap(c) && isMap(c['rate']) ? c['rate'] : undefined;
    const keys = RATE_KEYS.filter((k) => rate?.[k] !== undefined);
    if (!rate || keys.length !== 1) return;
    const key = keys[0]!;
    const amount = RateAmount.safeParse(rate[key]);
    const units = unitsOf(key, org);
    if (!amount.success || units === undefined) return;
    const perMonth = amountMean(compileAmount(amount.data)) * units;
    if (perMonth > LIMITS.incidentsPerMonth) {
      issues.push({
        path: ['incidents', i, 'rate', key],
        anchor: 'value',
        message: `means ${formatLimit(perMonth)} incidents a month — the cap is ${formatLimit(LIMITS.incidentsPerMonth)} a month for one class; check the units (per_year divides by 12)`,
      });
    }
  });
};

/** bad_year.applies_to names classes of this profile. */
const badYearClasses: Rule = (p, issues) => {
  const list = mapAt(p, 'bad_year')['applies_to'];
  if (!Array.isArray(list)) return;
  const names = listOf(p['incidents']).flatMap((c) => (isMap(c) && typeof c['name'] === 'string' ? [c['name']] : []));
  list.forEach((name, i) => {
    if (typeof name !== 'string' || names.includes(name)) return;
    const guess = closest(name, names);
    issues.push({
      path: ['bad_year', 'applies_to', i],
      anchor: 'value',
      message: `no incident class named ${JSON.stringify(name)} — ${guess ? `did you mean "${guess}"?` : `use one of ${names.map((n) => JSON.stringify(n)).join(', ')}`}`,
    });
  });
};

const RULES: Rule[] = [uniqueIncidentNames, peopleWithinStaff, somethingToCompare, namedTiers, incidentsWithinCap, badYearClasses];

/** The option ids the data names, as far as it names them (docs/model.md §1). */
function optionIdsOf(p: Data): string[] {
  const ids = ['break_fix'];
  const m = p['managed'];
  if (Array.isArray(m)) ids.push(...m.flatMap((t) => (isMap(t) && typeof t['name'] === 'string' ? [`managed:${t['name']}`] : [])));
  else if (isMap(m)) ids.push('managed');
  if (isMap(p['hybrid'])) ids.push('hybrid');
  return ids;
}

/** The checks zod cannot express, on the parsed data (valid or not), and the expect: block's assertions. */
export function checkRules(data: unknown): { issues: Issue[]; assertions: Map<string, Assertion> } {
  const p = isMap(data) ? data : {};
  const issues: Issue[] = [];
  for (const rule of RULES) rule(p, issues);
  const expected = readExpect(mapAt(p, 'expect'), optionIdsOf(p), p['budget'] !== undefined);
  return { issues: [...issues, ...expected.issues], assertions: expected.assertions };
}
