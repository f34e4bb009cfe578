import { amountAt } from '../engine/amounts.js';
import { amountMean } from '../engine/model.js';
import type { KnobUnit } from '../shared/units.js';
import { compileAmount, managedOffers, rateKey, rateUnits } from './compile.js';
import { LIMITS } from './limits.js';
import { formatPath, type PathSegment, parsePath } from './paths.js';
import type { Amount, Profile, Share } from './schema.js';

export type { KnobUnit } from '../shared/units.js';

/**
 * The inputs a user can change (docs/decisions.md): a number, or an uncertain amount moved as
 * a whole. A knob's *value* is a number on one scale: the number itself, or an amount's mean,
 * so "the rate" of { low: 0.3, mode: 0.42, high: 0.65 } is 0.457 and a new value scales every
 * parameter by the same factor (the shape stays, and every draw moves monotonically with it).
 */

export interface Knob {
  /** The --set path, naming incidents and tiers: incidents["user support"].rate.per_employee. */
  readonly path: string;
  readonly unit: KnobUnit;
  /** What the profile holds there (a number or an amount), defaults filled in. */
  readonly base: number | Amount | Share;
  /** The value on the knob's scale: the number, or the amount's mean. */
  readonly value: number;
  readonly integer: boolean;
  /** Where the profile stays valid on the value scale (a lower bound may be excluded: `positive`). */
  readonly min: number;
  readonly max: number;
  readonly positive: boolean;
  /** Drawn once per trial from a distribution: its P10 and P90 are its own low and high. */
  readonly uncertain: boolean;
}

/** Per-trial fields (docs/model.md §3): an amount there is uncertainty about the business, not incident-to-incident noise. */
const PER_TRIAL = new Set([
  'rate',
  'hourly_rate',
  'trip_fee',
  'per_employee',
  'per_device',
  'per_server',
  'per_site',
  'flat',
  'minimum_monthly',
  'onboarding_fee',
  'out_of_scope_hourly_rate',
  'monthly_cost_per_staff',
  'loaded_hourly_cost',
  'revenue_per_hour',
  'preventable',
  'onsite_share',
  'after_hours_share',
  'escalation_share',
  'prevention',
]);

const SHARES = new Set(['preventable', 'onsite_share', 'after_hours_share', 'escalation_share', 'prevention', 'annual_increase']);
const HEADCOUNTS = new Set(['employees', 'devices', 'servers', 'sites']);
const HOURS = new Set(['labor_hours', 'hours', 'response_hours', 'minimum_hours', 'hours_per_staff_month']);

function unitOf(path: readonly PathSegment[]): KnobUnit {
  const last = String(path.at(-1));
  const parent = String(path.at(-2));
  if (parent === 'rate') return 'rate';
  if (SHARES.has(last)) return 'share';
  if (HEADCOUNTS.has(last) || last === 'internal_staff') return 'count';
  if (HOURS.has(last)) return 'hours';
  if (last === 'after_hours_multiplier' || last === 'people' || path[0] === 'bad_year') return 'number';
  return 'money';
}

/** The unit of a path's values (a per-trial input's key is its path: incidents["x"].rate is a rate). */
export function unitOfPath(path: string): KnobUnit {
  const segments = parsePath(path) ?? [];
  return String(segments.at(-1)) === 'rate' ? 'rate' : unitOf(segments);
}

/** Where a value on the knob's scale keeps the profile valid, from the schema's own bounds (schema.ts). */
function rangeOf(path: readonly PathSegment[], base: unknown): Pick<Knob, 'min' | 'max' | 'positive' | 'integer'> {
  const last = String(path.at(-1));
  const amount = typeof base === 'object' && base !== null;
  const integer = HEADCOUNTS.has(last) && path[0] === 'organization';
  if (last === 'annual_increase') return { min: -0.2, max: 0.5, positive: false, integer };
  // A bad year's P90 is above 1 and at most 2.3 (schema.ts): 1 itself would be no bad year at all.
  if (path[0] === 'bad_year') return { min: 1 + 1e-6, max: 2.3, positive: false, integer };
  if (SHARES.has(last)) return { min: 0, max: 1, positive: false, integer };
  if (last === 'employees') return { min: 1, max: LIMITS.headcount, positive: false, integer };
  if (last === 'after_hours_multiplier') return { min: 1, max: LIMITS.afterHoursMultiplier, positive: false, integer };
  const unit = unitOf(path);
  const max = unit === 'count' ? LIMITS.headcount : unit === 'rate' ? LIMITS.ratePerUnit : unit === 'hours' ? LIMITS.hours : LIMITS.money;
  // An amount's parameters must stay positive (a lognormal's median, a triangle's mode): scale, never reach 0.
  return { min: 0, max, positive: amount, integer };
}

/** The item of a list a path segment picks: by `name` (incidents["user support"]) or by index. */
function pick(list: readonly unknown[], seg: PathSegment): unknown {
  if (typeof seg === 'number') return list[seg];
  return list.find((x) => typeof x === 'object' && x !== null && (x as { name?: unknown }).name === seg);
}

/**
 * A path whose list items go by name, always in brackets (incidents["ransomware"].rate), as
 * --set reads it and reports show it: a name is never mistaken for a key.
 */
export function namedItemPath(segments: readonly PathSegment[]): string {
  let out = '';
  segments.forEach((seg, i) => {
    // incidents.<name>, and managed.<tier>.<field> (a single offer's next segment is its field).
    const named =
      (i === 1 && seg !== undefined && segments[0] === 'incidents') || (i === 1 && segments[0] === 'managed' && segments.length > 2);
    if (named && typeof seg === 'string') out += `[${JSON.stringify(seg)}]`;
    else out += i === 0 ? formatPath([seg]) : formatPath(['x', seg]).slice(1);
  });
  return out;
}

/** The path with list indexes turned into names, as --set and the reports show it. */
function namedPath(profile: Profile, segments: readonly PathSegment[]): string {
  const out: PathSegment[] = [];
  let node: unknown = profile;
  for (const seg of segments) {
    if (Array.isArray(node)) {
      const item = pick(node, seg) as { name?: string } | undefined;
      out.push(item?.name ?? seg);
      node = item;
    } else {
      out.push(seg);
      node = (node as Record<string, unknown> | undefined)?.[String(seg)];
    }
  }
  return namedItemPath(out);
}

/** A number on the knob's scale: the number, or the amount's mean. */
export function scaleOf(x: number | Amount | Share): number {
  return typeof x === 'number' ? x : amountMean(compileAmount(x));
}

export type KnobResult = { ok: true; knob: Knob } | { ok: false; message: string };

/**
 * The knob at a --set path of a validated profile. The path must reach a number or an amount
 * (not a map of them, a name or a switch); lists are entered by name or index, as --set does.
 */
export function knobAt(profile: Profile, path: string): KnobResult {
  const segments = parsePath(path);
  if (!segments) return { ok: false, message: `${JSON.stringify(path)} is not a path — write e.g. managed.per_employee` };
  let node: unknown = profile;
  for (const seg of segments) {
    node = Array.isArray(node) ? pick(node, seg) : (node as Record<string, unknown> | undefined)?.[String(seg)];
    if (node === undefined)
      return { ok: false, message: `${path}: no such value in this profile — use a path --set accepts, e.g. managed.per_employee` };
  }
  const isAmount =
    typeof node === 'object' && node !== null && !Array.isArray(node) && ['p50', 'mean', 'low'].some((k) => k in (node as object));
  if (typeof node !== 'number' && !isAmount) {
    return {
      ok: false,
      message: `${path} holds ${Array.isArray(node) ? 'a list' : typeof node === 'object' ? 'a map' : `a ${typeof node}`}, not a number — name one value, e.g. ${path}.${Object.keys((node as object) ?? {})[0] ?? 'per_employee'}`,
    };
  }
  const base = node as number | Amount;
  const last = String(segments.at(-1));
  return {
    ok: true,
    knob: {
      path: namedPath(profile, segments),
      unit: unitOf(segments),
      base,
      value: scaleOf(base),
      uncertain: isAmount && PER_TRIAL.has(segments.at(-2) === 'rate' ? 'rate' : last),
      ...rangeOf(segments, base),
    },
  };
}

/** What to write at the knob's path for `value` on its scale: the number, or the amount scaled to that mean. */
export function valueFor(knob: Knob, value: number): number | Record<string, number> {
  if (typeof knob.base === 'number') return knob.integer ? Math.round(value) : value;
  const factor = knob.value === 0 ? 0 : value / knob.value;
  return Object.fromEntries(Object.entries(knob.base).map(([k, v]) => [k, (v as number) * factor]));
}

/** The --set argument that puts `value` at the knob: `managed.per_employee=212.5`, or an amount in YAML flow style. */
export function setFor(knob: Knob, value: number | Record<string, number>): string {
  const text =
    typeof value === 'number'
      ? String(value)
      : `{ ${Object.entries(value)
          .map(([k, v]) => `${k}: ${String(v)}`)
          .join(', ')} }`;
  return `${knob.path}=${text}`;
}

/** An uncertain knob's own P10 and P90 (numbers: the input fixed at that quantile), from its distribution. */
export function knobQuantiles(knob: Knob): { p10: number; p90: number } {
  const x = compileAmount(knob.base as Amount);
  return { p10: amountAt(x, 0.1), p90: amountAt(x, 0.9) };
}

/** The largest incident class by expected incidents a month: whose rate a break-even tries by default. */
export function largestClassRate(profile: Profile): string {
  let best = profile.incidents[0]!;
  let most = -1;
  for (const c of profile.incidents) {
    const key = rateKey(c.rate);
    const expected = scaleOf(c.rate[key]!) * rateUnits(key, profile.organization);
    if (expected > most) [best, most] = [c, expected];
  }
  return namedItemPath(['incidents', best.name, 'rate', rateKey(best.rate)]);
}

/** Inputs a sensitivity run moves, in the order of docs/decisions.md, with the ones at 0 left out (±25 % of 0 is 0). */
export function sensitivityPaths(profile: Profile, months: number): { path: string; group: string }[] {
  const out: { path: string; group: string }[] = [];
  const add = (group: string, segments: PathSegment[], value: unknown) => {
    if (value === undefined || value === 0) return;
    out.push({ group, path: namedItemPath(segments) });
  };
  for (const c of profile.incidents) {
    const at = (...rest: PathSegment[]) => ['incidents', c.name, ...rest];
    add('incident', at('rate', rateKey(c.rate)), c.rate[rateKey(c.rate)]);
    add('incident', at('labor_hours'), c.labor_hours);
    if (c.downtime) {
      add('incident', at('downtime', 'hours'), c.downtime.hours);
      add('incident', at('downtime', 'revenue_per_hour'), c.downtime.revenue_per_hour);
    }
    add('incident', at('direct_cost'), c.direct_cost);
    add('share', at('onsite_share'), c.onsite_share);
    add('share', at('after_hours_share'), c.after_hours_share);
    add('share', at('preventable'), c.preventable);
  }
  const bf = profile.break_fix;
  for (const k of ['hourly_rate', 'trip_fee'] as const) add('price', ['break_fix', k], bf[k]);
  if (bf.after_hours_multiplier > 1) add('price', ['break_fix', 'after_hours_multiplier'], bf.after_hours_multiplier);
  add('response', ['break_fix', 'response_hours'], bf.response_hours);
  const offers = managedOffers(profile);
  const tiers = Array.isArray(profile.managed);
  for (const m of offers) {
    const at = (k: string): PathSegment[] => (tiers ? ['managed', m.name ?? '', k] : ['managed', k]);
    for (const k of ['per_employee', 'per_device', 'per_server', 'per_site', 'flat', 'minimum_monthly', 'onboarding_fee'] as const)
      add('price', at(k), m[k]);
    add('price', at('out_of_scope_hourly_rate'), m.out_of_scope_hourly_rate);
    // A yearly increase changes nothing within the first year.
    if (months > 12) add('price', at('annual_increase'), m.annual_increase);
    add('prevention', at('prevention'), m.prevention);
    add('response', at('response_hours'), m.response_hours);
  }
  const h = profile.hybrid;
  if (h) {
    add('price', ['hybrid', 'monthly_cost_per_staff'], h.monthly_cost_per_staff);
    add('headcount', ['hybrid', 'internal_staff'], h.internal_staff);
    add('headcount', ['hybrid', 'hours_per_staff_month'], h.hours_per_staff_month);
    add('share', ['hybrid', 'escalation_share'], h.escalation_share);
    add('prevention', ['hybrid', 'prevention'], h.prevention);
    add('response', ['hybrid', 'response_hours'], h.response_hours);
  }
  if (profile.bad_year) add('incident', ['bad_year', 'p90'], profile.bad_year.p90);
  for (const k of ['employees', 'devices', 'servers', 'sites'] as const) add('headcount', ['organization', k], profile.organization[k]);
  add('cost', ['organization', 'loaded_hourly_cost'], profile.organization.loaded_hourly_cost);
  return out;
}

/**
 * The --set argument that fixes an uncertain per-trial input at its mean (for the exact method):
 * `incidents["user support"].rate.per_employee=0.457`; undefined for a key that is not an input.
 */
export function fixAtMean(profile: Profile, key: string): string | undefined {
  let path = key;
  const rate = /^incidents\["((?:[^"\\]|\\.)*)"\]\.rate$/.exec(key);
  if (rate) {
    const name = JSON.parse(`"${rate[1]}"`) as string;
    const c = profile.incidents.find((x) => x.name === name);
    if (!c) return undefined;
    path = `${key}.${rateKey(c.rate)}`;
  }
  const k = knobAt(profile, path);
  return k.ok ? `${k.knob.path}=${Number(k.knob.value.toPrecision(6))}` : undefined;
}
