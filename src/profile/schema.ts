import * as z from 'zod';
import { firstControl } from '../shared/text.js';
import { nearest } from './paths.js';

/** ISO 4217 codes, as this Node's ICU knows them (the ones money can be formatted in). */
const CURRENCIES = Intl.supportedValuesOf('currency');

import { formatLimit, LIMITS } from './limits.js';

/**
 * The profile format of docs/model.md §5 as zod schemas: the single source of the file's shape,
 * its defaults, its ranges and its caps (limits.ts). Cross-field rules live in rules.ts.
 *
 * Messages written here are whole ("what is wrong — how to fix it"); issues.ts composes
 * the rest from zod's issue codes. A cap's reason travels as `cap: …` in the message.
 */

const ordered = (lowKey: string, highKey: string) => (v: Record<string, number>) => v[highKey]! >= v[lowKey]!;

/** The `cap: …` note issues.ts puts after "must be at most X, got Y — ". */
const cap = (why: string) => ({ message: `cap: ${why}` });

/** What an amount measures: its largest value, its smallest positive value, and why. */
interface AmountUnit {
  readonly id: string;
  readonly description: string;
  readonly max: number;
  readonly why: string;
  readonly minPositive?: { readonly value: number; readonly why: string };
}

function bounded(unit: AmountUnit, positive: boolean) {
  let n = positive ? z.number().positive() : z.number().min(0);
  n = n.max(unit.max, cap(unit.why));
  const minPositive = unit.minPositive;
  if (!minPositive) return n;
  // Values at or below 0 are the min()'s problem: one mistake, one message.
  return n.refine((v) => v <= 0 || v >= minPositive.value, {
    error: (iss) =>
      `must be ${positive ? '' : '0 or '}at least ${formatLimit(minPositive.value)}, got ${String(iss.input)} — ${minPositive.why}`,
  });
}

function triangular(value: z.ZodType<number>) {
  return z
    .strictObject({ low: value, mode: value, high: value })
    .refine(ordered('low', 'mode'), { path: ['mode'], message: 'must be at least low' })
    .refine(ordered('mode', 'high'), { path: ['high'], message: 'must be at least mode' });
}

/** A value drawn from a distribution: fixed, lognormal by p50/p90 or by mean/sd, or triangular. */
function amount(unit: AmountUnit) {
  const spread = LIMITS.p90OverP50;
  const sdRatio = LIMITS.sdOverMean;
  return z
    .union([
      bounded(unit, false),
      z
        .strictObject({ p50: bounded(unit, true), p90: bounded(unit, true) })
        .refine(ordered('p50', 'p90'), { path: ['p90'], message: 'must be at least p50' })
        // Only once each value is within its own bounds, so one mistake is one problem.
        .refine((v) => v.p90 > unit.max || v.p50 < (unit.minPositive?.value ?? 0) || v.p90 <= spread * v.p50, {
          path: ['p90'],
          error: (iss) => {
            const v = iss.input as { p50: number; p90: number };
            return `must be at most ${spread} × p50 (${formatLimit(spread * v.p50)}), got ${formatLimit(v.p90)} — a spread that wide is beyond the model's cap; check the units or split the class`;
          },
        }),
      z
        .strictObject({ mean: bounded(unit, true), sd: z.number().min(0).max(unit.max, cap(unit.why)) })
        .refine((v) => v.sd > unit.max || v.mean < (unit.minPositive?.value ?? 0) || v.sd <= sdRatio * v.mean, {
          path: ['sd'],
          error: (iss) => {
            const v = iss.input as { mean: number; sd: number };
            return `must be at most ${formatLimit(sdRatio)} × mean (${formatLimit(sdRatio * v.mean)}), got ${formatLimit(v.sd)} — a spread that wide is beyond the model's cap; check the units`;
          },
        }),
      triangular(bounded(unit, false)),
    ])
    .meta({
      id: unit.id,
      description: `${unit.description} A number, or { p50, p90 } (lognormal), { mean, sd } (lognormal) or { low, mode, high } (triangular).`,
    });
}

export const MoneyAmount = amount({
  id: 'MoneyAmount',
  description: `An amount of money (at most ${formatLimit(LIMITS.money)}).`,
  max: LIMITS.money,
  why: 'the cap for one amount of money; check the units',
});

export const HoursAmount = amount({
  id: 'HoursAmount',
  description: `Hours (at most ${formatLimit(LIMITS.hours)}; a positive value at least ${LIMITS.minPositiveHours}).`,
  max: LIMITS.hours,
  why: 'the cap for the hours of one incident; hours are hours, not minutes',
  minPositive: { value: LIMITS.minPositiveHours, why: 'hours are hours: 0.001 h is 3.6 seconds' },
});

export const RateAmount = amount({
  id: 'RateAmount',
  description: `Incidents per unit per month (at most ${formatLimit(LIMITS.ratePerUnit)}).`,
  max: LIMITS.ratePerUnit,
  why: 'the cap for incidents per unit a month; per_year divides by 12',
});

export type Amount = z.infer<typeof MoneyAmount>;

/** A fraction in [0, 1], fixed or triangular (drawn once per trial). */
export const Share = z.union([z.number().min(0).max(1), triangular(z.number().min(0).max(1))]).meta({
  id: 'Share',
  description: 'A fraction in [0, 1] (0.25, not 25), or { low, mode, high } within [0, 1].',
});
export type Share = z.infer<typeof Share>;

/** A name or label: printable text of reasonable length (it reaches terminals, tables and HTML). */
export const Text = z
  .string()
  .min(1)
  .max(LIMITS.text, cap(`names and labels have at most ${LIMITS.text} characters; shorten it`))
  .refine((s) => firstControl(s) === undefined, {
    error: (iss) => {
      const ch = firstControl(String(iss.input)) ?? '';
      const code = `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
      return `contains a control character (${code}) — use plain text without line breaks or escape codes`;
    },
  });

const headcount = z.number().int().min(0).max(LIMITS.headcount, cap('the cap for a headcount'));

export const RATE_KEYS = ['per_employee', 'per_device', 'per_server', 'per_site', 'per_month', 'per_year'] as const;
export type RateKey = (typeof RATE_KEYS)[number];

export const Rate = z
  .strictObject({
    per_employee: RateAmount.optional(),
    per_device: RateAmount.optional(),
    per_server: RateAmount.optional(),
    per_site: RateAmount.optional(),
    per_month: RateAmount.optional(),
    per_year: RateAmount.optional(),
  })
  .refine((r) => RATE_KEYS.filter((k) => r[k] !== undefined).length === 1, {
    message: `needs exactly one of ${RATE_KEYS.join(', ')}`,
  })
  .meta({ description: 'Expected incidents: exactly one of per_employee, per_device, per_server, per_site, per_month, per_year.' });

export const People = z.union([
  z.number().min(0).max(LIMITS.headcount, cap('the cap for a headcount')),
  z.literal('all'),
  z.strictObject({ share: z.number().min(0).max(1) }),
]);

export const Downtime = z.strictObject({
  hours: HoursAmount.default(0),
  people: People.default(1),
  revenue_per_hour: MoneyAmount.default(0),
});

export const Incident = z
  .strictObject({
    name: Text,
    rate: Rate,
    dispersion: z
      .number()
      .min(0)
      .max(LIMITS.dispersion, cap('variance λ + 100λ² is already far wilder than any published ticket data'))
      .refine((v) => v <= 0 || v >= LIMITS.minDispersion, {
        error: (iss) =>
          `must be 0 (Poisson) or at least ${LIMITS.minDispersion}, got ${String(iss.input)} — below that it is Poisson; write 0`,
      })
      .default(0),

    labor_hours: HoursAmount,
    downtime: Downtime.optional(),
    direct_cost: MoneyAmount.default(0),
    onsite_share: Share.default(0),
    after_hours_share: Share.default(0),
    preventable: Share.default(0),
    covered: z.boolean().default(true),
  })
  .meta({ id: 'Incident', description: 'One class of incidents.' });
export type Incident = z.infer<typeof Incident>;

const hoursRule = z.number().min(0).max(LIMITS.hours, cap('the cap for a billing rule in hours'));

export const BreakFix = z.strictObject({
  hourly_rate: MoneyAmount,
  after_hours_multiplier: z
    .number()
    .min(1)
    .max(LIMITS.afterHoursMultiplier, cap('after-hours rates are at most 10 times the normal rate'))
    .default(1),
  minimum_hours: hoursRule.default(0),
  billing_increment_hours: hoursRule
    .refine((v) => v <= 0 || v >= LIMITS.minIncrementHours, {
      error: (iss) =>
        `must be 0 (no rounding) or at least ${LIMITS.minIncrementHours}, got ${String(iss.input)} — write hours: 0.25 is a quarter hour, 0.01 is 36 seconds`,
    })
    .default(0),
  trip_fee: MoneyAmount.default(0),
  response_hours: HoursAmount,
});

export const TIER_NAME = /^[a-z0-9][a-z0-9_-]*$/;

export const ManagedOffer = z
  .strictObject({
    name: z.string().max(64, cap('tier names have at most 64 characters')).regex(TIER_NAME).optional(),
    label: Text.optional(),
    per_employee: MoneyAmount.default(0),
    per_device: MoneyAmount.default(0),
    per_server: MoneyAmount.default(0),
    per_site: MoneyAmount.default(0),
    flat: MoneyAmount.default(0),
    minimum_monthly: MoneyAmount.default(0),
    onboarding_fee: MoneyAmount.default(0),
    annual_increase: z.number().min(-0.2).max(0.5).default(0),
    out_of_scope_hourly_rate: MoneyAmount.optional(),
    covers_onsite: z.boolean().default(true),
    prevention: Share.default(1),
    response_hours: HoursAmount,
  })
  .meta({ id: 'ManagedOffer', description: 'A managed-services offer or tier.' });
export type ManagedOffer = z.infer<typeof ManagedOffer>;

export const Hybrid = z.strictObject({
  internal_staff: z.number().min(0).max(LIMITS.internalStaff, cap('the cap for in-house staff')),
  monthly_cost_per_staff: MoneyAmount,
  hours_per_staff_month: z.number().min(0).max(LIMITS.hoursPerStaffMonth, cap('a month has at most 744 hours')),
  escalation_share: Share.default(0),
  prevention: Share.default(0),
  response_hours: HoursAmount,
});

export const Organization = z.strictObject({
  employees: z.number().int().min(1).max(LIMITS.headcount, cap('the cap for a headcount')),
  devices: headcount.default(0),
  servers: headcount.default(0),
  sites: headcount.default(1),
  loaded_hourly_cost: MoneyAmount,
});

export const MAX_TRIALS = 10_000_000;

export const Simulation = z.strictObject({
  trials: z.number().int().min(2).max(MAX_TRIALS).default(10_000),
  months: z.number().int().min(1).max(120).default(12),
  seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(1),
});

export const Decision = z.strictObject({
  basis: z.enum(['total_cost', 'spend']).default('total_cost'),
  metric: z.enum(['mean', 'p50', 'p90']).default('mean'),
});

/**
 * Bad years (docs/model.md §3): a mean-1 gamma factor with this P90 on λ of the classes it
 * applies to, one draw per trial and year. The P90 of a mean-1 gamma of shape ≥ 1 lies in
 * (1, ln 10 ≈ 2.30].
 */
export const BadYear = z
  .strictObject({
    p90: z
      .number()
      .gt(1, { message: 'must be above 1, got a P90 of at most 1 — a bad year has more incidents than a typical one: write e.g. 1.4' })
      .max(2.3, cap('a mean-1 gamma with shape ≥ 1 has a P90 of at most 2.3 (the exponential); a wilder year is beyond the model')),
    applies_to: z.union([z.literal('all'), z.array(Text).min(1)]).default('all'),
  })
  .meta({ description: 'A bad year: a factor on the incident rates, drawn per trial and year (mean 1, this P90).' });

export const Bounds = z
  .strictObject({ min: z.number().optional(), max: z.number().optional() })
  .refine((b) => b.min !== undefined || b.max !== undefined, { message: 'needs min, max or both — e.g. { max: 9500 }' })
  .refine((b) => b.min === undefined || b.max === undefined || b.min <= b.max, {
    path: ['max'],
    message: 'must be at least min',
  });

/** What `supportcast check` asserts: see expect.ts for the keys. */
export const Expect = z
  .record(z.string(), z.union([z.string().max(LIMITS.text), z.boolean(), z.number(), Bounds]))
  .refine((e) => Object.keys(e).length <= LIMITS.expectKeys, {
    message: `has more than ${LIMITS.expectKeys} assertions — the cap for one profile; split the checks across profiles`,
  });

export const Profile = z.strictObject({
  version: z.literal(1),
  name: Text,
  currency: z
    .string()
    .refine((c) => CURRENCIES.includes(c), {
      error: (iss) => {
        const code = String(iss.input);
        const upper = code.toUpperCase();
        if (upper !== code && CURRENCIES.includes(upper))
          return `currency codes are in capitals, got ${JSON.stringify(code)} — write ${upper}`;
        return `unknown currency code ${JSON.stringify(code).slice(0, 40)} — use an ISO 4217 code; the nearest are ${nearest(upper, CURRENCIES, 3).join(', ')}`;
      },
    })
    .default('USD'),
  organization: Organization,
  simulation: Simulation.default({ trials: 10_000, months: 12, seed: 1 }),
  incidents: z
    .array(Incident)
    .min(1)
    .max(LIMITS.incidentClasses, cap(`a profile has at most ${LIMITS.incidentClasses} incident classes; merge similar ones`)),
  break_fix: BreakFix,
  managed: z
    .union([
      ManagedOffer,
      z
        .array(ManagedOffer)
        .min(2)
        .max(LIMITS.managedTiers, cap(`a profile has at most ${LIMITS.managedTiers} managed tiers; compare the rest in another profile`)),
    ])
    .optional(),
  hybrid: Hybrid.optional(),
  bad_year: BadYear.optional(),
  decision: Decision.default({ basis: 'total_cost', metric: 'mean' }),
  budget: z.strictObject({ monthly: z.number().min(0).max(LIMITS.money, cap('the cap for one amount of money')) }).optional(),
  expect: Expect.optional(),
});
export type Profile = z.infer<typeof Profile>;
