import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { worstMonths } from '../../src/engine/analyze.js';
import { binOf, histogramCounts, niceAxis } from '../../src/engine/histogram.js';
import { sparkline } from '../../src/report/pictures.js';
import { runCli } from '../helpers/cli.js';
import { resultValidator } from '../helpers/schema.js';

const DENTAL = 'scenarios/dental-clinic.yaml';

describe('histograms on a shared axis', () => {
  it('count every value once: the ends hold what lies beyond the axis', () => {
    const axis = { lo: 0, hi: 10, bins: 5 };
    const values = [-3, 0, 1.99, 2, 9.99, 10, 25];
    expect(values.map((x) => binOf(x, axis))).toEqual([0, 0, 0, 1, 4, 4, 4]);
    expect(histogramCounts(values, axis)).toEqual([3, 1, 0, 0, 3]);
  });

  it('put the axis ends on round numbers around the data', () => {
    const a = niceAxis(81_981, 398_568, 40);
    expect(a.lo).toBeLessThanOrEqual(81_981);
    expect(a.hi).toBeGreaterThanOrEqual(398_568);
    expect([a.lo % 50_000, a.hi % 50_000]).toEqual([0, 0]);
  });

  it('draw one character per bin, empty bins blank, the fullest bin full', () => {
    expect(sparkline([0, 1, 4, 8], true)).toBe(' ▁▄█');
    expect(sparkline([0, 1, 4, 8], false)).toBe(' .=@');
    // A single year in a bin still shows.
    expect(sparkline([1000, 1], true)).toBe('█▁');
  });

  it('in the result: counts that sum to the trials for every option, on edges bins + 1 long', { tags: ['slow'] }, async () => {
    const r = JSON.parse((await runCli(['run', DENTAL, '--trials', '1500', '--json'])).stdout);
    expect(resultValidator()(r)).toBe(true);
    const h = r.histogram;
    expect(h.edges).toHaveLength(41);
    for (const counts of Object.values(h.counts) as number[][]) expect(counts.reduce((a, b) => a + b, 0)).toBe(1500);
    expect(Object.keys(h.counts)).toEqual(Object.keys(r.options));
  });
});

describe('the worst regular month', () => {
  it('is each trial\u2019s highest month', () => {
    expect([...worstMonths(new Float64Array([1, 5, 2, 7, 7, 0]), 3)]).toEqual([5, 7]);
  });

  it('is shown with a budget, mean and P90, and is never below the typical month', { tags: ['slow'] }, async () => {
    const r = JSON.parse((await runCli(['run', DENTAL, '--trials', '1500', '--json'])).stdout);
    for (const o of Object.values(r.options) as { worst_month_spend: { mean: number }; monthly_spend: { mean: number; p99: number } }[]) {
      expect(o.worst_month_spend.mean).toBeGreaterThanOrEqual(o.monthly_spend.mean);
    }
    const table = (await runCli(['run', DENTAL, '--trials', '1500'])).stdout.replace(/\n {2}/g, ' ');
    expect(table).toMatch(/Worst regular month of the year, mean \(P90\): Break-fix \$[\d,]+ \(P90 \$[\d,]+\) · All-inclusive/);
    const noBudget = readFileSync(DENTAL, 'utf8').replace(/^budget: .*$/m, '');
    const none = await runCli(['run', '-', '--trials', '500'], { stdin: noBudget });
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('Recommendation:');
    expect(none.stdout).not.toContain('Worst regular month');
  });
});

describe('the histogram in the table', { tags: ['slow'] }, () => {
  it('is ASCII without colour and Unicode blocks on a colour terminal, one line per option', async () => {
    const plain = (await runCli(['run', DENTAL, '--trials', '1500'])).stdout.split('\n');
    const at = plain.findIndex((l) => l.startsWith('Spread of yearly cost'));
    expect(plain.slice(at + 1, at + 4).map((l) => l.slice(0, 28).trimEnd())).toEqual([
      '  Break-fix',
      '  Managed · All-inclusive',
      '  Hybrid · 1 in-house tech',
    ]);
    for (const l of plain.slice(at + 1, at + 4)) expect(l.slice(28)).toMatch(/^[ .:\-=+*#@]{1,40}$/);
    expect(plain[at + 4]).toMatch(/^ {28}\$[\d,]+ +\$[\d,]+$/);
    const colour = (await runCli(['run', DENTAL, '--trials', '1500'], { tty: true, env: { TERM: 'xterm' } })).stdout;
    expect(colour).toMatch(/[▁▂▃▄▅▆▇█]{5}/);
  });
});
