import type { Metric } from '../engine/model.js';
import { optionsOf } from '../engine/simulate.js';
import { managedOffers } from '../profile/compile.js';
import { type Knob, knobAt, largestClassRate, namedItemPath, setFor, valueFor } from '../profile/knobs.js';
import type { Profile } from '../profile/schema.js';
import type { BreakevenEntry, BreakevenJson } from '../report/breakeven.js';
import { displayName } from '../report/names.js';
import { findCrossing } from './crossing.js';
import { challenger, differenceSe, type Evaluator, METRICS, optionIdsOf, type Point, winner } from './evaluator.js';

/**
 * Trials the search for a crossing runs per evaluation. Every evaluation is on the same seed,
 * so on these trials the margin moves only because the input moved (common random numbers);
 * its level comes from the full run, and the root is polished there (docs/decisions.md).
 */
export const SEARCH_TRIALS = 1024;

/** How far a search widens without --between: to ten times the profile's value, and down to a hundredth (or its floor). */
export const WIDEN_UP = 10;
export const WIDEN_DOWN = 100;

/** Upper ends for a value that is 0 in the profile, by unit. */
const FROM_ZERO: Record<Knob['unit'], number> = { money: 1000, hours: 10, rate: 1, share: 1, count: 100, number: 10 };

export interface BreakevenOptions {
  readonly between?: readonly [number, number];
  readonly searchTrials?: number;
  /** Trials of the polishing runs (default: the full run's); a report lowers it to stay quick, and says so. */
  readonly polishTrials?: number;
  /** The metrics to find break-evens at (default: mean, P50 and P90). */
  readonly metrics?: readonly Metric[];
}

/** The inputs tried without --vary: the recommended (or best) managed offer's main fee, break-fix's rate, the headcount, the largest class's rate. */
export function defaultPaths(profile: Profile, base: Point): string[] {
  const ids = optionIdsOf(base.model);
  const metric = base.model.decision.metric;
  const values = base.metrics[metric];
  const rec = ids[winner(values)]!;
  const managedIds = ids.filter((id) => id.startsWith('managed'));
  const paths: string[] = [];
  if (managedIds.length > 0) {
    const pickId = rec.startsWith('managed')
      ? rec
      : managedIds.reduce((a, b) => (values[ids.indexOf(b)]! < values[ids.indexOf(a)]! ? b : a));
    const offers = managedOffers(profile);
    const offer = offers[managedIds.indexOf(pickId)]!;
    const fee = (['per_employee', 'per_device', 'per_site', 'per_server', 'flat'] as const).find((k) => offer[k] !== 0) ?? 'per_employee';
    paths.push(namedItemPath(Array.isArray(profile.managed) ? ['managed', offer.name ?? '', fee] : ['managed', fee]));
  }
  paths.push('break_fix.hourly_rate', 'organization.employees', largestClassRate(profile));
  return paths;
}

/** The set argument for a value of a knob. */
const setAt = (knob: Knob, x: number) => setFor(knob, valueFor(knob, x));

/**
 * The range a search may use: --between, or from the profile's value widened to ten times it
 * and down to a hundredth (or the field's floor), shrunk to where the profile stays valid.
 */
function rangeFor(ev: Evaluator, knob: Knob, between: readonly [number, number] | undefined): [number, number] {
  if (between) return [between[0], between[1]];
  const v = knob.value;
  let lo = knob.positive ? v / WIDEN_DOWN : knob.min;
  let hi = Math.min(knob.max, v > 0 ? v * WIDEN_UP : FROM_ZERO[knob.unit]);
  if (knob.integer) [lo, hi] = [Math.ceil(lo), Math.floor(hi)];
  return [validTowards(ev, knob, lo, v), validTowards(ev, knob, hi, v)];
}

/** `end` if the profile is valid there, else the valid value nearest to it on the way to `from` (bisection, no simulation). */
function validTowards(ev: Evaluator, knob: Knob, end: number, from: number): number {
  if (ev.valid([setAt(knob, end)])) return end;
  let good = from;
  let bad = end;
  for (let i = 0; i < 30 && Math.abs(bad - good) > 1e-9 * Math.max(1, Math.abs(good)); i++) {
    const mid = knob.integer ? Math.round((good + bad) / 2) : (good + bad) / 2;
    if (mid === good || mid === bad) break;
    if (ev.valid([setAt(knob, mid)])) good = mid;
    else bad = mid;
  }
  return good;
}

/** The margin of option w at a point: the best other option's metric minus w's (positive while w wins). */
function margin(point: Point, metric: Metric, w: number): number {
  const m = point.metrics[metric];
  return m[challenger(m, w)]! - m[w]!;
}

/**
 * One input's break-even values at the mean, the P50 and the P90: where the option that wins at
 * the start stops winning (docs/decisions.md).
 */
export async function breakevenOf(ev: Evaluator, knob: Knob, options: BreakevenOptions = {}): Promise<BreakevenEntry[]> {
  const trials = Math.min(ev.host.settings.trials, options.polishTrials ?? ev.host.settings.trials);
  const searchTrials = Math.min(trials, options.searchTrials ?? SEARCH_TRIALS);
  const [lo, hi] = rangeFor(ev, knob, options.between);
  const x0 = Math.min(hi, Math.max(lo, knob.integer ? Math.round(knob.value) : knob.value));
  const startSets = x0 === knob.value ? [] : [setAt(knob, x0)];
  const full0 = await ev.at(startSets);
  const coarse0 = await ev.at(startSets, searchTrials);
  const ids = optionIdsOf(full0.model);
  const out: BreakevenEntry[] = [];
  for (const metric of options.metrics ?? METRICS) {
    const w = winner(full0.metrics[metric]);
    const level = margin(full0, metric, w);
    const seLevel = differenceSe(full0, metric, challenger(full0.metrics[metric], w), w);
    // The margin on the search trials, moved to the full run's level: the change is what common random numbers measure well.
    const f = async (x: number) => level + margin(await ev.at([setAt(knob, x)], searchTrials), metric, w) - margin(coarse0, metric, w);
    const before = ev.runs;
    const r = await findCrossing({
      f,
      x0,
      f0: level,
      lo,
      hi,
      integer: knob.integer,
      tolerance: Math.max(0.01 * seLevel, 1e-9 * Math.abs(level), 0.005),
      marginSe: seLevel,
    });
    const base = {
      path: knob.path,
      metric,
      unit: knob.unit,
      integer: knob.integer,
      base: knob.value,
      searched: [lo, hi] as [number, number],
    };
    if (!r.found) {
      out.push({ ...base, value: null, se: null, below: ids[w]!, above: ids[w]!, set: null, evaluations: ev.runs - before });
      continue;
    }
    const polished = await polish(ev, knob, metric, w, r.crossing, searchTrials < trials, trials);
    // On all trials the crossing may lie beyond the range searched: then there is none in it.
    if (!(polished.value >= lo && polished.value <= hi)) {
      out.push({ ...base, value: null, se: null, below: ids[w]!, above: ids[w]!, set: null, evaluations: ev.runs - before });
      continue;
    }
    const up = polished.value >= x0;
    out.push({
      ...base,
      value: polished.value,
      // A flat margin has no finite error to give: say nothing rather than print Infinity.
      se: Number.isFinite(polished.se) ? polished.se : null,
      below: up ? ids[w]! : ids[polished.challenger]!,
      above: up ? ids[polished.challenger]! : ids[w]!,
      set: setAt(knob, polished.value),
      evaluations: ev.runs - before,
    });
  }
  return out;
}

/**
 * The root on all trials: one secant step from the search's root with the search's slope (exact
 * for a margin linear in the input), whole numbers interpolated between the two around it. Its
 * standard error is the margin's there over the slope (the delta method).
 */
async function polish(
  ev: Evaluator,
  knob: Knob,
  metric: Metric,
  w: number,
  c: { x: number; inside: number; outside: number; slope: number },
  needed: boolean,
  trials: number,
): Promise<{ value: number; se: number; challenger: number }> {
  if (knob.integer) {
    // One full run, at the whole number on the base's side; the search's chord gives the step to the crossing.
    const a = await ev.at([setAt(knob, c.inside)], trials);
    const slope = c.slope;
    const ch = challenger(a.metrics[metric], w);
    const value = slope === 0 ? c.outside : c.inside - margin(a, metric, w) / slope;
    return { value, se: differenceSe(a, metric, ch, w) / Math.abs(slope || Number.NaN), challenger: ch };
  }
  const at = await ev.at([setAt(knob, c.x)], trials);
  const ch = challenger(at.metrics[metric], w);
  const slope = c.slope;
  const step = needed && slope !== 0 ? margin(at, metric, w) / slope : 0;
  const value = c.x - step;
  return { value, se: slope === 0 ? Number.POSITIVE_INFINITY : differenceSe(at, metric, ch, w) / Math.abs(slope), challenger: ch };
}

export type PathOutcome = { ok: true; knob: Knob } | { ok: false; path: string; message: string };

export function knobsFor(profile: Profile, paths: readonly string[]): PathOutcome[] {
  return paths.map((path) => {
    const k = knobAt(profile, path);
    return k.ok ? { ok: true, knob: k.knob } : { ok: false, path, message: k.message };
  });
}

/** What the JSON says about the run, beside the study's numbers. */
export interface StudyMeta {
  readonly version: string;
  readonly profileName: string;
  readonly file: string | null;
  readonly sha256: string;
  readonly currency: string;
}

/** Option ids and the names tables give them. */
export function optionNames(point: Point): Record<string, string> {
  const options = optionsOf(point.model);
  return Object.fromEntries(options.map((o) => [o.id, displayName(o.id, o.label, point.model)]));
}

/** The break-even of every path at the mean, P50 and P90, as `supportcast/breakeven@1`; paths that are not inputs are skipped with why. */
export async function breakevenStudy(
  ev: Evaluator,
  knobs: readonly Knob[],
  meta: StudyMeta,
  options: BreakevenOptions = {},
): Promise<BreakevenJson> {
  const base = await ev.at([]);
  const s = ev.host.settings;
  const results: BreakevenEntry[] = [];
  for (const knob of knobs) results.push(...(await breakevenOf(ev, knob, options)));
  const ids = optionIdsOf(base.model);
  const metric = base.model.decision.metric;
  return {
    schema: 'supportcast/breakeven@1',
    tool: { name: 'supportcast', version: meta.version },
    profile: { name: meta.profileName, file: meta.file, sha256: meta.sha256, currency: meta.currency },
    settings: {
      trials: s.trials,
      search_trials: Math.min(s.trials, options.searchTrials ?? SEARCH_TRIALS),
      months: s.months,
      seed: s.seed,
      overrides: [...ev.host.overrides],
    },
    decision: { basis: base.model.decision.basis, metric, recommendation: ids[winner(base.metrics[metric])]! },
    options: optionNames(base),
    results,
  };
}
