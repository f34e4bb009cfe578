import type { Model } from '../engine/model.js';
import { money, percent, plural, printable, whole } from './format.js';
import { type Grid, gridText } from './grid.js';
import { displayName, type ResultJson, shortName } from './result.js';
import type { Theme } from './theme.js';

/** Prose is wrapped to this width so it reads on an 80-column terminal. */
export const TEXT_WIDTH = 78;
/** Long labels are cut so tables stay within 80 columns. */
const LABEL_WIDTH = 28;

/** What the renderers need beyond the JSON result. */
export interface RunReport {
  readonly result: ResultJson;
  readonly model: Model;
  /** The profile as the user named it, or a note such as "… (bundled)". */
  readonly source: string;
}

export function cut(label: string, width = LABEL_WIDTH): string {
  return label.length <= width ? label : `${label.slice(0, width - 1)}…`;
}

/** What was run, on what, with which seed: enough to reproduce it. */
export function headerLines(report: RunReport): string[] {
  const { result, model } = report;
  const org = model.organization;
  const s = result.settings;
  const runs = s.months === 12 ? `${whole(s.trials)} simulated years` : `${whole(s.trials)} simulated ${s.months}-month periods`;
  const who = `supportcast ${result.tool.version} · ${result.profile.name}`;
  const size =
    `${plural(org.employees, 'staff', 'staff')}, ${plural(org.devices, 'device')}, ` +
    `${plural(org.servers, 'server')}, ${plural(org.sites, 'site')}`;
  const set = s.overrides.length > 0 ? ` · --set ${s.overrides.join(' ')}` : '';
  // The file name and the --set arguments come from the command line: never raw to a terminal.
  const run = printable(`${runs} · seed ${s.seed} · ${report.source}${set}`);

  // One line when it fits an 80-column terminal, else the business's size moves down.
  return who.length + size.length + 3 <= 80 ? [`${who} · ${size}`, run] : [who, size, run];
}

function optionGrid(report: RunReport, head: string[], cells: (id: string) => string[]): Grid {
  const { result, model } = report;
  const ids = Object.keys(result.options);
  return {
    head,
    rows: ids.map((id) => [cut(displayName(id, result.options[id]!.label, model)), ...cells(id)]),
    marked: ids.map((id) => id === result.recommendation.option),
  };
}

export function monthlyGrid(report: RunReport): Grid {
  const { result } = report;
  return optionGrid(report, [`Monthly invoice (${result.profile.currency})`, 'P10', 'P50', 'P90', 'P99', 'mean'], (id) => {
    const m = result.options[id]!.monthly_spend;
    return [m.p10, m.p50, m.p90, m.p99, m.mean].map(whole);
  });
}

/**
 * The horizon's cost as a yearly figure (× 12 / months), so every table and sentence speaks
 * of "a year"; for a 12-month horizon that is the horizon itself.
 */
export function horizonGrid(report: RunReport): Grid {
  const { result } = report;
  const months = result.settings.months;
  const perYear = 12 / months;
  const spendBasis = result.recommendation.basis === 'spend';
  // Short titles: seven-digit yearly costs must still fit 80 columns.
  const title = spendBasis ? 'Invoices a year' : 'Yearly cost with downtime';
  return optionGrid(report, [title, 'P10', 'P50', 'P90', 'mean', 'P(best)'], (id) => {
    const o = result.options[id]!;
    const h = spendBasis ? o.horizon_spend : o.horizon_total_cost;
    return [...[h.p10, h.p50, h.p90, h.mean].map((v) => whole(v * perYear)), percent(o.p_best)];
  });
}

/** For horizons other than 12 months, what the yearly figures are. */
export function horizonNote(report: RunReport): string | undefined {
  const months = report.result.settings.months;
  return months === 12 ? undefined : `Yearly figures average each simulated ${months}-month period.`;
}

export function budgetLine(report: RunReport): string | undefined {
  const { result, model } = report;
  if (model.budgetMonthly === undefined) return undefined;
  // Tier labels alone ("Essentials") keep the line short and still tell tiers apart.
  const parts = Object.entries(result.options).map(([id, o]) => `${shortName(id, o.label)} ${percent(o.p_month_over_budget ?? 0)}`);
  return `Months over the ${money(model.budgetMonthly, result.profile.currency)} budget: ${parts.join(' · ')}`;
}

/** The recommendation's headline ("Managed · Complete", or the too-close sentence) and its reasons. */
export function recommendationText(report: RunReport): { headline: string; reasons: string[] } {
  const { result, model } = report;
  const r = result.recommendation;
  const [first, ...rest] = r.reasons.map(lowerFirst);
  if (r.too_close) return { headline: first ?? '', reasons: rest };
  return { headline: displayName(r.option, result.options[r.option]!.label, model), reasons: r.reasons.map(lowerFirst) };
}

/** Lower-cases a leading verb ("Saves", "The", "Too"), never an option's name. */
function lowerFirst(s: string): string {
  return /^(Saves|The|Too) /.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s;
}

/** Greedy word wrap: the first line starts with `first`, the rest with `rest`; "± $900" stays together. */
export function wrap(text: string, first: string, rest: string, width = TEXT_WIDTH): string[] {
  const lines: string[] = [];
  let line = first;
  for (const word of text
    .replace(/± /g, '±\u00a0')
    .split(' ')
    .map((w) => w.replace('\u00a0', ' '))) {
    const fresh = line === first || line === rest;
    if (!fresh && line.length + 1 + word.length > width) {
      lines.push(line);
      line = rest + word;
    } else line = fresh ? line + word : `${line} ${word}`;
  }
  lines.push(line);
  return lines;
}

function recommendationLines(report: RunReport, theme: Theme): string[] {
  const { headline, reasons } = recommendationText(report);
  const bullets = reasons.flatMap((x) => wrap(x, '  · ', '    '));
  const label = 'Recommendation:';
  if (report.result.recommendation.too_close) {
    const [head, ...more] = wrap(headline, `${label} `, '  ');
    return [`${theme.heading(label)}${theme.warn(head!.slice(label.length))}`, ...more.map(theme.warn), ...bullets];
  }
  return [`${theme.heading(label)} ${theme.highlight(headline)}`, ...bullets];
}

/** The consultant's view: what was run, two tables, the recommendation and why. */
export function renderTable(report: RunReport, theme: Theme): string {
  const budget = budgetLine(report);
  const note = horizonNote(report);
  const lines = [
    ...headerLines(report).map((l, i) => (i === 0 ? theme.heading(l) : theme.dim(l))),
    '',
    gridText(monthlyGrid(report), theme),
    '',
    gridText(horizonGrid(report), theme),
    ...(note ? [theme.dim(note)] : []),
    ...(budget ? ['', ...wrap(budget, '', '  ')] : []),
    '',
    ...recommendationLines(report, theme),
  ];
  return `${lines.join('\n')}\n`;
}
