import { REPORTED_QUANTITIES } from '../engine/quantities.js';
import type { ResultJson } from './result.js';

export type Cell = string | number | boolean | null;

/** RFC 4180: quote fields with commas, quotes or line breaks; CRLF would upset Unix tools, so LF. */
function field(value: Cell): string {
  const s = value === null ? '' : typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function renderCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return `${[header, ...rows].map((r) => r.map(field).join(',')).join('\n')}\n`;
}

/** The value column stays numeric; the manifest of the run rides along in columns of its own. */
export const RESULT_COLUMNS = [
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
] as const;

/** Where decision-level numbers go: a row "option" of their own, the same whatever wins. */
export const DECISION_ROW = 'recommendation';

/**
 * A result as tidy rows (docs/model.md §6) whose set never depends on which option wins, so a
 * pivot on (option, quantity, statistic) holds between seeds: every summary statistic of
 * every quantity of every option and its standard errors; then, under quantity
 * `comparison`, every option's p_best (and p_month_over_budget with a budget), whether it
 * is the recommendation and the runner-up (1/0), and its saving against the recommended
 * option with that saving's SE, p_cheaper and parts (all 0 on the recommended option's
 * rows); then the decision's own numbers on rows of option `recommendation`.
 */
export function resultRows(result: ResultJson, profile: string): Cell[][] {
  const manifest: Cell[] = [
    result.tool.version,
    result.profile.sha256,
    result.settings.seed,
    result.settings.trials,
    result.settings.months,
  ];
  const rows: Cell[][] = [];
  const row = (option: string, quantity: string, statistic: string, value: Cell) =>
    rows.push([profile, option, quantity, statistic, value, ...manifest]);
  const r = result.recommendation;
  for (const [id, o] of Object.entries(result.options)) {
    for (const q of REPORTED_QUANTITIES) {
      const { se, ...stats } = o[q];
      for (const [stat, v] of Object.entries(stats)) row(id, q, stat, v);
      for (const [stat, v] of Object.entries(se)) row(id, q, `se_${stat}`, v);
    }
    row(id, 'comparison', 'p_best', o.p_best);
    if (o.p_month_over_budget !== undefined) row(id, 'comparison', 'p_month_over_budget', o.p_month_over_budget);
    row(id, 'comparison', 'recommended', id === r.option);
    row(id, 'comparison', 'runner_up', id === r.runner_up);
    const v = r.versus[id];
    row(id, 'comparison', 'saving_vs_recommended', v?.mean_saving ?? 0);
    row(id, 'comparison', 'saving_vs_recommended_se', v?.mean_saving_se ?? 0);
    row(id, 'comparison', 'p_cheaper_than_recommended', v?.p_cheaper ?? 0);
    for (const part of ['spend', 'downtime_cost', 'direct_cost'] as const)
      row(id, 'comparison', `saving_vs_recommended_${part}`, v?.components[part] ?? 0);
  }
  for (const key of ['mean_saving', 'mean_saving_se', 'metric_saving', 'metric_saving_se', 'too_close'] as const)
    row(DECISION_ROW, 'decision', key, r[key]);
  for (const part of ['spend', 'downtime_cost', 'direct_cost'] as const)
    row(DECISION_ROW, 'decision', `mean_saving_${part}`, r.components[part]);
  return rows;
}
