import { RESULT_COLUMNS, renderCsv, resultRows } from './csv.js';
import { mdText, money, percent, roundish, whole } from './format.js';
import { type Grid, gridMarkdown, gridText } from './grid.js';
import { displayName, shortName } from './result.js';
import { cut, type RunReport, wrap } from './table.js';
import type { Theme } from './theme.js';

/** What compare renders: each run and the label its CSV rows carry. */
export interface CompareItem {
  readonly report: RunReport;
  readonly label: string;
}

/** The yearly decision basis of one option: mean total cost, or mean invoices for a profile decided on spend. */
function basisPerYear(report: RunReport, id: string): number {
  const r = report.result;
  const o = r.options[id]!;
  const h = r.recommendation.basis === 'spend' ? o.horizon_spend : o.horizon_total_cost;
  return (h.mean * 12) / r.settings.months;
}

/** Under a profile's rows: what its saving is and against whom, or that it is too close to call. */
function savingLine(report: RunReport): string {
  const { result } = report;
  const r = result.recommendation;
  const cur = result.profile.currency;
  const perYear = 12 / result.settings.months;
  const name = (id: string) => shortName(id, result.options[id]!.label);
  const amount = (x: number) => money(roundish(x * perYear), cur);
  if (r.too_close) {
    return `too close to call: ${name(r.option)} and ${name(r.runner_up)} differ by ${amount(r.metric_saving)} ± ${amount(2 * r.metric_saving_se)} a year`;
  }
  const what = r.metric === 'mean' ? '' : ` at the ${r.metric.toUpperCase()}`;
  return `★ saves ${amount(r.metric_saving)} ± ${amount(2 * r.metric_saving_se)} a year${what} against the runner-up, ${name(r.runner_up)}`;
}

/**
 * A row per option (and managed tier) of each profile: regular-month P50 and P90 invoices,
 * the yearly decision basis, P(best); the recommended row starred (none when too close);
 * under each profile, its saving against the runner-up, named.
 */
export function compareGrid(items: readonly CompareItem[], markdown: boolean): Grid {
  const cur = items[0]?.report.result.profile.currency ?? 'USD';
  const head = markdown
    ? ['Profile', 'Option', `P50/month (${cur})`, 'P90/month', 'Cost/year', 'P(best)', 'Saving a year vs runner-up (± 2 SE)']
    : ['Profile / option', 'P50/month', 'P90/month', 'Cost/year', 'P(best)'];
  const rows: string[][] = [];
  const marked: boolean[] = [];
  const spans = new Set<number>();
  for (const { report } of items) {
    const { result, model } = report;
    const r = result.recommendation;
    const onInvoices = r.basis === 'spend' ? ' (decided on invoices: Cost/year is invoices)' : '';
    if (!markdown) {
      rows.push([cut(`${result.profile.name}${onInvoices}`, 60), '', '', '', '']);
      marked.push(false);
    }
    Object.entries(result.options).forEach(([id, o], i) => {
      const isRec = id === r.option && !r.too_close;
      const name = `${isRec ? '★ ' : ''}${displayName(id, o.label, model)}`;
      const cells = [whole(o.monthly_spend.p50), whole(o.monthly_spend.p90), whole(basisPerYear(report, id)), percent(o.p_best)];
      if (markdown) {
        const saving = id === r.option ? savingLine(report).replace(/^★ saves /, '') : id === r.runner_up ? 'the runner-up' : '';
        rows.push([i === 0 ? `${result.profile.name}${onInvoices}` : '', name, ...cells, saving]);
      } else rows.push([`  ${cut(name, 28)}`, ...cells]);
      marked.push(isRec);
    });
    if (!markdown) {
      spans.add(rows.length);
      rows.push([`  ${savingLine(report)}`, '', '', '', '']);
      marked.push(false);
    }
  }
  return { head, rows, marked, spans };
}

/** What the columns and the saving lines mean. */
export const COMPARE_NOTE =
  'P50 and P90 are regular monthly invoices (one-off fees left out). Cost/year is the mean yearly total cost — ' +
  "invoices, downtime and losses — which the decision ranks. A saving is the ★ option's mean yearly saving against " +
  'the runner-up named, ± two standard errors of the simulated average (how sure the average is, not a range). ' +
  'P(best) is the share of simulated years in which an option was the cheapest of all.';

export function renderCompareText(items: readonly CompareItem[], theme: Theme): string {
  const cur = items[0]?.report.result.profile.currency ?? 'USD';
  const mixed = items.some((i) => i.report.result.profile.currency !== cur);
  const note = `Money in ${mixed ? "each profile's own currency" : cur}. ${COMPARE_NOTE}`;
  return `${gridText(compareGrid(items, false), theme, 1, false)}\n\n${wrap(note, '', '').map(theme.dim).join('\n')}\n`;
}

export function renderCompareMarkdown(items: readonly CompareItem[]): string {
  return `${gridMarkdown(compareGrid(items, true), 2)}\n\n<sub>${mdText(COMPARE_NOTE)}</sub>\n`;
}

export function renderCompareCsv(items: readonly CompareItem[]): string {
  return renderCsv(
    RESULT_COLUMNS,
    items.flatMap((i) => resultRows(i.report.result, i.label)),
  );
}

export function renderCompareJson(items: readonly CompareItem[]): string {
  return `${JSON.stringify({ schema: 'supportcast/compare@2', results: items.map((i) => i.report.result) }, null, 2)}\n`;
}
