import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocument, stringify } from 'yaml';
import { LIMITS } from '../../src/profile/limits.js';
import { loadProfile, type Problem } from '../../src/profile/load.js';
import { baseProfile } from '../helpers/profiles.js';

const line = (p: Problem) => `${p.line}:${p.col} ${p.path}: ${p.message}`;

function problemsOf(profile: unknown): string[] {
  const r = loadProfile(typeof profile === 'string' ? profile : stringify(profile));
  return r.ok ? [] : r.problems.map(line);
}

/** The base profile with one field replaced (a path of keys and indexes). */
function withValue(path: Array<string | number>, value: unknown): Record<string, any> {
  const p = baseProfile();
  let cur: any = p;
  for (const seg of path.slice(0, -1)) cur = cur[seg] ??= {};
  cur[path.at(-1)!] = value;
  return p;
}

describe('caps keep every number finite (README "Limits")', () => {
  it.each([
    [
      ['incidents', 0, 'downtime', 'hours'],
      { mean: 1, sd: 1e200 },
      'incidents[0].downtime.hours.sd: must be at most 10,000, got 1e+200 — the cap for the hours of one incident',
    ],
    [
      ['incidents', 0, 'downtime', 'hours'],
      { mean: 1e-200, sd: 1 },
      'incidents[0].downtime.hours.mean: must be at least 0.001, got 1e-200 — hours are hours',
    ],
    [['incidents', 0, 'labor_hours'], { p50: 1, p90: 1e100 }, 'incidents[0].labor_hours.p90: must be at most 10,000, got 1e+100'],
    [['incidents', 0, 'labor_hours'], { p50: 1e-320, p90: 1 }, 'incidents[0].labor_hours.p50: must be at least 0.001, got 1e-320'],
    [
      ['incidents', 0, 'labor_hours'],
      { p50: 1, p90: 500 },
      'incidents[0].labor_hours.p90: must be at most 100 × p50 (100), got 500 — a spread that wide',
    ],
    [
      ['incidents', 0, 'direct_cost'],
      { mean: 10, sd: 20000 },
      'incidents[0].direct_cost.sd: must be at most 1,000 × mean (10,000), got 20,000',
    ],
    [
      ['break_fix', 'hourly_rate'],
      1e155,
      'break_fix.hourly_rate: must be at most 1,000,000,000, got 1e+155 — the cap for one amount of money',
    ],
    [['break_fix', 'trip_fee'], 1e308, 'break_fix.trip_fee: must be at most 1,000,000,000, got 1e+308'],
    [
      ['break_fix', 'billing_increment_hours'],
      1e-320,
      'break_fix.billing_increment_hours: must be 0 (no rounding) or at least 0.01, got 1e-320',
    ],
    [['incidents', 0, 'dispersion'], 1e308, 'incidents[0].dispersion: must be at most 100, got 1e+308'],
    [['incidents', 0, 'rate'], { per_month: 3e7 }, 'incidents[0].rate.per_month: must be at most 1,000,000, got 30,000,000'],
    [['organization', 'employees'], 1e9, 'organization.employees: must be at most 1,000,000, got 1,000,000,000 — the cap for a headcount'],
    [
      ['hybrid'],
      { internal_staff: 1, monthly_cost_per_staff: 1, hours_per_staff_month: 1e6, response_hours: 1 },
      'hybrid.hours_per_staff_month: must be at most 744',
    ],
  ])('%j = %j is refused with the cap stated', (path, value, message) => {
    const found = problemsOf(withValue(path, value));
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(message);
    expect(found[0]).toMatch(/ — /);
  });

  it('caps expected incidents of one class a month, rate × units', () => {
    const found = problemsOf(withValue(['incidents', 0, 'rate'], { per_employee: 200_000 }));
    expect(found).toEqual([
      expect.stringContaining(
        'incidents[0].rate.per_employee: means 2,000,000 incidents a month — the cap is 1,000,000 a month for one class; check the units',
      ),
    ]);
  });

  it('caps the number of incident classes and managed tiers', () => {
    const p = baseProfile();
    p['incidents'] = Array.from({ length: LIMITS.incidentClasses + 1 }, (_, i) => ({
      ...structuredClone(p['incidents'][0]),
      name: `class ${i}`,
    }));
    expect(problemsOf(p)).toEqual([
      expect.stringMatching(/incidents: has more than 100 items — a profile has at most 100 incident classes/),
    ]);
    const q = baseProfile();
    q['managed'] = Array.from({ length: LIMITS.managedTiers + 1 }, (_, i) => ({ name: `t${i}`, per_employee: 100, response_hours: 1 }));
    expect(problemsOf(q)).toEqual([expect.stringMatching(/managed: has more than 20 items — a profile has at most 20 managed tiers/)]);
  });
});

describe('names cannot inject into terminals, tables or documents', () => {
  it.each([
    ['\u001b]0;pwned\u0007', 'U+001B'],
    ['two\nlines', 'U+000A'],
    ['tab\there', 'U+0009'],
    ['\u202eevil', 'U+202E'],
    ['c1\u009b31m', 'U+009B'],
  ])('refuses a control character in a name (%j)', (name, code) => {
    for (const path of [['name'], ['incidents', 0, 'name'], ['managed', 'label']] as const) {
      const found = problemsOf(withValue([...path], `Harbor ${name}`));
      expect(found).toEqual([
        expect.stringContaining(`${path.join('.').replace('.0.', '[0].')}: contains a control character (${code}) — use plain text`),
      ]);
    }
  });

  it('caps the length of a name', () => {
    expect(problemsOf(withValue(['name'], 'x'.repeat(201)))).toEqual([
      expect.stringContaining('name: is longer than 200 characters — names and labels have at most 200 characters; shorten it'),
    ]);
  });
});

describe('every problem says what is wrong and how to fix it, at the right place', () => {
  const base = stringify(baseProfile());
  it.each(
    [
      ['', '1:1 (document): empty — write a profile (supportcast init makes a commented starter)'],
      ['# only a comment\n', '1:1 (document): empty — write a profile (supportcast init makes a commented starter)'],
      [
        'hello\n',
        '1:1 (document): expected a map of keys (version: 1, name: …, organization: …), got "hello" — start from supportcast init',
      ],
      [`${base}x: *nope\n`, 'yaml: *nope has no &nope anchor before it — define the anchor first or write the value out'],
      [
        base.replace('name: Test office', 'name: !!binary aGVsbG8='),
        'yaml: the tag !!binary is not used in profiles — remove it and write the plain value',
      ],
      [base.replace('name: Test office', 'name: !!timestamp 2001-12-14'), 'yaml: the tag !!timestamp is not used in profiles'],
      [base.replace('name: Test office', 'name: !!set { a, b }'), 'yaml: the tag !!set is not used in profiles'],
      [base.replace('version: 1\n', ''), '1:1 version: missing — add version: 1 at the top of the file'],
      [`a: ${'['.repeat(5000)}${']'.repeat(5000)}\n`, 'yaml: the YAML nests too deeply — a profile needs only a few levels; flatten it'],
      [base.replace('employees: 10', 'employees: 14.5'), 'organization.employees: must be a whole number, got 14.5 — write e.g. 15'],
      [
        base.replace('loaded_hourly_cost: 40', 'loaded_hourly_cost: { a: 1 }'),
        'organization.loaded_hourly_cost: expected a number or { p50, p90 }, { mean, sd } or { low, mode, high }, got a map with "a" — write e.g. { p50: 1, p90: 4 }',
      ],
      [
        base.replace('loaded_hourly_cost: 40', 'loaded_hourly_cost: .nan'),
        'organization.loaded_hourly_cost: must be a finite number, got .nan — write a plain number such as 150',
      ],
      [base.replace('trip_fee: 50', 'trip_fee: -1'), 'break_fix.trip_fee: must be at least 0, got -1 — use 0 or more'],
      [
        base.replace('billing_increment_hours: 0.25', 'billing_increment_hours: -1'),
        'break_fix.billing_increment_hours: must be at least 0, got -1 — use 0 or more',
      ],
      [base.replace('p50: 0.5', 'p50: 0'), 'incidents[0].labor_hours.p50: must be greater than 0, got 0 — use a positive value such as 1'],
    ].map(([text, expected]) => [expected!, text!] as const),
  )('%s', (expected, text) => {
    const found = problemsOf(text);
    expect(
      found.some((l) => l.includes(expected)),
      found.join('\n'),
    ).toBe(true);
  });

  it('quotes at most 40 characters of a long value', () => {
    const [found] = problemsOf(withValue(['decision', 'basis'], 'x'.repeat(5_000_000)));
    expect(found).toContain('got "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"… (5000000 characters)');
    expect(found!.length).toBeLessThan(300);
  });

  it('cuts a very long key in the path it shows, and gives no slow suggestion for it', () => {
    const doc = parseDocument(base);
    doc.set(`mistyped_${'k'.repeat(20_000)}`, 1);
    const [found] = problemsOf(String(doc));
    expect(found).toMatch(/ \["mistyped_k{31}…\(20009 characters\)"\]: unknown key — remove it \(allowed here: version, name/);
  });

  it('reports every one of 20,000 unknown keys, each at its own line', () => {
    let text = base;
    for (let i = 0; i < 20_000; i++) text += `key_${i}: 1\n`;
    const found = problemsOf(text);
    expect(found).toHaveLength(20_000);
    const baseLines = base.split('\n').length;
    expect(found[19_999]).toBe(
      `${baseLines + 19_999}:1 key_19999: unknown key — remove it (allowed here: version, name, currency, organization, simulation, incidents, break_fix, managed, hybrid, bad_year, decision, budget, expect)`,
    );
  });

  it('reports a repeated key at the repeat, with its full path', () => {
    const text = base.replace('  employees: 10\n', '  employees: 10\n  employees: 11\n');
    expect(problemsOf(text)).toEqual(['5:3 organization.employees: duplicate key (first at line 4) — keep only one of them']);
  });

  it('accepts the shipped scenarios as they are', () => {
    for (const f of ['office-5', 'dental-clinic', 'multisite-150'])
      expect(problemsOf(readFileSync(`scenarios/${f}.yaml`, 'utf8'))).toEqual([]);
  });
});
