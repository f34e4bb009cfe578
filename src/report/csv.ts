import { QUANTITIES } from '../engine/quantities.js';
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

export const RESULT_COLUMNS = ['profile', 'option', 'quantity', 'statistic', 'value'] as const;

/**
 * A result as tidy rows: every summary statistic of every option, then the comparison
 * scalars under quantity `comparison` (p_best, p_month_over_budget, the recommendation's
 * savings on the recommended option's rows, and versus_* on every other option's rows).
 */
export function resultRows(result: ResultJson, profile: string): Cell[][] {
  const rows: Cell[][] = [];
  for (const [id, o] of Object.entries(result.options)) {
    for (const q of QUANTITIES) for (const [stat, v] of Object.entries(o[q])) rows.push([profile, id, q, stat, v]);
    rows.push([profile, id, 'comparison', 'p_best', o.p_best]);
    if (o.p_month_over_budget !== undefined) rows.push([profile, id, 'comparison', 'p_month_over_budget', o.p_month_over_budget]);
  }
  const r = result.recommendation;
  rows.push([profile, r.option, 'comparison', 'recommended', 1]);
  rows.push([profile, r.runner_up, 'comparison', 'runner_up', 1]);
  for (const key of ['mean_saving', 'mean_saving_se', 'metric_saving', 'metric_saving_se', 'too_close'] as const) {
    rows.push([profile, r.option, 'comparison', key, r[key]]);
  }
  for (const [id, v] of Object.entries(r.versus)) {
    rows.push([profile, id, 'comparison', 'versus_mean_saving', v.mean_saving]);
    rows.push([profile, id, 'comparison', 'versus_mean_saving_se', v.mean_saving_se]);
    rows.push([profile, id, 'comparison', 'versus_p_cheaper', v.p_cheaper]);
  }
  return rows;
}
