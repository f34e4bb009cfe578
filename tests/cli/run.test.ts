import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runCli } from '../helpers/cli.js';
import { baseProfile } from '../helpers/profiles.js';
import { resultValidator } from '../helpers/schema.js';

const ANSI = /\x1b\[/;
const OFFICE = 'scenarios/office-5.yaml';

describe('supportcast run', { tags: ['slow'] }, () => {
  it('runs the bundled example when given no file, and says so', async () => {
    const r = await runCli(['run']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('supportcast: no profile given — running the bundled example scenarios/dental-clinic.yaml\n');
    expect(r.stdout).toMatch(/^supportcast \d+\.\d+\.\d+ · Harbor Dental Group\n40 staff, 45 devices, 2 servers, 1 site\n/);
    expect(r.stdout).toContain('10,000 simulated years · seed 42 · scenarios/dental-clinic.yaml (bundled)');
    expect(r.stdout).toMatch(/\nRecommendation: (Break-fix|Managed|Hybrid|too close)/);
    for (const row of ['Break-fix', 'Managed · All-inclusive', 'Hybrid · 1 in-house tech']) expect(r.stdout).toContain(`  ${row}`);
    expect(Math.max(...r.stdout.split('\n').map((l) => l.length))).toBeLessThanOrEqual(80);
    expect(r.stdout).not.toMatch(ANSI);
  });

  it('fits 80 columns for the largest example and a 36-month horizon', async () => {
    for (const args of [
      ['--trials', '1500'],
      ['--trials', '500', '--months', '36'],
    ]) {
      const r = await runCli(['run', 'scenarios/multisite-150.yaml', ...args]);
      expect(r.code).toBe(0);
      expect(Math.max(...r.stdout.split('\n').map((l) => l.length))).toBeLessThanOrEqual(80);
    }
  });

  it('prints JSON that matches result.schema.json and the file it read', async () => {
    const r = await runCli(['run', OFFICE, '--format', 'json', '--trials', '400']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const result = JSON.parse(r.stdout);
    const validate = resultValidator();
    expect(validate(result), JSON.stringify(validate.errors)).toBe(true);
    expect(result.profile).toEqual({
      name: 'Northside Accounting',
      file: OFFICE,
      sha256: createHash('sha256').update(readFileSync(OFFICE)).digest('hex'),
      currency: 'USD',
    });
    expect(result.settings).toEqual({ trials: 400, months: 12, seed: 5, overrides: [] });
    expect(Object.keys(result.options)).toEqual(['break_fix', 'managed:remote', 'managed:complete']);
  });

  it('gives byte-identical JSON for the same seed, and different JSON for another', async () => {
    const args = ['run', OFFICE];
    const a = await runCli([...args, '--format', 'json', '--trials', '3000', '--seed', '9']);
    const b = await runCli([...args, '--format', 'json', '--trials', '3000', '--seed', '9']);
    const c = await runCli([...args, '--format', 'json', '--trials', '3000', '--seed', '10']);
    expect(a.stdout).toBe(b.stdout);
    expect(JSON.parse(c.stdout).options.break_fix).not.toEqual(JSON.parse(a.stdout).options.break_fix);
  });

  it('leaves break-fix byte-identical when the managed fee or the hybrid section changes', async () => {
    const p = baseProfile();
    p['hybrid'] = { internal_staff: 1, monthly_cost_per_staff: 6000, hours_per_staff_month: 100, escalation_share: 0.2, response_hours: 1 };
    const runJson = async (profile: unknown) =>
      JSON.parse((await runCli(['run', '-', '--format', 'json', '--trials', '2500'], { stdin: stringify(profile) })).stdout);
    const before = await runJson(p);
    p['managed'].per_employee = { low: 90, mode: 120, high: 200 };
    p['managed'].prevention = 0.4;
    const afterManaged = await runJson(p);
    delete p['hybrid'];
    const afterHybrid = await runJson(p);
    // p_best compares options, so it may move; every break-fix statistic may not.
    const own = ({ p_best: _, ...rest }: Record<string, unknown>) => JSON.stringify(rest);
    expect(own(afterManaged.options.break_fix)).toBe(own(before.options.break_fix));
    expect(own(afterHybrid.options.break_fix)).toBe(own(before.options.break_fix));
    expect(afterManaged.options.managed).not.toEqual(before.options.managed);
    expect(before.profile.file).toBeNull();
  });

  it('lets flags override the profile\u2019s simulation block', async () => {
    const r = await runCli(['run', OFFICE, '--format', 'json', '-n', '300', '-m', '24', '-s', '123']);
    expect(JSON.parse(r.stdout).settings).toEqual({ trials: 300, months: 24, seed: 123, overrides: [] });
  });
});

describe('the recommendation', { tags: ['slow'] }, () => {
  it('says "too close to call" when the saving is within 2 standard errors', async () => {
    const p = baseProfile();
    p['managed'] = [
      { name: 'a', label: 'Plan A', per_employee: 150, response_hours: 2 },
      { name: 'b', label: 'Plan B', per_employee: 150, response_hours: 2 },
    ];
    const r = await runCli(['run', '-', '--trials', '2000'], { stdin: stringify(p) });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'Recommendation: too close to call at 2,000 trials — Managed · Plan A and\n' +
        '  Managed · Plan B differ by $0 ± $0 a year; run with more trials or treat\n' +
        '  them as equal.\n' +
        'On invoices alone: Break-fix ($14,500 a year; next Plan A $18,000).\n' +
        '  · Managed · Plan B would have been cheaper in 0% of simulated years.\n',
    );
  });

  it('decides on the P90 with a batch-means standard error when asked', async () => {
    const p = baseProfile();
    p['decision'] = { basis: 'spend', metric: 'p90' };
    const r = JSON.parse((await runCli(['run', '-', '--trials', '4000', '--json'], { stdin: stringify(p) })).stdout);
    const rec = r.recommendation;
    expect(rec.basis).toBe('spend');
    expect(rec.metric).toBe('p90');
    expect(rec.metric_saving).toBeCloseTo(r.options[rec.runner_up].horizon_spend.p90 - r.options[rec.option].horizon_spend.p90, 6);
    expect(rec.metric_saving_se).not.toBe(rec.mean_saving_se);
    expect(rec.too_close).toBe(Math.abs(rec.metric_saving) <= 2 * rec.metric_saving_se);
  });
});

describe('mistakes', () => {
  it.each([
    [
      ['run', OFFICE, '--trials', '1'],
      "error: option '-n, --trials <n>' argument '1' is invalid. Trials must be a whole number from 2 to 10,000,000.\n",
    ],
    [
      ['run', OFFICE, '--seed', '-4'],
      "error: option '-s, --seed <n>' argument '-4' is invalid. Seed must be a whole number from 0 to 9,007,199,254,740,991.\n",
    ],
    [
      ['run', OFFICE, '--format', 'xml'],
      "error: option '-f, --format <format>' argument 'xml' is invalid. The format must be one of table, json, csv, markdown.\n",
    ],
    [['run', OFFICE, '--trails', '5'], "error: unknown option '--trails'\n(Did you mean --trials?)\n"],
    [['rnu'], "error: unknown command 'rnu'\n(Did you mean run?)\n"],
  ])('exits 2 for bad flags: %j', async (argv, stderr) => {
    const r = await runCli(argv);
    expect(r).toEqual({ code: 2, stdout: '', stderr });
  });

  it('exits 2 with one line per problem and a count for an invalid profile', async () => {
    const p = baseProfile();
    p['break_fix'].hourly_rat = p['break_fix'].hourly_rate;
    delete p['break_fix'].hourly_rate;
    p['incidents'][0].labor_hours = { p50: 3, p90: 1 };
    const r = await runCli(['run', '-'], { stdin: stringify(p) });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^error: <stdin>:\d+:\d+ incidents\[0\]\.labor_hours\.p90: must be at least p50 \(3\), got 1 — /);
    expect(lines[1]).toMatch(/^error: <stdin>:\d+:\d+ break_fix\.hourly_rate: missing — /);
    expect(lines[2]).toMatch(/^error: <stdin>:\d+:\d+ break_fix\.hourly_rat: unknown key — did you mean "hourly_rate"\?$/);
    expect(lines[3]).toBe('3 problems in <stdin>');
  });

  it('suggests the file the user probably meant', async () => {
    const r = await runCli(['run', 'scenarios/ofice-5.yaml']);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: cannot read scenarios/ofice-5.yaml: no such file — did you mean scenarios/office-5.yaml?\n',
    });
  });
});

describe('colour', () => {
  const argv = ['run', OFFICE, '--trials', '200'];
  it('colours a terminal', async () => {
    expect((await runCli(argv, { tty: true, env: { TERM: 'xterm' } })).stdout).toMatch(ANSI);
  });
  it.each([
    ['NO_COLOR', { tty: true, env: { TERM: 'xterm', NO_COLOR: '1' } }, argv],
    ['--no-color', { tty: true, env: { TERM: 'xterm' } }, [...argv, '--no-color']],
    ['a pipe', { tty: false, env: { TERM: 'xterm' } }, argv],
    ['TERM=dumb', { tty: true, env: { TERM: 'dumb' } }, argv],
  ])('stays plain with %s', async (_, opts, args) => {
    const r = await runCli(args, opts);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(ANSI);
  });
});

describe('help', () => {
  it('opens with a purpose and examples', async () => {
    const r = await runCli(['run', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: supportcast run \[options\] \[profile\]\n\nSimulate one business profile and recommend/);
    expect(r.stdout).toContain('supportcast run scenarios/office-5.yaml --seed 7');
  });
});
