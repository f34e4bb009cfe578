import type { ExpectedMonth } from '../engine/expected.js';
import { mdText, money } from './format.js';
import { type Grid, gridMarkdown, gridText, type MarkdownGrid } from './grid.js';
import type { OptionJson, ResultJson } from './result.js';
import { wrap } from './table.js';
import type { Theme } from './theme.js';

/** One quantity's exact expectation beside the simulated mean, its standard error and their difference in SEs. */
export interface ExplainPart {
  exact: number;
  simulated: number;
  se: number;
  difference_se: number;
}

/** `run --explain`: each option's expected regular month, exactly (docs/model.md §7). */
export interface ExplainJson {
  method: 'closed form' | 'numerical integration';
  spend: ExplainPart;
  downtime_cost: ExplainPart;
  direct_cost: ExplainPart;
  total_cost: ExplainPart;
}

function part(exact: number, simulated: number, se: number): ExplainPart {
  const d = simulated - exact;
  return { exact, simulated, se, difference_se: Math.abs(d) < 1e-9 ? 0 : se > 0 ? d / se : 0 };
}

/**
 * The comparison for one option. Spend and downtime use the simulation's own SEs. Direct costs
 * use the SE from their exact variance: with a heavy-tailed loss (ransomware) a sample's own SE
 * understates the true one. The total's SE is bounded by the sum of its parts' (Minkowski: the
 * sd of a sum is at most the sum of the sds), so it holds whatever the parts' correlation.
 */
export function explainOf(o: OptionJson, e: ExpectedMonth, months: number, trials: number): ExplainJson {
  const perMonth = 1 / months;
  const directSe = e.directTrialSd === undefined ? o.horizon_direct_cost.se.mean * perMonth : e.directTrialSd / Math.sqrt(trials);
  const spendSe = o.monthly_spend.se.mean;
  const downtimeSe = o.horizon_downtime_cost.se.mean * perMonth;
  return {
    method: e.method,
    spend: part(e.spend, o.monthly_spend.mean, spendSe),
    downtime_cost: part(e.downtimeCost, o.horizon_downtime_cost.mean * perMonth, downtimeSe),
    direct_cost: part(e.directCost, o.horizon_direct_cost.mean * perMonth, directSe),
    total_cost: part(e.totalCost, o.monthly_total_cost.mean, spendSe + downtimeSe + directSe),
  };
}

const signed = (x: number) => `${x < -0.05 ? '−' : x > 0.05 ? '+' : ''}${Math.abs(x).toFixed(1)}`;

export function explainGrid(result: ResultJson, names: Record<string, string>): Grid {
  const cur = result.profile.currency;
  const ids = Object.keys(result.explain ?? {});
  return {
    head: [`Expected month (${cur})`, 'invoice', 'sim.', 'diff', 'total', 'sim.', 'diff'],
    rows: ids.map((id) => {
      const x = result.explain![id]!;
      const cell = (p: ExplainPart) => [
        money(p.exact, cur).replace(/^\D+/, ''),
        money(p.simulated, cur).replace(/^\D+/, ''),
        signed(p.difference_se),
      ];
      return [names[id] ?? id, ...cell(x.spend), ...cell(x.total_cost)];
    }),
    marked: ids.map(() => false),
  };
}

export const EXPLAIN_NOTE =
  'Exact: each option\u2019s expected regular month in closed form (expected counts × expected bills, waits and losses; ' +
  'hybrid\u2019s capacity by numerical integration); sim.: the simulated mean; diff: simulated minus exact in standard errors (for direct costs the ' +
  'SE comes from their exact variance: a rare, very costly loss makes a sample\u2019s own SE too small).';

export function explainLines(result: ResultJson, names: Record<string, string>, theme: Theme): string[] {
  if (!result.explain) return [];
  return ['', gridText(explainGrid(result, names), theme), ...wrap(EXPLAIN_NOTE, '', '').map(theme.dim)];
}

export function explainMarkdown(result: ResultJson, names: Record<string, string>): string {
  if (!result.explain) return '';
  const g = explainGrid(result, names);
  const grid: MarkdownGrid = { head: g.head, rows: g.rows, marked: g.marked };
  return `\n${gridMarkdown(grid, 1)}\n\n<sub>${mdText(EXPLAIN_NOTE)}</sub>\n`;
}
