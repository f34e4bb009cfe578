import { explainLines } from './explain.js';
import { cutTo, money, percent, plural, printable, whole } from './format.js';
import { type Grid, gridText } from './grid.js';
import { badYearLine, budgetLine, FOOTNOTE, invoiceLine, oneOffLine, type RunReport, recommendationText } from './lines.js';
import { histogramLines, worstMonthLine } from './pictures.js';
import { displayName } from './result.js';
import type { Theme } from './theme.js';

export { badYearLine, budgetLine, FOOTNOTE, invoiceLine, oneOffLine, type RunReport, recommendationText } from './lines.js';

/** Prose is wrapped to this width so it reads on an 80-column terminal. */
export const TEXT_WIDTH = 78;
/** Long labels are cut so tables stay within 80 columns. */
const LABEL_WIDTH = 28;

export function cut(label: string, width = LABEL_WIDTH): string {
  return cutTo(label, width);
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
  const cur = result.profile.currency;
  const p = s.precision;
  const precise = p
    ? ` to --precision ${p.requested} (SE ${money(p.se, cur)} a year${p.met ? '' : `, short of ${money(p.target, cur)}`})`
    : '';
  // The file name and the --set arguments come from the command line: never raw to a terminal.
  const run = printable(`${runs}${precise} · seed ${s.seed} · ${report.source}${set}`);

  // One line when it fits an 80-column terminal, else the business's size moves down.
  const lines = who.length + size.length + 3 <= 80 ? [`${who} · ${size}`, run] : [who, size, run];
  const bad = badYearLine(model);
  return bad ? [...lines, bad] : lines;
}

/** Each option's name as the tables show it. */
export function optionNames(report: RunReport): Record<string, string> {
  const { result, model } = report;
  return Object.fromEntries(Object.entries(result.options).map(([id, o]) => [id, cut(displayName(id, o.label, model))]));
}

function optionGrid(report: RunReport, head: string[], cells: (id: string) => string[]): Grid {
  const { result, model } = report;
  const ids = Object.keys(result.options);
  return {
    head,
    rows: ids.map((id) => [cut(displayName(id, result.options[id]!.label, model)), ...cells(id)]),
    // When the call is too close, no row is singled out.
    marked: ids.map((id) => id === result.recommendation.option && !result.recommendation.too_close),
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
  const invoices = invoiceLine(report);
  const besides = invoices ? wrap(invoices, '', '  ').map(theme.dim) : [];
  const label = 'Recommendation:';
  if (report.result.recommendation.too_close) {
    const [head, ...more] = wrap(headline, `${label} `, '  ');
    return [`${theme.heading(label)}${theme.warn(head!.slice(label.length))}`, ...more.map(theme.warn), ...besides, ...bullets];
  }
  const basis = report.result.recommendation.basis === 'spend' ? 'on invoices' : 'on total cost';
  return [`${theme.heading(label)} ${theme.highlight(headline)} ${theme.dim(`(${basis})`)}`, ...besides, ...bullets];
}

/** The consultant's view: what was run, two tables, the recommendation and why. */
export function renderTable(report: RunReport, theme: Theme): string {
  const budget = budgetLine(report);
  const note = horizonNote(report);
  const oneOff = oneOffLine(report);
  const worst = worstMonthLine(report);
  const lines = [
    ...headerLines(report).map((l, i) => (i === 0 ? theme.heading(l) : theme.dim(l))),
    '',
    gridText(monthlyGrid(report), theme),
    ...(oneOff ? wrap(oneOff, '', '  ').map(theme.dim) : []),
    '',
    gridText(horizonGrid(report), theme),
    ...(note ? [theme.dim(note)] : []),
    '',
    ...histogramLines(report, theme),
    ...(budget ? ['', ...wrap(budget, '', '  ')] : []),
    ...(worst ? wrap(worst, '', '  ') : []),
    ...explainLines(report.result, optionNames(report), theme),
    '',
    ...recommendationLines(report, theme),
    '',
    ...wrap(FOOTNOTE, '', '').map(theme.dim),
  ];
  return `${lines.join('\n')}\n`;
}
