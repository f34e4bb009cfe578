import type { AssumptionGroup } from '../../shared/assumptions.js';
import { controlText, type LiveConfig } from '../../shared/controls.js';
import { type BreakevenJson, headline as breakevenSentence } from '../breakeven.js';
import { money, whole } from '../format.js';
import { bareValue, valueText } from '../knob-text.js';
import { FOOTNOTE } from '../lines.js';
import { inputLabel, type SensitivityJson } from '../sensitivity.js';
import { type BarRow, barChart } from './charts.js';
import { esc } from './escape.js';
import {
  capital,
  compact,
  figure,
  monthlyBills,
  overBudget,
  recommendation,
  type SectionInput,
  savingSplit,
  yearlyCosts,
} from './sections.js';
import { LIVE_STYLE, STYLE } from './style.js';
import { niceDomain } from './svg.js';

/** Everything the client report shows: the run, its monthly bands, the studies, and the profile with its comments. */
export interface ClientReportInput extends SectionInput {
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
  /** --live: the what-if panel, its controls and the scripts that run the model in the page. */
  readonly live?: LivePage;
}

/** What --live adds: the controls, the panel's configuration (JSON) and the two browser scripts (dist/web). */
export interface LivePage {
  readonly config: LiveConfig;
  /** JSON the panel reads: the controls, the profile's text, the settings, the command to reproduce. */
  readonly json: string;
  readonly worker: string;
  readonly panel: string;
}

/** JSON inside a script element: every `<` as \u003c, so no `</script` or `<!--` can end or bend it. */
export function jsonScriptText(json: string): string {
  return json.replace(/</g, '\\u003c');
}

/**
 * Text inside a script element ends only at `</script`: written `<\/script`, which means the
 * same in JavaScript. Control characters (minified libraries keep some inside string and regex
 * literals, the only places JavaScript allows them) become \u escapes, which HTML accepts.
 */
export function scriptText(js: string): string {
  return (
    js
      .replace(/<\/(script)/gi, '<\\/$1')
      .replace(/<!--/g, '<\\!--')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
  );
}

function whatIf(live: LivePage): string {
  const cur = live.config.currency;
  const rows = live.config.controls
    .map(
      (c, i) =>
        `<div class="control"><label for="ctl-${i}">${esc(c.label)}</label> <output id="out-${i}" for="ctl-${i}">${esc(controlText(c, c.value, cur))}</output>` +
        `<input type="range" id="ctl-${i}" min="${c.min}" max="${c.max}" step="${c.step}" value="${c.value}"></div>`,
    )
    .join('');
  return (
    '<aside id="whatif" hidden aria-label="What if"><h2>What if…</h2>' +
    '<p class="muted">Move a control and let go: the model reruns here in the browser (nothing leaves it), on the same random numbers — ' +
    'a first answer from 1,024 trials, then finer, up to the report’s.</p>' +
    '<p id="whatif-status" aria-live="polite">The profile as sent.</p>' +
    '<p class="buttons"><button type="button" id="whatif-reset">Reset</button> <button type="button" id="whatif-download">Download profile</button></p>' +
    `<form id="whatif-form">${rows}</form>` +
    '<p class="muted">The same numbers from the command line: <code id="whatif-command"></code></p></aside>'
  );
}

const STALE = '<p class="stale" hidden>For the profile as sent: the what-if panel does not rerun this section.</p>';

/** Rows of the tornado the page shows: the largest swings. */
export const REPORT_TORNADO_ROWS = 8;

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
    (input.live ? STALE : '') +
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
    (input.live ? STALE : '') +
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
    // No request may leave the file: the policy says so to the browser as well. The live page runs its own inline scripts and a worker made from one.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:${input.live ? "; script-src 'unsafe-inline'; worker-src blob:" : ''}">` +
    `<meta name="generator" content="supportcast ${esc(r.tool.version)}">` +
    `<title>${esc(title)}</title><style>${STYLE}${input.live ? LIVE_STYLE : ''}</style></head><body${input.live ? ' class="live"' : ''}><main>` +
    `<header><h1>${esc(title)}</h1><p class="muted">${esc(size)}${input.date ? ` · ${esc(input.date)}` : ''}</p></header>` +
    (input.live ? whatIf(input.live) : '') +
    recommendation(input) +
    yearlyCosts(input) +
    monthlyBills(input) +
    savingSplit(input) +
    overBudget(input) +
    drivers(input) +
    assumptions(input) +
    howToRead() +
    manifest(input) +
    '</main>' +
    (input.live
      ? `<script type="application/json" id="live-config">${jsonScriptText(input.live.json)}</script>` +
        `<script type="text/plain" id="live-worker">${scriptText(input.live.worker)}</script>` +
        `<script>${scriptText(input.live.panel)}</script>`
      : '') +
    '</body></html>\n'
  );
}
