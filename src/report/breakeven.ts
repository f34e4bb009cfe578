import type { Metric } from '../engine/model.js';
import type { KnobUnit } from '../shared/units.js';
import { type Cell, renderCsv } from './csv.js';
import { mdCode, mdText, printable } from './format.js';
import { gridMarkdown, type MarkdownGrid } from './grid.js';
import { bareValue, plusMinus, valueText } from './knob-text.js';
import { wrap } from './table.js';
import type { Theme } from './theme.js';

/** One input at one metric: where the recommendation changes, and to what. */
export interface BreakevenEntry {
  path: string;
  metric: Metric;
  unit: KnobUnit;
  integer: boolean;
  /** The input's value in the profile (an uncertain amount's mean). */
  base: number;
  /** The break-even value, or null when the recommendation does not change in `searched`. */
  value: number | null;
  /** Its Monte Carlo standard error (the delta method), or null with no value. */
  se: number | null;
  /** The option winning below and above the value (the same one when nothing changes). */
  below: string;
  above: string;
  /** The --set argument that puts the input at the value. */
  set: string | null;
  searched: [number, number];
  /** Simulation runs the search took (each on the search trials, plus the polish). */
  evaluations: number;
}

/** A path that could not be tried, and why. */
export interface BreakevenSkip {
  path: string;
  message: string;
}

/** `supportcast/breakeven@1` (schema/breakeven.schema.json). */
export interface BreakevenJson {
  schema: 'supportcast/breakeven@1';
  tool: { name: 'supportcast'; version: string };
  profile: { name: string; file: string | null; sha256: string; currency: string };
  settings: { trials: number; search_trials: number; months: number; seed: number; overrides: string[] };
  decision: { basis: 'total_cost' | 'spend'; metric: Metric; recommendation: string };
  /** Every option's name as the tables show it. */
  options: Record<string, string>;
  results: BreakevenEntry[];
}

const METRIC_NAME: Record<Metric, string> = { mean: 'mean', p50: 'P50', p90: 'P90' };

/** A whole-number input changes between two whole numbers: the last one on the base's side is the one to quote. */
function quoted(e: BreakevenEntry, up: boolean): number {
  const v = e.value ?? e.base;
  return e.integer ? (up ? Math.floor(v) : Math.ceil(v)) : v;
}

/** "Managed · All-inclusive stays the better buy up to $212 a seat a month (± $6); above that, Hybrid." */
export function headline(b: BreakevenJson, e: BreakevenEntry): string {
  const cur = b.profile.currency;
  const name = (id: string) => b.options[id] ?? id;
  if (e.value === null) {
    const [lo, hi] = e.searched;
    return `${name(e.below)} stays the better buy everywhere from ${bareValue(e.unit, lo, cur)} to ${bareValue(e.unit, hi, cur)}: no change of recommendation.`;
  }
  const up = e.value >= e.base;
  const keeps = up ? e.below : e.above;
  const other = up ? e.above : e.below;
  const pm = e.se === null ? '' : ` (${plusMinus(e.unit, 2 * e.se, cur)})`;
  const at = valueText(e.path, e.unit, quoted(e, up), cur, e.se === null ? undefined : 2 * e.se);
  return `${name(keeps)} stays the better buy ${up ? 'up' : 'down'} to ${at}${pm}; ${up ? 'above' : 'below'} that, ${name(other)}.`;
}

/** "managed.per_employee, now $175 a seat a month". */
export function inputLine(b: BreakevenJson, e: BreakevenEntry): string {
  return `${e.path}, now ${valueText(e.path, e.unit, e.base, b.profile.currency)}`;
}

function cell(b: BreakevenJson, e: BreakevenEntry): string {
  if (e.value === null) return 'no change';
  const cur = b.profile.currency;
  const pm = e.se === null ? '' : ` ${plusMinus(e.unit, 2 * e.se, cur)}`;
  const up = e.value >= e.base;
  return `${bareValue(e.unit, quoted(e, up), cur, e.se === null ? undefined : 2 * e.se)}${pm}`;
}

/** Entries grouped by input, in the order they were asked for. */
function byPath(b: BreakevenJson): BreakevenEntry[][] {
  const groups = new Map<string, BreakevenEntry[]>();
  for (const e of b.results) groups.set(e.path, [...(groups.get(e.path) ?? []), e]);
  return [...groups.values()];
}

function headerLines(b: BreakevenJson): string[] {
  const s = b.settings;
  const set = s.overrides.length > 0 ? ` · --set ${s.overrides.join(' ')}` : '';
  return [
    `supportcast ${b.tool.version} · ${b.profile.name} · break-even`,
    printable(
      `${s.trials.toLocaleString('en-US')} simulated ${s.months === 12 ? 'years' : `${s.months}-month periods`} (searches on ${s.search_trials.toLocaleString('en-US')}) · seed ${s.seed} · ${b.profile.file ?? '<stdin>'}${set}`,
    ),
  ];
}

export const BREAKEVEN_NOTE =
  'Each value is where the recommendation changes when only that input moves, rerun on the same random numbers; ' +
  '± is two standard errors of the simulation. "no change": the same option wins over the whole range searched.';

export function renderBreakevenText(b: BreakevenJson, theme: Theme): string {
  const decided = b.decision.metric;
  const lines = [...headerLines(b).map((l, i) => (i === 0 ? theme.heading(l) : theme.dim(l))), ''];
  for (const group of byPath(b)) {
    const main = group.find((e) => e.metric === decided) ?? group[0]!;
    lines.push(theme.heading(printable(inputLine(b, main))));
    lines.push(...wrap(printable(headline(b, main)), '  ', '  ').map((l, i) => (i === 0 ? theme.highlight(l) : l)));
    const others = group.filter((e) => e !== main);
    if (others.length > 0) lines.push(theme.dim(`  on the ${others.map((e) => `${METRIC_NAME[e.metric]}: ${cell(b, e)}`).join(' · ')}`));
    lines.push('');
  }
  lines.push(...wrap(BREAKEVEN_NOTE, '', '').map(theme.dim));
  return `${lines.join('\n')}\n`;
}

export function renderBreakevenMarkdown(b: BreakevenJson): string {
  const groups = byPath(b);
  const grid: MarkdownGrid = {
    head: ['Input (now)', 'Mean', 'P50', 'P90', 'Below → above'],
    rows: groups.map((g) => {
      const at = (m: Metric) => g.find((e) => e.metric === m);
      const main = at(b.decision.metric) ?? g[0]!;
      return [
        { md: `${mdCode(main.path)} (${mdText(valueText(main.path, main.unit, main.base, b.profile.currency))})` },
        ...(['mean', 'p50', 'p90'] as const).map((m) => {
          const e = at(m);
          return e ? cell(b, e) : '';
        }),
        main.value === null ? mdText(b.options[main.below] ?? main.below) : mdText(`${b.options[main.below]} → ${b.options[main.above]}`),
      ];
    }),
    marked: groups.map(() => false),
  };
  const heads = groups.map((g) => {
    const e = g.find((x) => x.metric === b.decision.metric) ?? g[0]!;
    return `- ${mdCode(e.path)}: ${mdText(headline(b, e))}`;
  });
  return `### supportcast break-even · ${mdText(b.profile.name)}\n\n${heads.join('\n')}\n\n${gridMarkdown(grid, 1)}\n\n<sub>${mdText(BREAKEVEN_NOTE)}</sub>\n`;
}

export function renderBreakevenCsv(b: BreakevenJson): string {
  const s = b.settings;
  const rows: Cell[][] = b.results.map((e) => [
    b.profile.file ?? b.profile.name,
    e.path,
    e.metric,
    e.base,
    e.value,
    e.se,
    e.below,
    e.above,
    e.searched[0],
    e.searched[1],
    e.set,
    b.tool.version,
    b.profile.sha256,
    s.seed,
    s.trials,
    s.months,
  ]);
  return renderCsv(
    [
      'profile',
      'path',
      'metric',
      'base',
      'value',
      'se',
      'below',
      'above',
      'searched_from',
      'searched_to',
      'set',
      'tool_version',
      'profile_sha256',
      'seed',
      'trials',
      'months',
    ],
    rows,
  );
}

export function renderBreakevenJson(b: BreakevenJson): string {
  return `${JSON.stringify(b, null, 2)}\n`;
}
