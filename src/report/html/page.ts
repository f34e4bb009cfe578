import type { MonthlyBand } from '../../engine/bands.js';
import type { AssumptionGroup } from '../../shared/assumptions.js';
import { type BreakevenJson, headline as breakevenSentence } from '../breakeven.js';
import { money, percent, roundish, whole } from '../format.js';
import { bareValue, valueText } from '../knob-text.js';
import { displayName, shortName } from '../names.js';
import { inputLabel, type SensitivityJson } from '../sensitivity.js';
import { badYearLine, FOOTNOTE, invoiceLine, oneOffLine, type RunReport, recommendationText } from '../table.js';
import { type BarRow, bandsChart, barChart, distributionChart } from './charts.js';
import { esc } from './escape.js';
import { STYLE } from './style.js';
import { niceDomain } from './svg.js';

/** Everything the client report shows: the run, its monthly bands, the studies, and the profile with its comments. */
export interface ClientReportInput {
  readonly report: RunReport;
  /** Per option id, its bill month by month (month 1 with the one-off fees). */
  readonly bands: Readonly<Record<string, MonthlyBand>>;
  readonly sensitivity: SensitivityJson;
  readonly breakeven: BreakevenJson;
  /** Trials of the studies' runs, which are fewer than the main run's (the page says so). */
  readonly studyTrials: { readonly rerun: number; readonly search: number; readonly polish: number };
  /** Every input in words with the profile's comment for it, and the comment at the top of the file. */
  readonly assumptions: { readonly header: string; readonly groups: readonly AssumptionGroup[] };
  /** The profile's file name without its directories (a path can hold a user name), or null for stdin. */
  readonly fileName: string | null;
  /** --date: printed only when given, so the same inputs give the same bytes. */
  readonly date?: string;
}

/** Rows of the tornado the page shows: the largest swings. */
export const REPORT_TORNADO_ROWS = 8;

interface Table {
  readonly caption: string;
  readonly head: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

function table(t: Table, cls = ''): string {
  const head = `<tr>${t.head.map((h, i) => `<th scope="col"${i > 0 ? ' class="num"' : ''}>${esc(h)}</th>`).join('')}</tr>`;
  const rows = t.rows
    .map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${esc(c)}</th>` : `<td class="num">${esc(c)}</td>`)).join('')}</tr>`)
    .join('');
  return `<table${cls ? ` class="${cls}"` : ''}><caption>${esc(t.caption)}</caption><thead>${head}</thead><tbody>${rows}</tbody></table>`;
}

/** A chart with its numbers: the table is a click away on screen (no script: a details element), and left out of print. */
function figure(id: string, svg: string, caption: string, numbers: Table): string {
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

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function recommendation(input: ClientReportInput): string {
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

function optionName(input: ClientReportInput, id: string): string {
  const o = input.report.result.options[id]!;
  return displayName(id, o.label, input.report.model);
}

function yearlyCosts(input: ClientReportInput): string {
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

function monthlyBills(input: ClientReportInput): string {
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

function savingSplit(input: ClientReportInput): string {
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

function overBudget(input: ClientReportInput): string {
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

function drivers(input: ClientReportInput): string {
  const s = input.sensitivity;
  const b = input.breakeven;
  const cur = s.profile.currency;
  const names = s.options;
  const top = s.inputs.slice(0, REPORT_TORNADO_ROWS);
  const rec = names[s.decision.recommendation]!;
  const ch = names[s.decision.challenger]!;
  const rows: BarRow[] = top.map((x) => {
    const span = x.unit === 'scale' ? 'low to high' : `${bareValue(x.unit, x.low, cur)} to ${bareValue(x.unit, x.high, cur)}`;
    const flip = x.flips && x.flips_to ? ` · ${names[x.flips_to] ?? x.flips_to} wins` : '';
    return {
      label: `${capital(inputLabel(x.path, names))}: ${span}`,
      value: `${compact(x.saving_low, cur)} to ${compact(x.saving_high, cur)}${flip}`,
      from: s.decision.saving,
      to: x.saving_low,
      kind: 'low',
      also: { from: s.decision.saving, to: x.saving_high, kind: 'high' },
    };
  });
  const all = [0, s.decision.saving, ...top.flatMap((x) => [x.saving_low, x.saving_high])];
  const domain = niceDomain(Math.min(...all), Math.max(...all), 4);
  const svg = barChart(
    'chart-tornado',
    `What moves the saving of ${rec} against ${ch} most`,
    `Each input moved to a low and a high value (the dark bar is the low value's saving, the light bar the high value's). ` +
      top.map((x) => `${inputLabel(x.path, names)}: ${money(x.saving_low, cur)} to ${money(x.saving_high, cur)}`).join('; ') +
      '.',
    rows,
    domain,
    [
      { at: s.decision.saving, label: `now: ${compact(s.decision.saving, cur)} a year`, kind: 'now' },
      { at: 0, label: 'below 0: the other option wins', kind: 'zero' },
    ],
  );
  const entries = b.results.filter((e) => e.metric === b.decision.metric);
  const reduced =
    `The inputs were each rerun on ${whole(input.studyTrials.rerun)} trials and the break-even values searched on ${whole(input.studyTrials.search)} ` +
    `and checked on ${whole(input.studyTrials.polish)}, fewer than the ${whole(input.report.result.settings.trials)} above, to keep the report quick: ` +
    'treat them as close estimates (± is two standard errors).';
  return (
    '<section id="drivers"><h2>What drives the answer</h2>' +
    `<p>Each input moved on its own, to its own P10 and P90 when it is uncertain, else by ${Math.round(s.settings.swing * 100)}% each way; ` +
    `the bars show the yearly saving of ${esc(rec)} against ${esc(ch)} that results.</p>` +
    figure(
      'fig-tornado',
      svg,
      'The inputs that move the saving most, largest first. Dark bars: the input at its low value; light bars: at its high value.',
      {
        caption: `Saving a year of ${rec} against ${ch}, with each input low and high`,
        head: ['Input', 'Low', 'High', 'Saving low', 'Saving high'],
        rows: top.map((x) => [
          inputLabel(x.path, names),
          x.unit === 'scale' ? 'low' : bareValue(x.unit, x.low, cur),
          x.unit === 'scale' ? 'high' : bareValue(x.unit, x.high, cur),
          money(x.saving_low, cur),
          money(x.saving_high, cur),
        ]),
      },
    ) +
    '<h3>Where the recommendation changes</h3>' +
    `<ul class="breakeven">${entries
      .map(
        (e) =>
          `<li><strong>${esc(capital(inputLabel(e.path, names)))}</strong>, now ${esc(valueText(e.path, e.unit, e.base, cur))}: ${esc(breakevenSentence(b, e))}</li>`,
      )
      .join('')}</ul>` +
    `<p class="muted">${esc(reduced)}</p></section>`
  );
}

function assumptions(input: ClientReportInput): string {
  const { groups, header: top } = input.assumptions;
  const header = top ? `<p class="muted">${esc(top)}</p>` : '';
  // One small table per group: on paper they flow in two columns, each kept whole.
  const body = groups
    .filter((g) => g.rows.length > 0)
    .map(
      (g) =>
        `<table class="inputs"><caption>${esc(g.title)}</caption><tbody>` +
        g.rows
          .map(
            (r) =>
              `<tr><th scope="row">${esc(r.label)}</th><td>${esc(r.value)}` +
              `${r.comment ? `<span class="source">${esc(r.comment)}</span>` : ''}</td></tr>`,
          )
          .join('') +
        '</tbody></table>',
    )
    .join('');
  const sets = input.report.result.settings.overrides;
  const changed = sets.length > 0 ? `<p>Changed for this report: ${sets.map((x) => `<code>${esc(x)}</code>`).join(', ')}.</p>` : '';
  return (
    '<section id="assumptions"><h2>What we assumed</h2>' +
    header +
    changed +
    '<p>Every input of the profile, with the note the profile gives for it (in grey): where a figure comes from, or why it was chosen.</p>' +
    `<div class="groups">${body}</div></section>`
  );
}

function howToRead(): string {
  return (
    '<section id="reading"><h2>How to read this</h2>' +
    '<p>Every figure comes from simulating the business thousands of times, month by month, with the incidents drawn at random at the rates above. ' +
    'P10, P50 and P90 are the values 10%, 50% and 90% of simulated years stay below: one year in ten costs more than the P90. ' +
    `${esc(FOOTNOTE)}</p></section>`
  );
}

function manifest(input: ClientReportInput): string {
  const r = input.report.result;
  const s = r.settings;
  const items: [string, string][] = [
    ['Tool', `supportcast ${r.tool.version}`],
    ['Profile', r.profile.name],
    ['File', input.fileName ?? 'standard input'],
    ['SHA-256', r.profile.sha256],
    ['Seed', String(s.seed)],
    ['Trials', whole(s.trials)],
    ['Months', String(s.months)],
    ...(s.overrides.length > 0 ? ([['Changes (--set)', s.overrides.join(' ')]] as [string, string][]) : []),
    ...(input.date ? ([['Date', input.date]] as [string, string][]) : []),
  ];
  const again = `supportcast report ${input.fileName ?? '-'} --seed ${s.seed} --trials ${s.trials}${s.months !== 12 ? ` --months ${s.months}` : ''}${s.overrides.map((o) => ` --set ${o}`).join('')}`;
  return (
    '<footer id="manifest"><h2>How this was made</h2><dl>' +
    items.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('') +
    `</dl><p class="muted">The same profile, seed and trials give the same numbers: <code>${esc(again)}</code></p></footer>`
  );
}

/** The whole client report: one HTML document, no script, no request for anything outside it. */
export function renderClientReport(input: ClientReportInput): string {
  const r = input.report.result;
  const org = input.report.model.organization;
  const size = `${whole(org.employees)} staff · ${whole(org.devices)} devices · ${whole(org.servers)} servers · ${whole(org.sites)} ${org.sites === 1 ? 'site' : 'sites'}`;
  const title = `IT support for ${r.profile.name}: what it will really cost`;
  return (
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    // No request may leave the file: the policy says so to the browser as well.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">` +
    `<meta name="generator" content="supportcast ${esc(r.tool.version)}">` +
    `<title>${esc(title)}</title><style>${STYLE}</style></head><body><main>` +
    `<header><h1>${esc(title)}</h1><p class="muted">${esc(size)}${input.date ? ` · ${esc(input.date)}` : ''}</p></header>` +
    recommendation(input) +
    yearlyCosts(input) +
    monthlyBills(input) +
    savingSplit(input) +
    overBudget(input) +
    drivers(input) +
    assumptions(input) +
    howToRead() +
    manifest(input) +
    '</main></body></html>\n'
  );
}
