import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPORTED_QUANTITIES } from '../../src/engine/quantities.js';
import { runCli } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

const OFFICE = 'scenarios/office-5.yaml';
const FAST = ['--trials', '500'];

/** A minimal RFC 4180 reader: enough to check the writer's quoting. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  return rows;
}

describe('output formats', () => {
  it('--json is --format json', async () => {
    const a = await runCli(['run', OFFICE, ...FAST, '--json']);
    const b = await runCli(['run', OFFICE, ...FAST, '--format', 'json']);
    expect(a.stdout).toBe(b.stdout);
  });

  it('CSV is tidy: one numeric value per row, the manifest in columns of its own, agreeing with the JSON', async () => {
    const json = JSON.parse((await runCli(['run', OFFICE, ...FAST, '--json'])).stdout);
    const rows = parseCsv((await runCli(['run', OFFICE, ...FAST, '--format', 'csv'])).stdout);
    expect(rows[0]).toEqual([
      'profile',
      'option',
      'quantity',
      'statistic',
      'value',
      'tool_version',
      'profile_sha256',
      'seed',
      'trials',
      'months',
    ]);
    const body = rows.slice(1);
    const manifest = [json.tool.version, json.profile.sha256, String(json.settings.seed), String(json.settings.trials), '12'];
    expect(body.every((r) => r.length === 10 && r[0] === OFFICE && Number.isFinite(Number(r[4])) && r[4] !== '')).toBe(true);
    expect(body.every((r) => JSON.stringify(r.slice(5)) === JSON.stringify(manifest))).toBe(true);
    const get = (option: string, quantity: string, statistic: string) =>
      Number(body.find((r) => r[1] === option && r[2] === quantity && r[3] === statistic)?.[4]);
    expect(get('managed:remote', 'monthly_spend', 'p90')).toBe(json.options['managed:remote'].monthly_spend.p90);
    expect(get('managed:remote', 'monthly_spend', 'se_p90')).toBe(json.options['managed:remote'].monthly_spend.se.p90);
    expect(get('break_fix', 'comparison', 'p_best')).toBe(json.options.break_fix.p_best);
    expect(get('recommendation', 'decision', 'mean_saving')).toBe(json.recommendation.mean_saving);
    expect(get('break_fix', 'comparison', 'p_cheaper_than_recommended')).toBe(json.recommendation.versus.break_fix.p_cheaper);
    // 3 options × every reported quantity × (11 statistics + 3 standard errors), then the comparison rows.
    expect(body.filter((r) => r[2] !== 'comparison' && r[2] !== 'decision')).toHaveLength(3 * REPORTED_QUANTITIES.length * 14);
  });

  it('CSV has the same rows whatever wins, so a pivot on (option, quantity, statistic) holds between seeds', async () => {
    const keys = async (seed: string, fee: string) =>
      parseCsv(
        (
          await runCli([
            'run',
            'scenarios/dental-clinic.yaml',
            '--trials',
            '300',
            '--seed',
            seed,
            '--set',
            `managed.per_employee=${fee}`,
            '--format',
            'csv',
          ])
        ).stdout,
      )
        .slice(1)
        .map((r) => r.slice(1, 4).join('/'));
    const cheap = await keys('4', '80');
    const dear = await keys('4', '400');
    expect(dear).toEqual(cheap);
    expect(cheap).toContain('break_fix/comparison/recommended');
    expect(cheap).toContain('managed/comparison/saving_vs_recommended');
  });

  it('quotes CSV fields with commas and quotes (RFC 4180)', async () => {
    const profile = readFileSync(OFFICE, 'utf8');
    const r = await runCli(['run', '-', ...FAST, '--format', 'csv', '--set', 'name=Smith, "Jones" & Co'], { stdin: profile });
    const rows = parseCsv(r.stdout);
    expect(rows[1]![0]).toBe('Smith, "Jones" & Co');
    expect(r.stdout.split('\n')[1]).toMatch(/^"Smith, ""Jones"" & Co",/);
  });

  it('Markdown has GitHub tables and the recommendation', async () => {
    const r = await runCli(['run', OFFICE, ...FAST, '--format', 'markdown']);
    expect(r.stdout).toMatch(/^### supportcast \d+\.\d+\.\d+ · Northside Accounting · 5 staff/);
    expect(r.stdout).toContain('| Monthly invoice (USD) | P10 | P50 | P90 | P99 | mean |\n| :-- | --: | --: | --: | --: | --: |\n');
    expect(r.stdout).toMatch(/\n\| \*\*Managed · Remote only\*\* \| /);
    expect(r.stdout).toMatch(/\*\*Recommendation: Managed · Remote only\*\* \(on total cost\)\n\nOn invoices alone: \S+ .*\n\n- saves /);
    expect(r.stdout).toContain('<sub>± is two standard errors of the simulated average, not a range of outcomes.');
  });

  it('-o writes the file atomically and prints nothing on stdout', async () => {
    const dir = tmpDir();
    const file = join(dir, 'result.json');
    const r = await runCli(['run', OFFICE, ...FAST, '--json', '-o', file]);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(JSON.parse(readFileSync(file, 'utf8')).schema).toBe('supportcast/result@2');
    expect(readdirSync(dir)).toEqual(['result.json']);
  });

  it('-o into a missing folder is a clear error, leaving nothing behind', async () => {
    const dir = tmpDir();
    const r = await runCli(['run', OFFICE, ...FAST, '-o', join(dir, 'no', 'x.txt')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: cannot write .*x\.txt: its folder does not exist — create the folder first\n$/);

    expect(existsSync(join(dir, 'no'))).toBe(false);
  });
});
