import type { Summary } from '../engine/summary.js';
import { type Cell, renderCsv } from './csv.js';
import { mdText, money, printable } from './format.js';
import { gridMarkdown, type MarkdownGrid } from './grid.js';
import { wrap } from './table.js';
import type { Theme } from './theme.js';

export const STAT_KEYS = ['mean', 'sd', 'p5', 'p10', 'p25', 'p50', 'p75', 'p90', 'p95', 'p99'] as const;

/** mean, sd and the percentiles of break-fix's monthly spend: a run's Summary without cvar95 and the SEs. */
export type SpendStats = Pick<Summary, (typeof STAT_KEYS)[number]>;

/** `supportcast/exact@1` (schema/exact.schema.json). */
export interface ExactJson {
  schema: 'supportcast/exact@1';
  tool: { name: 'supportcast'; version: string };
  profile: { name: string; file: string | null; sha256: string; currency: string };
  settings: { trials: number; months: number; seed: number; overrides: string[] };
  method: {
    name: 'panjer';
    /** The money grid's step, in currency. */
    grid: number;
    grid_points: number;
    /** Every bill falls on the grid, so the distribution is exact; else bills are rounded to it. */
    exact_grid: boolean;
    /** P(monthly spend ≤ the grid's end). */
    covered: number;
  };
  exact: SpendStats;
  simulated: SpendStats & { se: SpendStats };
  /** (simulated − exact) / the simulated statistic's standard error; 0 where both agree to the cent, null where unmeasurable. */
  difference_se: Record<keyof SpendStats, number | null>;
}

const LABEL: Record<(typeof STAT_KEYS)[number], string> = {
  mean: 'mean',
  sd: 'sd',
  p5: 'P5',
  p10: 'P10',
  p25: 'P25',
  p50: 'P50',
  p75: 'P75',
  p90: 'P90',
  p95: 'P95',
  p99: 'P99',
};

function signed(x: number | null): string {
  if (x === null) return 'n/a';
  const s = Math.abs(x) < 0.05 ? '0.0' : Math.abs(x).toFixed(1);
  return x <= -0.05 ? `−${s}` : x >= 0.05 ? `+${s}` : s;
}

function methodLine(e: ExactJson): string {
  const m = e.method;
  const grid = new Intl.NumberFormat('en-US', { style: 'currency', currency: e.profile.currency, maximumFractionDigits: 2 }).format(m.grid);
  const how = m.exact_grid ? `on a ${grid} grid, every bill a multiple of it (exact)` : `on a ${grid} grid (bills rounded to it)`;
  return `Break-fix's monthly invoice by Panjer recursion ${how}, beside ${e.settings.trials.toLocaleString('en-US')} simulated ${e.settings.months === 12 ? 'years' : 'periods'} (${(e.settings.trials * e.settings.months).toLocaleString('en-US')} months).`;
}

export const EXACT_NOTE =
  'Panjer (1981); Klugman, Panjer & Willmot, Loss Models §9.6: counts Poisson or negative binomial, the billing rules ' +
  '(minimum, increment, after-hours multiplier, trip fee) folded into each bill. Difference: simulated minus exact, in ' +
  'standard errors of the simulated figure (batch means over 1,024-trial blocks); simulated percentiles here invert the ' +
  'empirical CDF (R type 1), as the exact ones do.';

export function renderExactText(e: ExactJson, theme: Theme): string {
  const cur = e.profile.currency;
  const rows = STAT_KEYS.map((k) => {
    const cells = [
      money(e.exact[k], cur),
      money(e.simulated[k], cur),
      e.difference_se[k] === null ? 'n/a' : `${signed(e.difference_se[k])} SE`,
    ];
    return `  ${LABEL[k].padEnd(6)}${cells[0]!.padStart(12)}${cells[1]!.padStart(12)}${cells[2]!.padStart(12)}`;
  });
  const set = e.settings.overrides.length > 0 ? ` · --set ${e.settings.overrides.join(' ')}` : '';
  return `${[
    theme.heading(`supportcast ${e.tool.version} · ${e.profile.name} · exact`),
    theme.dim(printable(`seed ${e.settings.seed} · ${e.profile.file ?? '<stdin>'}${set}`)),
    '',
    ...wrap(methodLine(e), '', ''),
    '',
    theme.heading(`  ${`(${cur})`.padEnd(6)}${'exact'.padStart(12)}${'simulated'.padStart(12)}${'difference'.padStart(12)}`),
    ...rows,
    '',
    ...wrap(EXACT_NOTE, '', '').map(theme.dim),
  ].join('\n')}\n`;
}

export function renderExactMarkdown(e: ExactJson): string {
  const cur = e.profile.currency;
  const grid: MarkdownGrid = {
    head: [`Break-fix monthly invoice (${cur})`, 'Exact', 'Simulated', 'Difference (SE)'],
    rows: STAT_KEYS.map((k) => [LABEL[k], money(e.exact[k], cur), money(e.simulated[k], cur), signed(e.difference_se[k])]),
    marked: STAT_KEYS.map(() => false),
  };
  return `### supportcast exact · ${mdText(e.profile.name)}\n\n${mdText(methodLine(e))}\n\n${gridMarkdown(grid, 1)}\n\n<sub>${mdText(EXACT_NOTE)}</sub>\n`;
}

export function renderExactCsv(e: ExactJson): string {
  const rows: Cell[][] = STAT_KEYS.map((k) => [
    e.profile.file ?? e.profile.name,
    k,
    e.exact[k],
    e.simulated[k],
    e.simulated.se[k],
    e.difference_se[k],
    e.tool.version,
    e.profile.sha256,
    e.settings.seed,
    e.settings.trials,
    e.settings.months,
  ]);
  return renderCsv(
    [
      'profile',
      'statistic',
      'exact',
      'simulated',
      'simulated_se',
      'difference_se',
      'tool_version',
      'profile_sha256',
      'seed',
      'trials',
      'months',
    ],
    rows,
  );
}

export function renderExactJson(e: ExactJson): string {
  return `${JSON.stringify(e, null, 2)}\n`;
}
