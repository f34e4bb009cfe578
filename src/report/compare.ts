import { RESULT_COLUMNS, renderCsv, resultRows } from './csv.js';
import { percent, whole } from './format.js';
import { type Grid, gridMarkdown, gridText } from './grid.js';
import { displayName } from './result.js';
import { cut, type RunReport } from './table.js';
import type { Theme } from './theme.js';

/** What compare renders: each run and the label its CSV rows carry. */
export interface CompareItem {
  readonly report: RunReport;
  readonly label: string;
}

function savingCell(report: RunReport): string {
  const r = report.result.recommendation;
  if (r.too_close) return 'too close';
  const perYear = 12 / report.result.settings.months;
  return `${whole(r.mean_saving * perYear)} ± ${whole(2 * r.mean_saving_se * perYear)}`;
}

/**
 * One row per profile, then one per option (and managed tier): P50 and P90 monthly spend,
 * P(best), and on the recommended row the mean saving a year against the runner-up.
 */
export function compareGrid(items: readonly CompareItem[], markdown: boolean): Grid {
  const cur = items[0]?.report.result.profile.currency ?? 'USD';
  const head = markdown
    ? ['Profile', 'Option', `P50/month (${cur})`, 'P90/month', 'P(best)', 'Saving a year (± 2 SE)']
    : ['Profile / option', 'P50/month', 'P90/month', 'P(best)', 'Saving/year ± 2 SE'];
  const rows: string[][] = [];
  const marked: boolean[] = [];
  for (const { report } of items) {
    const { result, model } = report;
    if (!markdown) {
      rows.push([cut(result.profile.name, 40), '', '', '', '']);
      marked.push(false);
    }
    Object.entries(result.options).forEach(([id, o], i) => {
      const isRec = id === result.recommendation.option;
      const name = `${isRec ? '★ ' : ''}${displayName(id, o.label, model)}`;
      const cells = [whole(o.monthly_spend.p50), whole(o.monthly_spend.p90), percent(o.p_best), isRec ? savingCell(report) : ''];
      rows.push(markdown ? [i === 0 ? result.profile.name : '', name, ...cells] : [`  ${cut(name, 28)}`, ...cells]);
      marked.push(isRec);
    });
  }
  return { head, rows, marked };
}

export function renderCompareText(items: readonly CompareItem[], theme: Theme): string {
  const cur = items[0]?.report.result.profile.currency ?? 'USD';
  const mixed = items.some((i) => i.report.result.profile.currency !== cur);
  const note = `Monthly spend and savings in ${mixed ? "each profile's own currency" : cur}; ★ marks the recommendation.`;
  return `${gridText(compareGrid(items, false), theme, 1, false)}\n\n${theme.dim(note)}\n`;
}

export function renderCompareMarkdown(items: readonly CompareItem[]): string {
  return `${gridMarkdown(compareGrid(items, true), 2)}\n`;
}

export function renderCompareCsv(items: readonly CompareItem[]): string {
  return renderCsv(
    RESULT_COLUMNS,
    items.flatMap((i) => resultRows(i.report.result, i.label)),
  );
}

export function renderCompareJson(items: readonly CompareItem[]): string {
  return `${JSON.stringify({ schema: 'supportcast/compare@1', results: items.map((i) => i.report.result) }, null, 2)}\n`;
}
