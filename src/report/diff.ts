import { stringify } from 'yaml';
import { mdCode, mdText, money, printable, whole } from './format.js';
import { type Grid, gridMarkdown, gridText } from './grid.js';
import { displayName } from './result.js';
import type { RunReport } from './table.js';
import type { Theme } from './theme.js';

export interface InputChange {
  path: string;
  old: unknown;
  new: unknown;
}

export interface Delta {
  option: string;
  quantity: string;
  statistic: string;
  old: number | null;
  new: number | null;
  change: number | null;
}

/** `supportcast/diff@2`. */
export interface DiffJson {
  schema: 'supportcast/diff@2';
  changes: InputChange[];
  deltas: Delta[];
  recommendation: { old: string; new: string; changed: boolean };
  old: RunReport['result'];
  new: RunReport['result'];
}

const STATS: Array<[string, string, (r: RunReport['result']['options'][string]) => number]> = [
  ['monthly_spend', 'p50', (o) => o.monthly_spend.p50],
  ['monthly_spend', 'p90', (o) => o.monthly_spend.p90],
  ['horizon_total_cost', 'mean', (o) => o.horizon_total_cost.mean],
];

export function buildDiff(oldReport: RunReport, newReport: RunReport, changes: InputChange[]): DiffJson {
  const a = oldReport.result;
  const b = newReport.result;
  const ids = [...new Set([...Object.keys(a.options), ...Object.keys(b.options)])];
  const deltas: Delta[] = [];
  for (const id of ids) {
    for (const [quantity, statistic, get] of STATS) {
      const x = a.options[id] ? get(a.options[id]) : null;
      const y = b.options[id] ? get(b.options[id]) : null;
      deltas.push({ option: id, quantity, statistic, old: x, new: y, change: x === null || y === null ? null : y - x });
    }
  }
  const ms = (r: RunReport['result']) => r.recommendation.mean_saving;
  deltas.push({
    option: 'recommendation',
    quantity: 'comparison',
    statistic: 'mean_saving',
    old: ms(a),
    new: ms(b),
    change: ms(b) - ms(a),
  });
  const rec = { old: a.recommendation.option, new: b.recommendation.option };
  return { schema: 'supportcast/diff@2', changes, deltas, recommendation: { ...rec, changed: rec.old !== rec.new }, old: a, new: b };
}

function show(v: unknown): string {
  if (v === undefined) return '(none)';
  return typeof v === 'string' ? v : stringify(v, { flow: true }).trim();
}

function signed(x: number | null): string {
  if (x === null) return '';
  const s = whole(x);
  return x >= 0.5 ? `+${s}` : s === '0' ? '0' : `−${s.replace('-', '')}`;
}

const QUANTITY_LABEL: Record<string, string> = {
  'monthly_spend.p50': 'P50 monthly invoice',
  'monthly_spend.p90': 'P90 monthly invoice',
  'horizon_total_cost.mean': 'mean total cost',
};

function deltaGrid(d: DiffJson, oldReport: RunReport, newReport: RunReport): Grid {
  const name = (id: string) => {
    const o = newReport.result.options[id] ?? oldReport.result.options[id];
    return displayName(id, o?.label ?? id, (newReport.result.options[id] ? newReport : oldReport).model);
  };
  const cell = (x: number | null) => (x === null ? '—' : whole(x));
  const rows = d.deltas.map((x) => [
    x.option === 'recommendation' ? 'Mean saving vs runner-up' : `${name(x.option)} · ${QUANTITY_LABEL[`${x.quantity}.${x.statistic}`]}`,
    cell(x.old),
    cell(x.new),
    signed(x.change),
  ]);
  return {
    head: [`Results (${d.new.profile.currency})`, 'old', 'new', 'change'],
    rows,
    marked: rows.map((r) => r[3] !== '0' && r[3] !== ''),
  };
}

function changeLines(d: DiffJson): string[] {
  if (d.changes.length === 0) return ['  (no input changes)'];
  return d.changes.map((c) => printable(`  ${c.path}: ${show(c.old)} → ${show(c.new)}`));
}

function recommendationLine(d: DiffJson, oldReport: RunReport, newReport: RunReport): string {
  const label = (r: RunReport) =>
    displayName(r.result.recommendation.option, r.result.options[r.result.recommendation.option]!.label, r.model);
  const perYear = (r: RunReport) => money((r.result.recommendation.mean_saving * 12) / r.result.settings.months, r.result.profile.currency);
  return d.recommendation.changed
    ? `Recommendation changes: ${label(oldReport)} → ${label(newReport)} (saves ${perYear(newReport)} a year against the runner-up)`
    : `Recommendation unchanged: ${label(newReport)} (saving a year ${perYear(oldReport)} → ${perYear(newReport)})`;
}

function settingsLine(r: RunReport, oldLabel: string, newLabel: string): string {
  const s = r.result.settings;
  return `${oldLabel} → ${newLabel} · ${whole(s.trials)} trials of ${s.months} months · seed ${s.seed} for both`;
}

export function renderDiffText(d: DiffJson, oldReport: RunReport, newReport: RunReport, theme: Theme): string {
  const lines = [
    theme.heading(printable(`supportcast diff · ${d.new.profile.name}`)),
    theme.dim(printable(settingsLine(newReport, oldReport.source, newReport.source))),
    '',
    theme.heading('Inputs changed'),
    ...changeLines(d),
    '',
    gridText(deltaGrid(d, oldReport, newReport), theme),
    '',
    printable(recommendationLine(d, oldReport, newReport)),
  ];
  return `${lines.join('\n')}\n`;
}

export function renderDiffMarkdown(d: DiffJson, oldReport: RunReport, newReport: RunReport): string {
  const changes =
    d.changes.length === 0
      ? ['_No input changes._']
      : d.changes.map((c) => `- ${mdCode(c.path)}: ${mdText(show(c.old))} → ${mdText(show(c.new))}`);
  const lines = [
    `### supportcast diff · ${mdText(d.new.profile.name)}`,
    '',
    settingsLine(newReport, mdCode(oldReport.source), mdCode(newReport.source)),
    '',
    '**Inputs changed**',
    '',
    ...changes,
    '',
    gridMarkdown(deltaGrid(d, oldReport, newReport)),
    '',
    `**${mdText(recommendationLine(d, oldReport, newReport))}**`,
  ];
  return `${lines.join('\n')}\n`;
}
