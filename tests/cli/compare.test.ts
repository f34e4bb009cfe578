import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { resultValidator } from '../helpers/schema.js';

const FILES = ['scenarios/office-5.yaml', 'scenarios/multisite-150.yaml'];
const FAST = ['--trials', '1500'];

describe('supportcast compare', { tags: ['slow'] }, () => {
  it('shows one table: a row per profile, then per option and tier, the recommendation starred', async () => {
    const r = await runCli(['compare', ...FILES, ...FAST]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^Profile \/ option\s+P50\/month\s+P90\/month\s+Cost\/year\s+P\(best\)$/);
    expect(lines[1]).toBe('Northside Accounting');
    expect(lines[2]).toMatch(/^ {2}Break-fix\s+[\d,]+\s+[\d,]+\s+[\d,]+\s+\d+%$/);
    // The starred row, and under each profile what its saving is and against whom.
    expect(lines.filter((l) => /^ {2}★ Managed/.test(l))).toHaveLength(2);
    expect(lines.filter((l) => /^ {2}★ saves \$[\d,]+ ± \$[\d,]+ a year against the runner-up, \S/.test(l))).toHaveLength(2);
    const prose = r.stdout.replace(/\n/g, ' ');
    expect(prose).toContain('Cost/year is the mean yearly total cost');
    expect(prose).toContain("A saving is the ★ option's mean yearly saving against the runner-up named, ± two standard errors");
    expect(prose).toContain('P(best) is the share of simulated years in which an option was the cheapest of all.');
    expect(r.stdout).toContain('  Managed · Essentials');
    expect(r.stdout).toContain('Meridian Supply Co.');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(80);
  });

  it('shows the yearly basis the decision ranks, and names the runner-up the saving is against', async () => {
    const r = await runCli(['compare', ...FILES, ...FAST, '--months', '24']);
    const json = JSON.parse((await runCli(['compare', ...FILES, ...FAST, '--months', '24', '--json'])).stdout);
    const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
    for (const result of json.results) {
      const block = r.stdout
        .split(`${result.profile.name}\n`)[1]!
        .split(/\n(?=\S)/)[0]!
        .trimEnd();
      for (const o of Object.values(result.options) as { label: string; horizon_total_cost: { mean: number } }[]) {
        // Yearly: the 24-month horizon's mean total cost × 12 / 24.
        const row = block
          .split('\n')
          .find(
            (l) => /^ {2}(★ )?\S/.test(l) && (l.includes(`  ${o.label} `) || l.includes(`★ ${o.label} `) || l.includes(`· ${o.label} `)),
          );
        expect(row, o.label).toBeDefined();
        expect(row!.split(/\s{2,}/)).toContain(whole.format((o.horizon_total_cost.mean * 12) / 24));
      }
      const runnerUp = result.options[result.recommendation.runner_up].label as string;
      expect(block.split('\n').at(-1)).toMatch(/^ {2}★ saves \$[\d,]+ ± \$[\d,]+ a year against the runner-up, /);
      expect(block.endsWith(`against the runner-up, ${runnerUp}`)).toBe(true);
    }
  });

  it('prints compare@2 JSON whose results are result@2 objects', async () => {
    const r = await runCli(['compare', ...FILES, ...FAST, '--json']);
    const json = JSON.parse(r.stdout);
    expect(json.schema).toBe('supportcast/compare@2');
    expect(json.results.map((x: { profile: { file: string } }) => x.profile.file)).toEqual(FILES);
    const validate = resultValidator();
    for (const result of json.results) expect(validate(result), JSON.stringify(validate.errors)).toBe(true);
  });

  it('gives each profile its own simulation settings unless flags override them', async () => {
    const own = JSON.parse((await runCli(['compare', ...FILES, '--json', '--trials', '300'])).stdout);
    expect(own.results.map((x: { settings: { seed: number } }) => x.settings.seed)).toEqual([5, 150]);
    const forced = JSON.parse((await runCli(['compare', ...FILES, '--json', '--trials', '300', '--seed', '3'])).stdout);
    expect(forced.results.map((x: { settings: { seed: number } }) => x.settings.seed)).toEqual([3, 3]);
  });

  it('stops with exit 2 before simulating when any profile is invalid', async () => {
    const r = await runCli(['compare', FILES[0]!, 'absent.yaml', ...FAST]);
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'error: cannot read absent.yaml: no such file — check the path\n' });
  });

  it('writes Markdown with the profile named once per group', async () => {
    const r = await runCli(['compare', ...FILES, ...FAST, '--format', 'markdown']);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('| Profile | Option | P50/month (USD) | P90/month | Cost/year | P(best) | Saving a year vs runner-up (± 2 SE) |');
    expect(lines[1]).toBe('| :-- | :-- | --: | --: | --: | --: | --: |');
    expect(lines[2]).toMatch(/^\| Northside Accounting \| Break-fix \| /);
    expect(lines[3]).toMatch(/^\| {2}\| /);
    expect(r.stdout).toMatch(/\| \*\*\$[\d,]+ ± \$[\d,]+ a year against the runner-up, \w+\*\* \|/);
    expect(r.stdout).toContain('| the runner-up |');
  });

  it('stars nothing in a profile too close to call, and says so under it', async () => {
    const twin = [
      'version: 1',
      'name: Twins',
      'organization: { employees: 5, loaded_hourly_cost: 40 }',
      'incidents: [{ name: x, rate: { per_month: 2 }, labor_hours: 1 }]',
      'break_fix: { hourly_rate: 150, response_hours: 4 }',
      'managed: [{ name: a, per_employee: 20, response_hours: 1 }, { name: b, per_employee: 20, response_hours: 1 }]',
    ].join('\n');
    const r = await runCli(['compare', '-', '--trials', '300'], { stdin: twin });
    expect(r.stdout).not.toContain('★ Managed');
    expect(r.stdout).toMatch(/\n {2}too close to call: a and b differ by \$0 ± \$0 a year\n/);
  });
});
