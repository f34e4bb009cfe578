import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const DENTAL = 'scenarios/dental-clinic.yaml';
const OFFICE = 'scenarios/office-5.yaml';
const FAST = ['--trials', '300', '--json'];

async function json(args: string[]) {
  const r = await runCli(args);
  if (r.code !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

describe('--set path=value', () => {
  it('overrides a field before validation and records the overrides in order', async () => {
    const r = await json(['run', DENTAL, ...FAST, '--set', 'managed.per_employee=95', '--set', 'budget.monthly=5000']);
    // 40 × 95 + 2 × 185 + 250
    expect(r.options.managed.monthly_spend.p50).toBe(4420);
    expect(r.settings.overrides).toEqual(['managed.per_employee=95', 'budget.monthly=5000']);
  });

  it('picks list items by index or by name, and tiers by name', async () => {
    const byIndex = await json(['run', DENTAL, ...FAST, '--set', 'incidents[0].rate.per_employee=0.8']);
    const byName = await json(['run', DENTAL, ...FAST, '--set', 'incidents["user support"].rate.per_employee=0.8']);
    expect(byName.options).toEqual(byIndex.options);
    const tier = await json(['run', OFFICE, ...FAST, '--set', 'managed["complete"].per_employee=160']);
    expect(tier.options['managed:complete'].monthly_spend.p10).toBeGreaterThanOrEqual(800);
  });

  it('parses the value as one YAML flow node and may create keys the schema knows', async () => {
    const before = await json(['run', DENTAL, ...FAST]);
    const r = await json(['run', DENTAL, ...FAST, '--set', 'incidents[0].labor_hours={p50: 1, p90: 3}', '--set', 'managed.per_device=10']);
    expect(r.options.managed.monthly_spend.p50).toBe(7620 + 450);
    expect(r.options.break_fix.monthly_spend.mean).toBeGreaterThan(before.options.break_fix.monthly_spend.mean);
  });

  it.each([
    ['managed.per_employe=95', 'error: --set managed.per_employe=95: managed.per_employe: unknown key — did you mean "per_employee"?\n'],
    [
      'incidents["user suport"].preventable=0.4',
      'error: --set incidents["user suport"].preventable=0.4: incidents: no item named "user suport" — did you mean "user support"?\n',
    ],
    [
      'incidents[9].preventable=0.4',
      'error: --set incidents[9].preventable=0.4: incidents: has 5 items, so [9] does not exist — count from 0\n',
    ],
    ['__proto__.polluted=1', 'error: --set __proto__.polluted=1: __proto__: reserved key — it cannot be set\n'],
    ['managed.constructor=1', 'error: --set managed.constructor=1: managed.constructor: reserved key — it cannot be set\n'],
    ['managed.per_employee', 'error: --set managed.per_employee: (argument): expected path=value — e.g. --set managed.per_employee=95\n'],
    [
      'managed.per_employee={p50: 1',
      'error: --set managed.per_employee={p50: 1: managed.per_employee: not valid YAML after = — give one YAML value, e.g. 95 or "{p50: 1, p90: 3}"\n',
    ],

    ['managed.per_employee=-3', 'error: --set managed.per_employee=-3: managed.per_employee: must be at least 0, got -3 — use 0 or more'],
  ])('names the --set argument in its error: %s', async (arg, message) => {
    const r = await runCli(['run', DENTAL, '--trials', '300', '--set', arg]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.startsWith(message)).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('applies to each of several files', async () => {
    const r = await json(['compare', DENTAL, OFFICE, ...FAST, '--set', 'break_fix.hourly_rate=200']);
    for (const result of r.results) expect(result.settings.overrides).toEqual(['break_fix.hourly_rate=200']);
  });

  it('leaves the file on disk alone', async () => {
    const text = readFileSync(DENTAL, 'utf8');
    await json(['run', DENTAL, ...FAST, '--set', 'managed.per_employee=95']);
    expect(readFileSync(DENTAL, 'utf8')).toBe(text);
  });
});
