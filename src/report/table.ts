import Table from 'cli-table3';
import type { Model } from '../engine/model.js';
import { money, percent, plural, whole } from './format.js';

/** Prose is wrapped to this width so it reads on an 80-column terminal. */
const TEXT_WIDTH = 78;
import { displayName, shortName, type ResultJson } from './result.js';
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
  const who = `supportcast ${result.tool.version} · ${result.profile.name}`;
  const size =
    `${plural(org.employees, 'staff', 'staff')}, ${plural(org.devices, 'device')}, ` +
    `${plural(org.servers, 'server')}, ${plural(org.sites, 'site')}`;
  const run = `${runs} · seed ${s.seed} · ${report.source}`;
  // One line when it fits an 80-column terminal, else the business's size moves down.
  return who.length + size.length + 3 <= 80 ? [`${who} · ${size}`, run] : [who, size, run];
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
    return [m.p10, m.p50, m.p90, m.p99, m.mean].map(whole);
  });
  return grid([`Monthly invoice (${cur})`, 'P10', 'P50', 'P90', 'P99', 'mean'], rows, theme);
}

function horizonTable(report: RunReport, theme: Theme): string {
  const { result } = report;
  const months = result.settings.months;
  const spendBasis = result.recommendation.basis === 'spend';
  const span = months === 12 ? 'a year' : `${months} months`;
  const title = spendBasis ? `Invoices over ${span}` : `Cost of ${span}, downtime included`;
  const rows = optionRows(report, theme, (id) => {
    const o = result.options[id]!;
    const h = spendBasis ? o.horizon_spend : o.horizon_total_cost;
    return [...[h.p10, h.p50, h.p90, h.mean].map(whole), percent(o.p_best)];
  });
  return grid([title, 'P10', 'P50', 'P90', 'mean', 'P(best)'], rows, theme);
}

function budgetLine(report: RunReport): string | undefined {
  const { result, model } = report;
  if (model.budgetMonthly === undefined) return undefined;
  // Tier labels alone ("Essentials") keep the line short and still tell tiers apart.
  const parts = Object.entries(result.options).map(
    ([id, o]) => `${shortName(id, o.label)} ${percent(o.p_month_over_budget ?? 0)}`,
  );
  return `Months over the ${money(model.budgetMonthly, result.profile.currency)} budget: ${parts.join(' · ')}`;
}

function recommendation(report: RunReport, theme: Theme): string[] {
  const { result, model } = report;
  const r = result.recommendation;
  const name = displayName(r.option, result.options[r.option]!.label, model);
  const [first, ...rest] = r.reasons;
  const bullets = (xs: string[]) => xs.flatMap((x) => wrap(lowerFirst(x), '  · ', '    '));
  if (r.too_close) {
    const [head, ...more] = wrap(lowerFirst(first ?? ''), 'Recommendation: ', '  ');
    return [`${theme.heading('Recommendation:')}${theme.warn(head!.slice('Recommendation:'.length))}`, ...more.map(theme.warn), ...bullets(rest)];
  }
  return [`${theme.heading('Recommendation:')} ${theme.highlight(name)}`, ...bullets(r.reasons)];
}

/** Lower-cases a leading verb ("Saves", "The", "Too"), never an option's name. */
function lowerFirst(s: string): string {
  return /^(Saves|The|Too) /.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s;
}

/** Greedy word wrap: the first line starts with `first`, the rest with `rest`. */
function wrap(text: string, first: string, rest: string): string[] {
  const lines: string[] = [];
  let line = first;
  // "± $900" stays on one line.
  for (const word of text.replace(/± /g, '±\u00a0').split(' ').map((w) => w.replace('\u00a0', ' '))) {
    const fresh = line === first || line === rest;
    if (!fresh && line.length + 1 + word.length > TEXT_WIDTH) {
      lines.push(line);
      line = rest + word;
    } else line = fresh ? line + word : `${line} ${word}`;
  }
  lines.push(line);
  return lines;
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
