import type { Metric } from '../engine/model.js';
import type { KnobUnit } from '../shared/units.js';
import { type Cell, renderCsv } from './csv.js';
import { cutTo, mdCode, mdText, money, printable, roundish } from './format.js';
import { gridMarkdown, type MarkdownGrid } from './grid.js';
import { bareValue } from './knob-text.js';
import { wrap } from './table.js';
import type { Theme } from './theme.js';

/** One input moved to a low and a high value, and what the decision's saving does. */
export interface SensitivityInput {
  path: string;
  group: string;
  /** `scale` for a class's rate, labour and downtime moved together (low −1, high +1: each at its own low or high). */
  unit: KnobUnit | 'scale';
  /** `p10-p90`: an uncertain input at its own P10 and P90; `swing`: ∓ --swing. */
  how: 'p10-p90' | 'swing';
  base: number;
  low: number;
  high: number;
  /** The saving a year (recommended against challenger) with the input at its low and high value. */
  saving_low: number;
  saving_high: number;
  swing: number;
  swing_se: number;
  /** Whether the recommendation changes at the low or the high value, and to what. */
  flips: boolean;
  flips_to: string | null;
  flips_at: 'low' | 'high' | 'both' | null;
  set_low: string[];
  set_high: string[];
}

/** The base run's trials in tenths of one uncertain input's draw, with the mean saving a year in each. */
export interface DecileJson {
  input: string;
  unit: KnobUnit;
  /** 11 values: each tenth runs from edges[k] to edges[k + 1]. */
  edges: number[];
  mean_saving: number[];
  /** The input's value where the mean saving first changes sign, or null. */
  changes_at: number | null;
}

/** `supportcast/sensitivity@1` (schema/sensitivity.schema.json). */
export interface SensitivityJson {
  schema: 'supportcast/sensitivity@1';
  tool: { name: 'supportcast'; version: string };
  profile: { name: string; file: string | null; sha256: string; currency: string };
  settings: { trials: number; rerun_trials: number; months: number; seed: number; overrides: string[]; swing: number };
  decision: { basis: 'total_cost' | 'spend'; metric: Metric; recommendation: string; challenger: string; saving: number };
  options: Record<string, string>;
  /** Ranked by swing, largest first. */
  inputs: SensitivityInput[];
  deciles: DecileJson[];
}

const CLASS_FIELD: Record<string, string> = {
  rate: 'rate',
  labor_hours: 'labour hours',
  'downtime.hours': 'downtime hours',
  'downtime.revenue_per_hour': 'revenue/h',
  direct_cost: 'direct cost',
  onsite_share: 'on-site share',
  after_hours_share: 'after-hours share',
  preventable: 'preventable share',
  '{rate,labor_hours,downtime}': 'all three',
};

const OFFER_FIELD: Record<string, string> = {
  per_employee: 'fee per employee',
  per_device: 'fee per device',
  per_server: 'fee per server',
  per_site: 'fee per site',
  flat: 'flat fee',
  minimum_monthly: 'monthly minimum',
  onboarding_fee: 'onboarding fee',
  out_of_scope_hourly_rate: 'out-of-scope rate',
  annual_increase: 'yearly increase',
  prevention: 'prevention',
  response_hours: 'response time',
  hourly_rate: 'hourly rate',
  trip_fee: 'trip fee',
  after_hours_multiplier: 'after-hours multiplier',
  monthly_cost_per_staff: 'cost per tech',
  internal_staff: 'in-house techs',
  hours_per_staff_month: 'hours per tech',
  escalation_share: 'escalations',
  employees: 'employees',
  devices: 'devices',
  servers: 'servers',
  sites: 'sites',
  loaded_hourly_cost: 'staff cost an hour',
};

/** A short name for an input: "ransomware: direct cost", "All-inclusive: fee per employee", "employees". */
export function inputLabel(path: string, options: Record<string, string>): string {
  const cls = /^incidents\["((?:[^"\\]|\\.)*)"\]\.(.+)$/.exec(path);
  if (cls) {
    const field = cls[2]!.replace(/^rate\.\w+$/, 'rate');
    return `${JSON.parse(`"${cls[1]}"`) as string}: ${CLASS_FIELD[field] ?? field}`;
  }
  const tier = /^managed\["([^"]*)"\]\.(\w+)$/.exec(path);
  const short = (id: string) => (options[id] ?? id).replace(/^Managed · /, '');
  if (tier) return `${short(`managed:${tier[1]}`)}: ${OFFER_FIELD[tier[2]!] ?? tier[2]}`;
  if (path === 'bad_year.p90') return 'bad year: P90 factor';
  const [head, field] = path.split('.') as [string, string];
  const who = head === 'managed' ? short('managed') : head === 'break_fix' ? 'Break-fix' : head === 'hybrid' ? 'Hybrid' : '';
  const what = OFFER_FIELD[field] ?? field;
  return who === '' ? what : `${who}: ${what}`;
}

/** "$37k", "−$4.2k", "$950": savings compact enough for a column beside the bars. */
function kilo(x: number, currency: string): string {
  const a = Math.abs(x);
  if (a < 1000) return money(x, currency);
  const digits = a < 10_000 ? 1 : 0;
  const m = money(0, currency).replace(/0/g, '');
  return `${x < 0 ? '−' : ''}${m}${(a / 1000).toFixed(digits)}k`;
}

const BAR = 28;
const LABEL = 34;
const DECILE_LABEL = 30;
/** Rows of the tornado shown on a terminal; JSON, CSV and Markdown have them all. */
export const TORNADO_ROWS = 15;

interface Marks {
  low: string;
  high: string;
  centre: string;
  zero: string;
}

function marks(theme: Theme): Marks {
  return theme.unicode ? { low: '░', high: '█', centre: '│', zero: '┊' } : { low: '-', high: '#', centre: '|', zero: ':' };
}

/** One tornado bar: from the saving at the low value to the saving at the high value, centred on the base. */
export function tornadoBar(low: number, high: number, base: number, lo: number, hi: number, m: Marks): string {
  const pos = (x: number) => Math.min(BAR - 1, Math.max(0, Math.round(((x - lo) / (hi - lo || 1)) * (BAR - 1))));
  const cells = new Array<string>(BAR).fill(' ');
  const centre = pos(base);
  const paint = (x: number, ch: string) => {
    const p = pos(x);
    for (let i = Math.min(p, centre); i <= Math.max(p, centre); i++) cells[i] = ch;
  };
  // The farther end first, so the nearer one stays visible where both lie on one side.
  const ends: [number, string][] = [
    [low, m.low],
    [high, m.high],
  ];
  ends.sort((a, b) => Math.abs(b[0] - base) - Math.abs(a[0] - base));
  for (const [x, ch] of ends) paint(x, ch);
  // Where the saving is zero shows through the bars: a bar that reaches it is a flip against the challenger.
  if (lo < 0 && hi > 0) cells[pos(0)] = m.zero;
  cells[centre] = m.centre;
  return cells.join('');
}

function axisOf(s: SensitivityJson, rows: SensitivityInput[]): [number, number] {
  const base = s.decision.saving;
  const all = [base, ...rows.flatMap((r) => [r.saving_low, r.saving_high])];
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  const pad = (hi - lo) * 0.04 || Math.abs(base) * 0.1 || 1;
  [lo, hi] = [lo - pad, hi + pad];
  return [lo, hi];
}

function headerLines(s: SensitivityJson): string[] {
  const st = s.settings;
  const set = st.overrides.length > 0 ? ` · --set ${st.overrides.join(' ')}` : '';
  return [
    `supportcast ${s.tool.version} · ${s.profile.name} · sensitivity`,
    printable(
      `${st.trials.toLocaleString('en-US')} simulated ${st.months === 12 ? 'years' : `${st.months}-month periods`}, reruns on ${st.rerun_trials.toLocaleString('en-US')} · seed ${st.seed} · ${s.profile.file ?? '<stdin>'}${set}`,
    ),
  ];
}

function decileLines(s: SensitivityJson, theme: Theme): string[] {
  if (s.deciles.length === 0) return [];
  const cur = s.profile.currency;
  const [plus, minus] = theme.unicode ? ['+', '−'] : ['+', '-'];
  const rows = s.deciles.map((d) => {
    const signs = d.mean_saving.map((m) => (m >= 0 ? plus : minus)).join('');
    const range = `${bareValue(d.unit, d.edges[0]!, cur)} … ${bareValue(d.unit, d.edges[10]!, cur)}`;
    const where = d.changes_at === null ? `same sign, ${range}` : `changes at ${bareValue(d.unit, d.changes_at, cur)}, ${range}`;
    return `  ${cutTo(inputLabel(d.input, s.options), DECILE_LABEL - 1).padEnd(DECILE_LABEL)}${signs}  ${where}`;
  });
  return [
    '',
    theme.heading('Where the saving changes sign in the base run, by tenths of each uncertain input:'),
    ...rows.map((r) => cutTo(r, 80)),
    ...wrap(`(${plus}: the recommendation is cheaper on average in that tenth of the trials; ${minus}: it is not.)`, '  ', '  ').map(
      theme.dim,
    ),
  ];
}

export const SENSITIVITY_NOTE =
  'Each input moves alone to its low and its high value (an uncertain one to its own P10 and P90, the rest by the swing) ' +
  'and the profile reruns on the same random numbers; the bar spans the saving at the two. "all three": a class\'s rate, ' +
  'labour and downtime together. ⇄ marks an input whose low or high value changes the recommendation itself, and to what.';

export function renderSensitivityText(s: SensitivityJson, theme: Theme): string {
  const cur = s.profile.currency;
  const d = s.decision;
  const rows = s.inputs.slice(0, TORNADO_ROWS);
  const [lo, hi] = axisOf(s, rows);
  const m = marks(theme);
  const arrow = theme.unicode ? '⇄' : '->';
  const title = `What drives it: the saving of ${s.options[d.recommendation]} against ${s.options[d.challenger]}, ${money(roundish(d.saving), cur)} a year.`;
  const lines = [
    ...headerLines(s).map((l, i) => (i === 0 ? theme.heading(l) : theme.dim(l))),
    '',
    ...wrap(title, '', '').map(theme.heading),
  ];
  lines.push(
    theme.dim(
      `  ${m.low} with the input low, ${m.high} with it high, ${m.centre} the profile as it is${lo < 0 && hi > 0 ? `, ${m.zero} no saving` : ''}`,
    ),
  );
  for (const r of rows) {
    const label = cutTo(inputLabel(r.path, s.options), LABEL - 1).padEnd(LABEL);
    const bar = tornadoBar(r.saving_low, r.saving_high, d.saving, lo, hi, m);
    const note = r.flips
      ? theme.warn(`${arrow} ${s.options[r.flips_to!]!.replace(/^Managed · /, '').split(' · ')[0]}`)
      : `${kilo(r.saving_low, cur)}…${kilo(r.saving_high, cur)}`;
    lines.push(`  ${label}${bar} ${note}`);
  }
  lines.push(theme.dim(`  ${' '.repeat(LABEL)}${kilo(lo, cur)}${kilo(hi, cur).padStart(BAR - kilo(lo, cur).length)}`));
  const rest = s.inputs.length - rows.length;
  if (rest > 0) {
    const most = s.inputs[rows.length]!.swing;
    lines.push(
      ...wrap(
        `… and ${rest} more inputs, each moving the saving by ${money(roundish(most), cur)} or less (all in --json).`,
        '  ',
        '  ',
      ).map(theme.dim),
    );
  }
  lines.push(...decileLines(s, theme), '', ...wrap(SENSITIVITY_NOTE.replace('⇄', arrow), '', '').map(theme.dim));
  return `${lines.join('\n')}\n`;
}

function lowHighText(r: SensitivityInput, cur: string): [string, string] {
  if (r.unit === 'scale') return ['each low', 'each high'];
  return [bareValue(r.unit, r.low, cur), bareValue(r.unit, r.high, cur)];
}

export function renderSensitivityMarkdown(s: SensitivityJson): string {
  const cur = s.profile.currency;
  const d = s.decision;
  const grid: MarkdownGrid = {
    head: ['Input', 'Low', 'High', 'Saving at low', 'Saving at high', 'Swing', 'Flips to'],
    rows: s.inputs.map((r) => {
      const [low, high] = lowHighText(r, cur);
      return [
        { md: `${mdText(inputLabel(r.path, s.options))} (${mdCode(r.path)})` },
        low,
        high,
        money(r.saving_low, cur),
        money(r.saving_high, cur),
        money(r.swing, cur),
        r.flips ? mdText(s.options[r.flips_to!] ?? '') : '',
      ];
    }),
    marked: s.inputs.map((r) => r.flips),
  };
  const title = `The saving of ${s.options[d.recommendation]} against ${s.options[d.challenger]} is ${money(d.saving, cur)} a year; each input at a low and a high value, ranked by how far it moves the saving.`;
  return `### supportcast sensitivity · ${mdText(s.profile.name)}\n\n${mdText(title)}\n\n${gridMarkdown(grid, 3)}\n\n<sub>${mdText(SENSITIVITY_NOTE)}</sub>\n`;
}

export function renderSensitivityCsv(s: SensitivityJson): string {
  const st = s.settings;
  const rows: Cell[][] = s.inputs.map((r) => [
    s.profile.file ?? s.profile.name,
    r.path,
    r.how,
    r.base,
    r.low,
    r.high,
    r.saving_low,
    r.saving_high,
    r.swing,
    r.swing_se,
    r.flips,
    r.flips_to,
    s.tool.version,
    s.profile.sha256,
    st.seed,
    st.trials,
    st.months,
  ]);
  return renderCsv(
    [
      'profile',
      'path',
      'how',
      'base',
      'low',
      'high',
      'saving_low',
      'saving_high',
      'swing',
      'swing_se',
      'flips',
      'flips_to',
      'tool_version',
      'profile_sha256',
      'seed',
      'trials',
      'months',
    ],
    rows,
  );
}

export function renderSensitivityJson(s: SensitivityJson): string {
  return `${JSON.stringify(s, null, 2)}\n`;
}
