import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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

  it('CSV is tidy: profile,option,quantity,statistic,value, and agrees with the JSON', async () => {
    const json = JSON.parse((await runCli(['run', OFFICE, ...FAST, '--json'])).stdout);
    const rows = parseCsv((await runCli(['run', OFFICE, ...FAST, '--format', 'csv'])).stdout);
    expect(rows[0]).toEqual(['profile', 'option', 'quantity', 'statistic', 'value']);
    const body = rows.slice(1);
    expect(body.every((r) => r.length === 5 && r[0] === OFFICE)).toBe(true);
    const get = (option: string, quantity: string, statistic: string) =>
      Number(body.find((r) => r[1] === option && r[2] === quantity && r[3] === statistic)?.[4]);
    expect(get('managed:remote', 'monthly_spend', 'p90')).toBe(json.options['managed:remote'].monthly_spend.p90);
    expect(get('break_fix', 'comparison', 'p_best')).toBe(json.options.break_fix.p_best);
    expect(get(json.recommendation.option, 'comparison', 'mean_saving')).toBe(json.recommendation.mean_saving);
    expect(get('break_fix', 'comparison', 'versus_p_cheaper')).toBe(json.recommendation.versus.break_fix.p_cheaper);
    // 3 options × 7 quantities × 11 statistics, p_best and p_month_over_budget each, then the comparison rows.
    expect(body.filter((r) => r[2] !== 'comparison')).toHaveLength(3 * 7 * 11);
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
    expect(r.stdout).toMatch(/\*\*Recommendation:\*\* Managed · Remote only\n\n- saves /);
  });

  it('-o writes the file atomically and prints nothing on stdout', async () => {
    const dir = tmpDir();
    const file = join(dir, 'result.json');
    const r = await runCli(['run', OFFICE, ...FAST, '--json', '-o', file]);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(JSON.parse(readFileSync(file, 'utf8')).schema).toBe('supportcast/result@1');
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
