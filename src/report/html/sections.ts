import type { MonthlyBand } from '../../engine/bands.js';
import { money, percent, roundish, whole } from '../format.js';
import { badYearLine, invoiceLine, oneOffLine, type RunReport, recommendationText } from '../lines.js';
import { displayName, shortName } from '../names.js';
import { type BarRow, bandsChart, barChart, distributionChart } from './charts.js';
import { esc } from './escape.js';
import { niceDomain } from './svg.js';

/**
 * The sections of the client page that one run determines: the recommendation and the charts
 * of costs, bills, the saving's split and the budget. The page renders them once; the live
 * what-if panel's worker renders them again for each change (so they import no table library
 * and nothing of Node).
 */

/** What these sections show: the run, and each option's bill month by month (month 1 with the one-off fees). */
export interface SectionInput {
  readonly report: RunReport;
  /** Per option id, its bill month by month. */
  readonly bands: Readonly<Record<string, MonthlyBand>>;
}

export interface Table {
  readonly caption: string;
  readonly head: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export function table(t: Table, cls = ''): string {
  const head = `<tr>${t.head.map((h, i) => `<th scope="col"${i > 0 ? ' class="num"' : ''}>${esc(h)}</th>`).join('')}</tr>`;
  const rows = t.rows
    .map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${esc(c)}</th>` : `<td class="num">${esc(c)}</td>`)).join('')}</tr>`)
    .join('');
  return `<table${cls ? ` class="${cls}"` : ''}><caption>${esc(t.caption)}</caption><thead>${head}</thead><tbody>${rows}</tbody></table>`;
}

/** A chart with its numbers: the table is a click away on screen (no script: a details element), and left out of print. */
export function figure(id: string, svg: string, caption: string, numbers: Table): string {
  return (
    `<figure id="${id}">${svg}<figcaption>${esc(caption)}</figcaption>` +
    `<details><summary>The numbers behind this chart</summary>${table(numbers)}</details></figure>`
  );
}

/** "$158k", "$1.2M", "$950": axis and bar labels short enough for a phone. */
export function compact(x: number, currency: string): string {
  const a = Math.abs(x);
  const sign = x < 0 ? '−' : '';
  const symbol = money(0, currency).replace(/0/g, '');
  if (a >= 1e6) return `${sign}${symbol}${Number((a / 1e6).toPrecision(3))}M`;
  if (a >= 1e3) return `${sign}${symbol}${Number((a / 1e3).toPrecision(3))}k`;
  return `${sign}${money(a, currency)}`;
}

export const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function recommendation(input: SectionInput): string {
  const { report } = input;
  const r = report.result.recommendation;
  const { headline } = recommendationText(report);
  const basis = r.basis === 'spend' ? 'on invoices alone' : 'on total cost: invoices, downtime and losses';
  const head = r.too_close
    ? `<p class="headline warn">Too close to call</p>`
    : `<p class="headline">We recommend <strong>${esc(headline)}</strong> <span class="muted">(${esc(basis)})</span></p>`;
  const lines = [invoiceLine(report), oneOffLine(report), badYearLine(report.model)].filter((l): l is string => l !== undefined);
  return (
    `<section id="recommendation"><h2>Recommendation</h2>${head}` +
    `<ol class="reasons">${r.reasons.map((s) => `<li>${esc(s)}</li>`).join('')}</ol>` +
    lines.map((l) => `<p class="muted">${esc(l)}</p>`).join('') +
    '</section>'
  );
}

function optionName(input: SectionInput, id: string): string {
  const o = input.report.result.options[id]!;
  return displayName(id, o.label, input.report.model);
}

export function yearlyCosts(input: SectionInput): string {
  const { result } = input.report;
  const cur = result.profile.currency;
  const perYear = 12 / result.settings.months;
  const ids = Object.keys(result.options);
  const rows = ids.map((id) => {
    const s = result.options[id]!.horizon_total_cost;
    return {
      name: optionName(input, id),
      counts: result.histogram.counts[id]!,
      p10: s.p10 * perYear,
      p50: s.p50 * perYear,
      p90: s.p90 * perYear,
      mean: s.mean * perYear,
    };
  });
  const svg = distributionChart('chart-yearly', rows, result.histogram.edges, (x) => compact(x, cur));
  const numbers: Table = {
    caption: 'Yearly cost with downtime and losses',
    head: ['Option', 'P10', 'P50', 'P90', 'Mean', 'P(best)'],
    rows: ids.map((id, i) => {
      const r = rows[i]!;
      return [r.name, ...[r.p10, r.p50, r.p90, r.mean].map((x) => money(x, cur)), percent(result.options[id]!.p_best)];
    }),
  };
  const years = result.settings.months === 12 ? 'year' : `${result.settings.months}-month period, per year`;
  return (
    '<section id="yearly"><h2>What each option costs in a year</h2>' +
    `<p>Invoices plus the cost of staff time lost to downtime and of losses, in each of ${whole(result.settings.trials)} simulated ${years}s. ` +
    'Bars show how often each cost came up; the line runs from P10 to P90 with the dot at P50.</p>' +
    figure('fig-yearly', svg, 'Yearly cost: a narrow shape is a predictable cost, a long tail is risk.', numbers) +
    '</section>'
  );
}

export function monthlyBills(input: SectionInput): string {
  const { result, model } = input.report;
  const cur = result.profile.currency;
  const months = result.settings.months;
  const ids = Object.keys(result.options);
  const panels = ids.map((id) => {
    const b = input.bands[id]!;
    const oneOff = result.options[id]!.one_off_spend.mean;
    return { name: optionName(input, id), ...b, ...(oneOff >= 0.5 ? { note: `month 1: onboarding ${compact(oneOff, cur)}` } : {}) };
  });
  const svg = bandsChart('chart-monthly', panels, months, (x) => compact(x, cur), model.budgetMonthly);
  const numbers: Table = {
    caption: 'The monthly bill: P10, P50 and P90 in each month',
    head: ['Month', ...ids.flatMap((id) => [`${shortName(id, result.options[id]!.label)} P10`, 'P50', 'P90'])],
    rows: Array.from({ length: months }, (_, m) => [
      String(m + 1),
      ...ids.flatMap((id) => [input.bands[id]!.p10[m]!, input.bands[id]!.p50[m]!, input.bands[id]!.p90[m]!].map((x) => money(x, cur))),
    ]),
  };
  return (
    '<section id="monthly"><h2>The monthly bill</h2>' +
    '<p>What each option invoices month by month: the band holds the middle 80% of simulated months, the line is the typical month. ' +
    'One-off fees fall in month 1; yearly price increases show as steps.</p>' +
    figure('fig-monthly', svg, 'The monthly bill from P10 to P90, the line at P50.', numbers) +
    '</section>'
  );
}

const PARTS = [
  ['spend', 'Invoices'],
  ['downtime_cost', 'Downtime'],
  ['direct_cost', 'Losses'],
] as const;

function lessMore(x: number, cur: string): string {
  const v = money(roundish(Math.abs(x)), cur);
  return Math.abs(x) < 0.5 ? 'the same' : x > 0 ? `${v} less` : `${v} more`;
}

export function savingSplit(input: SectionInput): string {
  const { result } = input.report;
  const cur = result.profile.currency;
  const perYear = 12 / result.settings.months;
  const rec = result.recommendation;
  const against = Object.keys(rec.versus);
  // The chart compares with the options the reasons name (the runner-up, and break-fix); the table has them all.
  const charted = new Set([rec.runner_up, ...(rec.option === 'break_fix' ? [] : ['break_fix'])]);
  const rows: BarRow[] = [];
  const tableRows: string[][] = [];
  for (const id of against) {
    const v = rec.versus[id]!;
    const vs = shortName(id, result.options[id]!.label);
    const parts = PARTS.map(([key, label]) => ({ label, value: v.components[key] * perYear }));
    const total = v.mean_saving * perYear;
    if (charted.has(id)) {
      for (const p of parts)
        rows.push({
          label: `vs ${vs}: ${p.label}`,
          value: lessMore(p.value, cur),
          from: 0,
          to: p.value,
          kind: p.value >= 0 ? 'less' : 'more',
        });
      rows.push({ label: `vs ${vs}: in all`, value: lessMore(total, cur), from: 0, to: total, kind: total >= 0 ? 'total' : 'more' });
    }
    tableRows.push([`Against ${vs}`, ...parts.map((p) => money(p.value, cur)), money(total, cur)]);
  }
  const values = rows.flatMap((r) => [r.to]);
  const domain = niceDomain(Math.min(...values), Math.max(...values), 4);
  const name = shortName(rec.option, result.options[rec.option]!.label);
  const svg = barChart(
    'chart-split',
    `What ${name} costs a year against each other option`,
    `Against ${[...charted].map((id) => shortName(id, result.options[id]!.label)).join(' and ')}: invoices, downtime and losses a year with ${name}, less (bar to the right) or more (to the left). ` +
      tableRows
        .filter((_, i) => charted.has(against[i]!))
        .map((r) => `${r[0]}: invoices ${r[1]}, downtime ${r[2]}, losses ${r[3]}, in all ${r[4]}`)
        .join('; ') +
      '.',
    rows,
    domain,
    [{ at: 0, label: 'no difference', kind: 'zero' }],
  );
  return (
    '<section id="split"><h2>What the saving is made of</h2>' +
    `<p>With ${esc(name)}, each part a year: invoices, downtime (the staff time lost, at its cost) and losses (repairs, parts, ransom and other direct costs). ` +
    'Solid bars to the right are money saved, hollow bars to the left money spent on top.</p>' +
    figure('fig-split', svg, 'The saving split into invoices, downtime and losses (a year, on average).', {
      caption: `A year with ${name}: positive is a saving`,
      head: ['Against', 'Invoices', 'Downtime', 'Losses', 'In all'],
      rows: tableRows,
    }) +
    '</section>'
  );
}

export function overBudget(input: SectionInput): string {
  const { result, model } = input.report;
  const budget = model.budgetMonthly;
  if (budget === undefined) return '';
  const cur = result.profile.currency;
  const ids = Object.keys(result.options);
  const shares = ids.map((id) => result.options[id]!.p_month_over_budget ?? 0);
  const top = niceDomain(0, Math.max(0.01, ...shares), 4)[1];
  const rows: BarRow[] = ids.map((id, i) => ({
    label: optionName(input, id),
    value: percent(shares[i]!),
    from: 0,
    to: shares[i]!,
    kind: 'over',
  }));
  const svg = barChart(
    'chart-budget',
    `Share of regular months over the ${money(budget, cur)} budget`,
    ids.map((id, i) => `${optionName(input, id)}: ${percent(shares[i]!)}`).join('; '),
    rows,
    [0, top],
  );
  return (
    '<section id="budget"><h2>Months over budget</h2>' +
    `<p>How often a regular month's bill is above the ${esc(money(budget, cur))} budget (one-off fees left out).</p>` +
    figure('fig-budget', svg, `Regular months over the ${money(budget, cur)} budget.`, {
      caption: 'Share of regular months over budget',
      head: ['Option', 'Months over budget'],
      rows: ids.map((id, i) => [optionName(input, id), percent(shares[i]!)]),
    }) +
    '</section>'
  );
}
