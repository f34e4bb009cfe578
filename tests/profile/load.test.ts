import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadProfile, type Problem } from '../../src/profile/load.js';
import { parsePath } from '../../src/profile/paths.js';
import { baseProfile } from '../helpers/profiles.js';

function problems(text: string): Problem[] {
  const r = loadProfile(text);
  if (r.ok) throw new Error('expected problems');
  return r.problems;
}

const line = (p: Problem) => `${p.line}:${p.col} ${p.path}: ${p.message}`;

const GOOD = `version: 1
name: Test
organization:
  employees: 10
  loaded_hourly_cost: 40
incidents:
  - name: user support
    rate: { per_employee: 0.5 }
    labor_hours: { p50: 1, p90: 3 }
break_fix:
  hourly_rate: 150
  response_hours: 4
managed:
  per_employee: 150
  response_hours: 1
`;

describe('loading a valid profile', () => {
  it('fills in the defaults of MODEL.md §5', () => {
    const r = loadProfile(GOOD);
    if (!r.ok) throw new Error(r.problems.map(line).join('\n'));
    const p = r.value.profile;
    expect(p.currency).toBe('USD');
    expect(p.organization).toMatchObject({ devices: 0, servers: 0, sites: 1 });
    expect(p.simulation).toEqual({ trials: 10_000, months: 12, seed: 1 });
    expect(p.decision).toEqual({ basis: 'total_cost', metric: 'mean' });
    expect(p.incidents[0]).toMatchObject({
      dispersion: 0,
      onsite_share: 0,
      after_hours_share: 0,
      preventable: 0,
      covered: true,
      direct_cost: 0,
    });
    expect(p.break_fix).toMatchObject({ after_hours_multiplier: 1, minimum_hours: 0, billing_increment_hours: 0, trip_fee: 0 });
    expect(r.value.model.managed[0]).toMatchObject({ id: 'managed', label: 'Managed', coversOnsite: true, annualIncrease: 0 });
    // out_of_scope_hourly_rate defaults to break-fix's hourly rate — the same draw (its key); prevention to 1.
    expect(r.value.model.managed[0]!.outOfScopeHourlyRate).toEqual({
      amount: { kind: 0, a: 150, b: 0, c: 0 },
      key: 'break_fix.hourly_rate',
    });
    expect(r.value.model.managed[0]!.prevention.amount.a).toBe(1);

    expect(r.value.optionIds).toEqual(['break_fix', 'managed']);
  });

  it('accepts every bundled scenario', () => {
    for (const f of ['office-5', 'dental-clinic', 'multisite-150']) {
      const r = loadProfile(readFileSync(new URL(`../../scenarios/${f}.yaml`, import.meta.url), 'utf8'));
      expect(r.ok ? [] : r.problems.map(line)).toEqual([]);
    }
  });

  it('names managed tiers managed:<name>', () => {
    const p = baseProfile();
    p['managed'] = [
      { name: 'essentials', per_employee: 100, response_hours: 4 },
      { name: 'complete', label: 'Complete', per_employee: 170, response_hours: 1 },
    ];
    p['hybrid'] = { internal_staff: 1, monthly_cost_per_staff: 6000, hours_per_staff_month: 120, response_hours: 1 };
    const r = loadProfile(stringify(p));
    expect(r.ok && r.value.optionIds).toEqual(['break_fix', 'managed:essentials', 'managed:complete', 'hybrid']);
  });
});

describe('problems with positions (key for unknown or missing keys, value for bad values)', () => {
  it('suggests the nearest key for an unknown key, at the key', () => {
    const text = GOOD.replace('  hourly_rate: 150', '  hourly_rat: 150');
    expect(problems(text).map(line)).toEqual([
      '10:1 break_fix.hourly_rate: missing — add hourly_rate: (required)',
      '11:3 break_fix.hourly_rat: unknown key — did you mean "hourly_rate"?',
    ]);
  });

  it('points at the value of a bad value, and reports every problem at once', () => {
    const text = GOOD.replace('p90: 3', 'p90: 0.5')
      .replace('employees: 10', 'employees: -3')
      .replace('response_hours: 4', 'response_hours: "soon"');
    expect(problems(text).map(line)).toEqual([
      '4:14 organization.employees: must be at least 1, got -3 — use 1 or more',
      '9:33 incidents[0].labor_hours.p90: must be at least p50 (1), got 0.5 — raise p90 or lower p50',
      '12:19 break_fix.response_hours: expected a number or a distribution, got "soon" — write a plain number (no units or quotes), e.g. 150, or { p50: 1, p90: 4 }',
    ]);
  });

  it('points a missing top-level key at 1:1 and a missing nested key at its parent', () => {
    const text = GOOD.replace('name: Test\n', '').replace('  loaded_hourly_cost: 40\n', '');
    expect(problems(text).map(line)).toEqual([
      '1:1 name: missing — add name: (required)',
      '2:1 organization.loaded_hourly_cost: missing — add loaded_hourly_cost: (required)',
    ]);
  });

  it('explains null values, shares above 1 and a rate with two bases', () => {
    const text = GOOD.replace(
      'rate: { per_employee: 0.5 }',
      'rate: { per_employee: 0.5, per_device: 1 }\n    onsite_share: 30\n    preventable:',
    );
    expect(problems(text).map(line)).toEqual([
      '8:11 incidents[0].rate: needs exactly one of per_employee, per_device, per_server, per_site, per_month, per_year — keep one',
      '9:19 incidents[0].onsite_share: must be at most 1, got 30 — use 1 or less',
      '10:17 incidents[0].preventable: empty (null) — give a value or remove the key',
    ]);
  });

  it('refuses non-finite numbers', () => {
    const text = GOOD.replace('loaded_hourly_cost: 40', 'loaded_hourly_cost: .inf');
    expect(problems(text).map(line)).toEqual([
      '5:23 organization.loaded_hourly_cost: must be a finite number, got .inf — write a plain number such as 150',
    ]);
  });

  it('reports YAML syntax errors such as duplicate keys', () => {
    const text = GOOD.replace('  employees: 10\n', '  employees: 10\n  employees: 12\n');
    const [p] = problems(text);
    expect(p).toMatchObject({ line: 5, col: 3, path: 'organization.employees' });
    expect(p!.message).toBe('duplicate key (first at line 4) — keep only one of them');
  });

  it('refuses prototype keys', () => {
    const text = GOOD.replace('managed:\n', 'managed:\n  __proto__: { polluted: true }\n');
    expect(problems(text).map(line)).toEqual(['14:3 managed.__proto__: reserved key — rename or remove it']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('refuses alias bombs', () => {
    const bomb =
      'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n';
    expect(problems(bomb)[0]!.message).toMatch(/alias/);
  });

  it('reads YAML 1.2 core: NO stays a string, so a boolean key rejects it', () => {
    const text = `${GOOD}  covers_onsite: NO\n`;
    expect(problems(text).map(line)).toEqual(['16:18 managed.covers_onsite: expected a boolean, got "NO" — write true or false']);
  });

  it('needs something to compare break-fix with, and unique incident names', () => {
    const p = baseProfile();
    delete p['managed'];
    p['incidents'].push({ ...p['incidents'][0] });
    expect(problems(stringify(p)).map((x) => `${x.path}: ${x.message}`)).toEqual([
      'managed: missing — add a managed or a hybrid section to compare with break-fix',
      'incidents[1].name: duplicate name (also incidents[0]) — give each class its own name',
    ]);
  });

  it('needs a name on every tier', () => {
    const p = baseProfile();
    p['managed'] = [
      { per_employee: 100, response_hours: 4 },
      { name: 'Gold', per_employee: 170, response_hours: 1 },
    ];
    // Both at once: the missing name and the badly written one.
    expect(problems(stringify(p)).map((x) => `${x.path}: ${x.message}`)).toEqual([
      'managed[0].name: missing — every tier in a list needs a name, e.g. name: essentials',
      'managed[1].name: tier names use lower-case letters, digits, _ and - (starting with a letter or digit), got "Gold" — e.g. essentials',
    ]);
    p['managed'][1].name = 'gold';
    expect(problems(stringify(p)).map((x) => `${x.path}: ${x.message}`)).toEqual([
      'managed[0].name: missing — every tier in a list needs a name, e.g. name: essentials',
    ]);
  });
});

describe('the expect block', () => {
  const withExpect = (block: string) => loadProfile(`${GOOD}expect:\n${block}`);

  it('accepts the documented keys', () => {
    const r = withExpect(`  recommendation: managed
  too_close: false
  options.managed.monthly_spend.p90: { max: 9500 }
  'options["break_fix"].horizon_total_cost.mean': { min: 0, max: 1e9 }
  recommendation.mean_saving: { min: 0 }
  recommendation.versus.break_fix.p_cheaper: { max: 0.5 }
  options.managed.p_best: { min: 0.5 }
`);
    expect(r.ok ? [...r.value.assertions.keys()].length : r.problems.map(line)).toBe(7);
  });

  it('rejects unknown options and quantities, at the key, and a wrong recommendation, at the value', () => {
    const r = withExpect(`  recommendation: hybrid
  options.managed:gold.monthly_spend.p90: 1
  options.managed.monthly_spendd.p90: 1
  options.managed.p_month_over_budget: { max: 0.1 }
`);
    expect(r.ok ? [] : r.problems.map((p) => `${p.line}:${p.col} ${p.path}: ${p.message.split(' — ')[0]}`)).toEqual([
      '17:19 expect.recommendation: expected an option id, got "hybrid"',
      '18:3 expect["options.managed:gold.monthly_spend.p90"]: not a result path',
      '19:3 expect["options.managed.monthly_spendd.p90"]: unknown quantity "monthly_spendd"',
      '20:3 expect["options.managed.p_month_over_budget"]: p_month_over_budget needs a budget',
    ]);
  });

  it('rejects bounds with min above max, at max', () => {
    const r = withExpect('  recommendation.mean_saving: { min: 5, max: 1 }\n');
    expect(r.ok ? [] : r.problems.map(line)).toEqual([
      '17:46 expect["recommendation.mean_saving"].max: must be at least min (5), got 1 — raise max or lower min',
    ]);
  });
});

describe('result paths', () => {
  it('parses dotted and bracketed segments', () => {
    expect(parsePath('options["managed:gold"].monthly_spend.p90')).toEqual(['options', 'managed:gold', 'monthly_spend', 'p90']);
    expect(parsePath('incidents[0].rate')).toEqual(['incidents', 0, 'rate']);
    expect(parsePath('a..b')).toBeUndefined();
  });
});
