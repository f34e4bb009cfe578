import Table from 'cli-table3';
import type { Model } from '../engine/model.js';
import { money, percent, plural, whole } from './format.js';
import { displayName, type ResultJson } from './result.js';
import type { Theme } from './theme.js';

/** What the table needs beyond the JSON result. */
export interface RunReport {
  readonly result: ResultJson;
  readonly model: Model;
  /** The profile as the user named it, or a note such as "bundled example …". */
  readonly source: string;
}

const BORDERLESS = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
  bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '',
};

/** Long labels are cut so the table stays within 80 columns. */
const LABEL_WIDTH = 30;

function cut(label: string): string {
  return label.length <= LABEL_WIDTH - 2 ? label : `${label.slice(0, LABEL_WIDTH - 3)}…`;
}

function grid(head: string[], rows: string[][], theme: Theme): string {
  const table = new Table({
    head: head.map((h) => theme.heading(h)),
    chars: BORDERLESS,
    // cli-table3 colours its own borders and head on pipes; the theme decides colour instead.
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 2 },
    colAligns: ['left', ...head.slice(1).map(() => 'right' as const)],
  });
  table.push(...rows);
  return table
    .toString()
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}

function header(report: RunReport): string[] {
  const { result, model } = report;
  const org = model.organization;
  const s = result.settings;
  const runs = s.months === 12 ? `${whole(s.trials)} simulated years` : `${whole(s.trials)} simulated ${s.months}-month periods`;
  return [
    `supportcast ${result.tool.version} · ${result.profile.name} · ${plural(org.employees, 'staff', 'staff')}, ` +
      `${plural(org.devices, 'device')}, ${plural(org.servers, 'server')}, ${plural(org.sites, 'site')}`,
    `${runs} · seed ${s.seed} · ${report.source}`,
  ];
}

function optionRows(report: RunReport, theme: Theme, cells: (id: string) => string[]): string[][] {
  const { result, model } = report;
  return Object.entries(result.options).map(([id, o]) => {
    const mark = id === result.recommendation.option ? theme.highlight : (x: string) => x;
    return [mark(`  ${cut(displayName(id, o.label, model))}`), ...cells(id).map(mark)];
  });
}

function monthlyTable(report: RunReport, theme: Theme): string {
  const { result } = report;
  const cur = result.profile.currency;
  const rows = optionRows(report, theme, (id) => {
    const m = result.options[id]!.monthly_spend;
    return [m.p10, m.p50, m.p90, m.p99, m.mean].map((v) => money(v, cur));
  });
  return grid([`Monthly invoice (${cur})`, 'P10', 'P50', 'P90', 'P99', 'mean'], rows, theme);
}

function horizonTable(report: RunReport, theme: Theme): string {
  const { result } = report;
  const cur = result.profile.currency;
  const months = result.settings.months;
  const spendBasis = result.recommendation.basis === 'spend';
  const span = months === 12 ? 'a year' : `${months} months`;
  const title = spendBasis ? `Invoices over ${span}` : `Cost of ${span}, downtime included`;
  const rows = optionRows(report, theme, (id) => {
    const o = result.options[id]!;
    const h = spendBasis ? o.horizon_spend : o.horizon_total_cost;
    return [...[h.p10, h.p50, h.p90, h.mean].map((v) => money(v, cur)), percent(o.p_best)];
  });
  return grid([title, 'P10', 'P50', 'P90', 'mean', 'P(best)'], rows, theme);
}

function budgetLine(report: RunReport): string | undefined {
  const { result, model } = report;
  if (model.budgetMonthly === undefined) return undefined;
  const parts = Object.entries(result.options).map(
    ([id, o]) => `${displayName(id, o.label, model).split(' · ')[0]} ${percent(o.p_month_over_budget ?? 0)}`,
  );
  return `Months over the ${money(model.budgetMonthly, result.profile.currency)} budget: ${parts.join(' · ')}`;
}

function recommendation(report: RunReport, theme: Theme): string[] {
  const { result, model } = report;
  const r = result.recommendation;
  const name = displayName(r.option, result.options[r.option]!.label, model);
  const [first, ...rest] = r.reasons;
  if (r.too_close) {
    return [`${theme.heading('Recommendation:')} ${theme.warn(lowerFirst(first ?? ''))}`, ...rest.map((x) => `  · ${lowerFirst(x)}`)];
  }
  return [`${theme.heading('Recommendation:')} ${theme.highlight(name)}`, ...r.reasons.map((x) => `  · ${lowerFirst(x)}`)];
}

function lowerFirst(s: string): string {
  // Keep option names ("Hybrid ...", "Managed ...") capitalised; lower only a leading verb.
  return /^(Saves|The|Too) /.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s;
}

/** The consultant's view: what was run, two tables, the recommendation and why. */
export function renderTable(report: RunReport, theme: Theme): string {
  const budget = budgetLine(report);
  const lines = [
    ...header(report).map((l, i) => (i === 0 ? theme.heading(l) : theme.dim(l))),
    '',
    monthlyTable(report, theme),
    '',
    horizonTable(report, theme),
    ...(budget ? ['', budget] : []),
    '',
    ...recommendation(report, theme),
  ];
  return `${lines.join('\n')}\n`;
}
