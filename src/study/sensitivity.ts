import { drawPerTrial } from '../engine/amounts.js';
import { batchMetrics, standardErrorOfMean } from '../engine/analyze.js';
import { FIXED, type Input, type Metric, type Model } from '../engine/model.js';
import { type Knob, knobAt, knobQuantiles, namedItemPath, sensitivityPaths, setFor, unitOfPath, valueFor } from '../profile/knobs.js';
import type { Profile } from '../profile/schema.js';
import type { DecileJson, SensitivityInput, SensitivityJson } from '../report/sensitivity.js';
import { optionNames, type StudyMeta } from './breakeven.js';
import { challenger, type Evaluator, optionIdsOf, type Point, winner } from './evaluator.js';

/** Trials each rerun runs: the saving's change is a paired comparison on the same random numbers, so a few thousand measure it well. */
export const RERUN_TRIALS = 2048;
/** How far an input without a distribution of its own moves either way. */
export const DEFAULT_SWING = 0.25;

export interface SensitivityOptions {
  readonly swing?: number;
  readonly rerunTrials?: number;
}

/** One input moved to a low and a high value: the --set arguments for each, and the values as shown. */
interface Variation {
  readonly path: string;
  readonly group: string;
  readonly unit: Knob['unit'] | 'scale';
  readonly base: number;
  readonly low: number;
  readonly high: number;
  readonly how: 'p10-p90' | 'swing';
  readonly lowSets: string[];
  readonly highSets: string[];
}

const setAt = (knob: Knob, x: number) => setFor(knob, valueFor(knob, x));

/** Low and high on the knob's scale: its own P10 and P90 when it is uncertain, else ∓ swing, kept where the profile is valid. */
function lowHigh(ev: Evaluator, knob: Knob, swing: number): { low: number; high: number; how: Variation['how'] } {
  const v = knob.value;
  let [low, high] = knob.uncertain ? [knobQuantiles(knob).p10, knobQuantiles(knob).p90] : [v * (1 - swing), v * (1 + swing)];
  const how = knob.uncertain ? 'p10-p90' : 'swing';
  if (knob.integer) {
    low = Math.min(Math.round(low), v - 1);
    high = Math.max(Math.round(high), v + 1);
  }
  low = Math.max(knob.min, low);
  high = Math.min(knob.max, high);
  // An uncertain knob's quantile is a plain number: written as a number, it replaces the distribution.
  const fits = (x: number) => ev.valid([knob.uncertain ? `${knob.path}=${x}` : setAt(knob, x)]);
  if (!fits(low)) low = v;
  if (!fits(high)) high = v;
  return { low, high, how };
}

function setsFor(knob: Knob, x: number): string[] {
  return [knob.uncertain ? `${knob.path}=${x}` : setAt(knob, x)];
}

function variationOf(ev: Evaluator, knob: Knob, group: string, swing: number): Variation {
  const { low, high, how } = lowHigh(ev, knob, swing);
  return {
    path: knob.path,
    group,
    unit: knob.unit,
    base: knob.value,
    low,
    high,
    how,
    lowSets: setsFor(knob, low),
    highSets: setsFor(knob, high),
  };
}

/** A class's rate, labour hours and downtime moved together: the class as a whole more or less frequent and costly. */
function togetherOf(name: string, parts: Variation[]): Variation | undefined {
  if (parts.length < 2) return undefined;
  return {
    path: `${namedItemPath(['incidents', name])}.{rate,labor_hours,downtime}`,
    group: 'incident',
    unit: 'scale',
    base: 1,
    low: -1,
    high: 1,
    how: parts.every((p) => p.how === 'p10-p90') ? 'p10-p90' : 'swing',
    lowSets: parts.flatMap((p) => p.lowSets),
    highSets: parts.flatMap((p) => p.highSets),
  };
}

/** The inputs to move, each on its own, plus each class's rate, labour and downtime together. */
export function variationsOf(ev: Evaluator, profile: Profile, months: number, swing: number): Variation[] {
  const out: Variation[] = [];
  const byClass = new Map<string, Variation[]>();
  for (const { path, group } of sensitivityPaths(profile, months)) {
    const k = knobAt(profile, path);
    if (!k.ok) continue;
    const v = variationOf(ev, k.knob, group, swing);
    if (v.low === v.high) continue;
    out.push(v);
    const m = /^incidents\["((?:[^"\\]|\\.)*)"\]\.(rate\.\w+|labor_hours|downtime\.hours)$/.exec(k.knob.path);
    if (m) {
      const name = JSON.parse(`"${m[1]}"`) as string;
      byClass.set(name, [...(byClass.get(name) ?? []), v]);
    }
  }
  for (const [name, parts] of byClass) {
    const t = togetherOf(name, parts);
    if (t) out.push(t);
  }
  return out;
}

/** Each option's metric at a variant, moved to the full run's level: full base + (variant − base) on the rerun trials. */
function adjusted(full: Point, coarse: Point, variant: Point, metric: Metric): number[] {
  return full.metrics[metric].map((f, o) => f + variant.metrics[metric][o]! - coarse.metrics[metric][o]!);
}

/** Standard error of the change in the saving (c − w) from the base to a variant, on the same trials (batch means for percentiles). */
function changeSe(base: Point, variant: Point, metric: Metric, c: number, w: number): number {
  const n = base.trials;
  if (metric === 'mean') {
    const d = new Float64Array(n);
    const [bc, bw, vc, vw] = [base.basis[c]!, base.basis[w]!, variant.basis[c]!, variant.basis[w]!];
    for (let t = 0; t < n; t++) d[t] = vc[t]! - vw[t]! - (bc[t]! - bw[t]!);
    return standardErrorOfMean(d);
  }
  const vc = batchMetrics(variant.basis[c]!, metric);
  const vw = batchMetrics(variant.basis[w]!, metric);
  const bc = batchMetrics(base.basis[c]!, metric);
  const bw = batchMetrics(base.basis[w]!, metric);
  const diffs = vc.map((x, k) => x - vw[k]! - (bc[k]! - bw[k]!));
  return standardErrorOfMean(diffs);
}

export interface SensitivityOutcome {
  readonly full: Point;
  readonly recommended: number;
  readonly challenger: number;
  readonly inputs: SensitivityInput[];
  readonly deciles: DecileJson[];
  readonly rerunTrials: number;
}

/** Moves every input to a low and a high value and ranks them by how far the decision's saving swings (docs/decisions.md). */
export async function sensitivity(ev: Evaluator, profile: Profile, options: SensitivityOptions = {}): Promise<SensitivityOutcome> {
  const settings = ev.host.settings;
  const rerunTrials = Math.min(settings.trials, options.rerunTrials ?? RERUN_TRIALS);
  const full = await ev.at([]);
  const coarse = await ev.at([], rerunTrials);
  const metric = full.model.decision.metric;
  const w = winner(full.metrics[metric]);
  const c = challenger(full.metrics[metric], w);
  const ids = optionIdsOf(full.model);
  // Savings a year, as every other report gives them.
  const perYear = 12 / settings.months;
  const inputs: SensitivityInput[] = [];
  for (const v of variationsOf(ev, profile, settings.months, options.swing ?? DEFAULT_SWING)) {
    const lowPoint = await ev.at(v.lowSets, rerunTrials);
    const highPoint = await ev.at(v.highSets, rerunTrials);
    const at = (p: Point) => {
      const m = adjusted(full, coarse, p, metric);
      const best = winner(m);
      return { saving: (m[c]! - m[w]!) * perYear, winner: best, se: changeSe(coarse, p, metric, c, w) * perYear };
    };
    const [lo, hi] = [at(lowPoint), at(highPoint)];
    const flipsTo = lo.winner !== w ? lo.winner : hi.winner !== w ? hi.winner : undefined;
    inputs.push({
      path: v.path,
      group: v.group,
      unit: v.unit,
      how: v.how,
      base: v.base,
      low: v.low,
      high: v.high,
      saving_low: lo.saving,
      saving_high: hi.saving,
      swing: Math.abs(hi.saving - lo.saving),
      swing_se: Math.hypot(lo.se, hi.se),
      flips: flipsTo !== undefined,
      flips_to: flipsTo === undefined ? null : ids[flipsTo]!,
      flips_at: lo.winner !== w && hi.winner !== w ? 'both' : lo.winner !== w ? 'low' : hi.winner !== w ? 'high' : null,
      set_low: v.lowSets,
      set_high: v.highSets,
    });
  }
  inputs.sort((a, b) => b.swing - a.swing || a.path.localeCompare(b.path));
  return { full, recommended: w, challenger: c, inputs, deciles: deciles(full, settings.seed, c, w), rerunTrials };
}

/** Every input drawn once per trial from a distribution, once each (a default that is another field's draw is that field). */
export function uncertainInputs(model: Model): Input[] {
  const all: Input[] = [model.organization.loadedHourlyCost, model.breakFix.hourlyRate, model.breakFix.tripFee];
  for (const k of model.classes) all.push(k.rate, k.revenuePerHour, k.onsiteShare, k.afterHoursShare, k.preventable);
  for (const m of model.managed)
    all.push(
      m.perEmployee,
      m.perDevice,
      m.perServer,
      m.perSite,
      m.flat,
      m.minimumMonthly,
      m.onboardingFee,
      m.outOfScopeHourlyRate,
      m.prevention,
    );
  if (model.hybrid) all.push(model.hybrid.monthlyCostPerStaff, model.hybrid.escalationShare, model.hybrid.prevention);
  const seen = new Set<string>();
  return all.filter((i) => i.amount.kind !== FIXED && !seen.has(i.key) && seen.add(i.key));
}

/**
 * The free view from the base run: its trials in tenths of each uncertain input's own draw, and
 * the mean saving in each tenth, so the value where the saving changes sign can be read off
 * without another run.
 */
export function deciles(full: Point, seed: number, c: number, w: number): DecileJson[] {
  const n = full.trials;
  const saving = new Float64Array(n);
  for (let t = 0; t < n; t++) saving[t] = full.basis[c]![t]! - full.basis[w]![t]!;
  const perYear = 12 / full.months;
  return uncertainInputs(full.model).map((input) => {
    const drawn = drawPerTrial(input, seed, 0, n);
    const order = Array.from({ length: n }, (_, t) => t).sort((a, b) => drawn[a]! - drawn[b]! || a - b);
    const edges: number[] = [];
    const means: number[] = [];
    for (let k = 0; k < 10; k++) {
      const [from, to] = [Math.floor((k * n) / 10), Math.floor(((k + 1) * n) / 10)];
      let sum = 0;
      for (let i = from; i < to; i++) sum += saving[order[i]!]!;
      edges.push(drawn[order[from]!]!);
      means.push(to > from ? (sum / (to - from)) * perYear : 0);
    }
    edges.push(drawn[order[n - 1]!]!);
    const flip = means.findIndex((m, k) => k > 0 && Math.sign(m) !== Math.sign(means[k - 1]!) && m !== 0);
    return { input: input.key, unit: unitOfPath(input.key), edges, mean_saving: means, changes_at: flip < 0 ? null : edges[flip]! };
  });
}

/** The sensitivity run as `supportcast/sensitivity@1`. */
export async function sensitivityStudy(
  ev: Evaluator,
  profile: Profile,
  meta: StudyMeta,
  options: SensitivityOptions = {},
): Promise<SensitivityJson> {
  const r = await sensitivity(ev, profile, options);
  const s = ev.host.settings;
  const ids = optionIdsOf(r.full.model);
  const metric = r.full.model.decision.metric;
  const m = r.full.metrics[metric];
  return {
    schema: 'supportcast/sensitivity@1',
    tool: { name: 'supportcast', version: meta.version },
    profile: { name: meta.profileName, file: meta.file, sha256: meta.sha256, currency: meta.currency },
    settings: {
      trials: s.trials,
      rerun_trials: r.rerunTrials,
      months: s.months,
      seed: s.seed,
      overrides: [...ev.host.overrides],
      swing: options.swing ?? DEFAULT_SWING,
    },
    decision: {
      basis: r.full.model.decision.basis,
      metric,
      recommendation: ids[r.recommended]!,
      challenger: ids[r.challenger]!,
      saving: ((m[r.challenger]! - m[r.recommended]!) * 12) / s.months,
    },
    options: optionNames(r.full),
    inputs: r.inputs,
    deciles: r.deciles,
  };
}
