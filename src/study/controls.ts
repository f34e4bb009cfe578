import { niceStep } from '../engine/histogram.js';
import { managedOffers, rateKey } from '../profile/compile.js';
import { namedItemPath } from '../profile/knobs.js';
import type { Profile } from '../profile/schema.js';
import { inputLabel, type SensitivityJson } from '../report/sensitivity.js';
import type { Amount, Control, ControlEffect, LiveConfig } from '../shared/controls.js';

/**
 * The live page's controls for a profile (docs/decisions.md): each managed offer's main fee,
 * break-fix's hourly rate, the response times, a factor on every class's rate and one per
 * class, the headcount, the in-house team and a bad year — ordered as the sensitivity study
 * ranks what they move, so the inputs that matter most come first.
 */

/** The number a slider stands for: a plain value, a triangle's mode, a lognormal's median. */
function centralOf(a: Amount): number {
  if (typeof a === 'number') return a;
  return a.mode ?? a.p50 ?? a.mean ?? Object.values(a)[0]!;
}

const fixed = (x: number, step: number) => {
  const d = String(step).includes('.') ? String(step).length - String(step).indexOf('.') - 1 : 0;
  return Number(x.toFixed(d));
};

/** A range from about `lo` to `hi` in steps that pass through `value`, so the profile's value is always one of the slider's. */
function around(value: number, lo: number, hi: number, step: number): Pick<Control, 'min' | 'max' | 'step' | 'value'> {
  const below = Math.max(0, Math.floor((value - lo) / step + 1e-9));
  const above = Math.max(1, Math.floor((hi - value) / step + 1e-9));
  return { min: fixed(value - below * step, step), max: fixed(value + above * step, step), step, value };
}

/** About fifty steps across a money or hours range, on a round step. */
function moneyRange(value: number): Pick<Control, 'min' | 'max' | 'step' | 'value'> {
  return around(value, value / 4, value * 3, niceStep(Math.max(value, 1e-6) / 50));
}

const FEES = ['per_employee', 'per_device', 'per_site', 'per_server', 'flat'] as const;

const FEE_SUFFIX: Record<(typeof FEES)[number], string> = {
  per_employee: 'a seat a month',
  per_device: 'a device a month',
  per_site: 'a site a month',
  per_server: 'a server a month',
  flat: 'a month',
};

interface Ranked extends Control {
  readonly rankPaths: readonly string[];
}

function scale(path: string, base: Amount): ControlEffect {
  return { kind: 'scale', path, base, central: centralOf(base) };
}

export function liveControls(profile: Profile, sensitivity: SensitivityJson): LiveConfig {
  const names = sensitivity.options;
  const out: Ranked[] = [];
  const offers = managedOffers(profile);
  const tiered = Array.isArray(profile.managed);
  for (const o of offers) {
    const at = (...rest: string[]) => namedItemPath(tiered ? ['managed', o.name ?? '', ...rest] : ['managed', ...rest]);
    const fee = FEES.find((k) => o[k] !== 0) ?? 'per_employee';
    const base = o[fee] as Amount;
    const path = at(fee);
    out.push({
      id: path,
      label: inputLabel(path, names),
      unit: 'money',
      suffix: FEE_SUFFIX[fee],
      ...moneyRange(centralOf(base)),
      effect: scale(path, base),
      rankPaths: [path],
    });
    const resp = at('response_hours');
    const r = o.response_hours as Amount;
    out.push({
      id: resp,
      label: `${inputLabel(resp, names)} (P50)`,
      unit: 'hours',
      suffix: '',
      ...moneyRange(centralOf(r)),
      effect: scale(resp, r),
      rankPaths: [resp],
    });
  }
  const bf = profile.break_fix;
  out.push({
    id: 'break_fix.hourly_rate',
    label: 'Break-fix: hourly rate',
    unit: 'money',
    suffix: 'an hour',
    ...moneyRange(centralOf(bf.hourly_rate as Amount)),
    effect: scale('break_fix.hourly_rate', bf.hourly_rate as Amount),
    rankPaths: ['break_fix.hourly_rate'],
  });
  const bfr = bf.response_hours as Amount;
  out.push({
    id: 'break_fix.response_hours',
    label: 'Break-fix: response time (P50)',
    unit: 'hours',
    suffix: '',
    ...moneyRange(centralOf(bfr)),
    effect: scale('break_fix.response_hours', bfr),
    rankPaths: ['break_fix.response_hours'],
  });
  const rates = profile.incidents.map((c) => ({
    path: namedItemPath(['incidents', c.name, 'rate', rateKey(c.rate)]),
    base: c.rate[rateKey(c.rate)] as Amount,
  }));
  const classPaths = profile.incidents.map((c) => [namedItemPath(['incidents', c.name, 'rate']), namedItemPath(['incidents', c.name])]);
  out.push({
    id: 'rates',
    label: 'Every incident class: how often (×)',
    unit: 'factor',
    suffix: '',
    ...around(1, 0.25, 4, 0.05),
    effect: { kind: 'rates', classes: profile.incidents.map((_, i) => i) },
    rankPaths: classPaths.flat(),
  });
  profile.incidents.forEach((c, i) => {
    out.push({
      id: `rate:${c.name}`,
      label: `${c.name}: how often (×)`,
      unit: 'factor',
      suffix: '',
      ...around(1, 0.25, 4, 0.05),
      effect: { kind: 'rates', classes: [i] },
      rankPaths: classPaths[i]!,
    });
  });
  const employees = profile.organization.employees;
  out.push({
    id: 'organization.employees',
    label: 'Employees',
    unit: 'count',
    suffix: employees === 1 ? 'employee' : 'employees',
    ...around(employees, Math.max(1, Math.round(employees / 2)), Math.max(employees + 5, employees * 2), 1),
    effect: { kind: 'value', path: 'organization.employees' },
    rankPaths: ['organization.employees'],
  });
  if (profile.hybrid) {
    const staff = profile.hybrid.internal_staff;
    out.push({
      id: 'hybrid.internal_staff',
      label: 'Hybrid: in-house techs',
      unit: 'count',
      suffix: '',
      ...around(staff, Math.min(staff, 1), Math.max(4, staff * 2), Number.isInteger(staff) ? 1 : 0.25),
      effect: { kind: 'value', path: 'hybrid.internal_staff' },
      rankPaths: ['hybrid.internal_staff'],
    });
  }
  const bad = profile.bad_year;
  out.push({
    id: 'bad_year.p90',
    label: 'Bad year: P90 factor on incidents',
    unit: 'factor',
    suffix: '',
    ...(bad ? around(bad.p90, 1.05, 2.3, 0.05) : around(1, 1, 2.3, 0.05)),
    effect: { kind: 'bad_year', had: bad !== undefined },
    rankPaths: ['bad_year.p90'],
  });
  const rank = (c: Ranked) => {
    const k = sensitivity.inputs.findIndex((x) =>
      c.rankPaths.some((p) => x.path === p || x.path.startsWith(`${p}.`) || x.path.startsWith(`${p}{`)),
    );
    return k < 0 ? Number.POSITIVE_INFINITY : k;
  };
  const ordered = out.map((c, i) => ({ c, r: rank(c), i })).sort((a, b) => a.r - b.r || a.i - b.i);
  return {
    controls: ordered.map(({ c: { rankPaths: _, ...control } }) => control),
    rates,
    currency: profile.currency,
  };
}
