import * as z from 'zod';

/**
 * The profile format of MODEL.md §5 as zod schemas: the single source of the file's shape,
 * its defaults and its ranges. Cross-field rules live in rules.ts.
 */

const ordered = (lowKey: string, highKey: string) => (v: Record<string, number>) => v[highKey]! >= v[lowKey]!;

function triangular(min: number, max: number) {
  const bound = z.number().min(min).max(max);
  return z
    .strictObject({ low: bound, mode: bound, high: bound })
    .refine(ordered('low', 'mode'), { path: ['mode'], message: 'must be at least low' })
    .refine(ordered('mode', 'high'), { path: ['high'], message: 'must be at least mode' });
}

/** A value drawn from a distribution: fixed, lognormal by p50/p90 or by mean/sd, or triangular. */
export const Amount = z
  .union([
    z.number().min(0),
    z
      .strictObject({ p50: z.number().positive(), p90: z.number().positive() })
      .refine(ordered('p50', 'p90'), { path: ['p90'], message: 'must be at least p50' }),
    z.strictObject({ mean: z.number().positive(), sd: z.number().min(0) }),
    triangular(0, Number.MAX_VALUE),
  ])
  .meta({
    id: 'Amount',
    description: 'A number, or { p50, p90 } (lognormal), { mean, sd } (lognormal) or { low, mode, high } (triangular).',
  });
export type Amount = z.infer<typeof Amount>;

/** A fraction in [0, 1], fixed or triangular (drawn once per trial). */
export const Share = z.union([z.number().min(0).max(1), triangular(0, 1)]).meta({
  id: 'Share',
  description: 'A fraction in [0, 1] (0.25, not 25), or { low, mode, high } within [0, 1].',
});
export type Share = z.infer<typeof Share>;

const count = z.number().int().min(0);

export const RATE_KEYS = ['per_employee', 'per_device', 'per_server', 'per_site', 'per_month', 'per_year'] as const;
export type RateKey = (typeof RATE_KEYS)[number];

export const Rate = z
  .strictObject({
    per_employee: Amount.optional(),
    per_device: Amount.optional(),
    per_server: Amount.optional(),
    per_site: Amount.optional(),
    per_month: Amount.optional(),
    per_year: Amount.optional(),
  })
  .refine((r) => RATE_KEYS.filter((k) => r[k] !== undefined).length === 1, {
    message: `needs exactly one of ${RATE_KEYS.join(', ')}`,
  })
  .meta({ description: 'Expected incidents: exactly one of per_employee, per_device, per_server, per_site, per_month, per_year.' });

export const People = z.union([z.number().min(0), z.literal('all'), z.strictObject({ share: z.number().min(0).max(1) })]);

export const Downtime = z.strictObject({
  hours: Amount.default(0),
  people: People.default(1),
  revenue_per_hour: Amount.default(0),
});

export const Incident = z.strictObject({
  name: z.string().min(1),
  rate: Rate,
  dispersion: z.number().min(0).default(0),
  labor_hours: Amount,
  downtime: Downtime.optional(),
  direct_cost: Amount.default(0),
  onsite_share: Share.default(0),
  after_hours_share: Share.default(0),
  preventable: Share.default(0),
  covered: z.boolean().default(true),
}).meta({ id: 'Incident', description: 'One class of incidents.' });
export type Incident = z.infer<typeof Incident>;

export const BreakFix = z.strictObject({
  hourly_rate: Amount,
  after_hours_multiplier: z.number().min(1).default(1),
  minimum_hours: z.number().min(0).default(0),
  billing_increment_hours: z.number().min(0).default(0),
  trip_fee: Amount.default(0),
  response_hours: Amount,
});

export const TIER_NAME = /^[a-z0-9][a-z0-9_-]*$/;

export const ManagedOffer = z.strictObject({
  name: z.string().regex(TIER_NAME).optional(),
  label: z.string().min(1).optional(),
  per_employee: Amount.default(0),
  per_device: Amount.default(0),
  per_server: Amount.default(0),
  per_site: Amount.default(0),
  flat: Amount.default(0),
  minimum_monthly: Amount.default(0),
  onboarding_fee: Amount.default(0),
  annual_increase: z.number().min(-0.2).max(0.5).default(0),
  out_of_scope_hourly_rate: Amount.optional(),
  covers_onsite: z.boolean().default(true),
  prevention: Share.default(1),
  response_hours: Amount,
}).meta({ id: 'ManagedOffer', description: 'A managed-services offer or tier.' });
export type ManagedOffer = z.infer<typeof ManagedOffer>;

export const Hybrid = z.strictObject({
  internal_staff: z.number().min(0),
  monthly_cost_per_staff: Amount,
  hours_per_staff_month: z.number().min(0),
  escalation_share: Share.default(0),
  prevention: Share.default(0),
  response_hours: Amount,
});

export const Organization = z.strictObject({
  employees: z.number().int().min(1),
  devices: count.default(0),
  servers: count.default(0),
  sites: count.default(1),
  loaded_hourly_cost: Amount,
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

export const Bounds = z
  .strictObject({ min: z.number().optional(), max: z.number().optional() })
  .refine((b) => b.min !== undefined || b.max !== undefined, { message: 'needs min, max or both' })
  .refine((b) => b.min === undefined || b.max === undefined || b.min <= b.max, {
    path: ['max'],
    message: 'must be at least min',
  });

/** What `supportcast check` asserts: see expect.ts for the keys. */
export const Expect = z.record(z.string(), z.union([z.string(), z.boolean(), z.number(), Bounds]));

export const Profile = z.strictObject({
  version: z.literal(1),
  name: z.string().min(1),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .default('USD'),
  organization: Organization,
  simulation: Simulation.default({ trials: 10_000, months: 12, seed: 1 }),
  incidents: z.array(Incident).min(1),
  break_fix: BreakFix,
  managed: z.union([ManagedOffer, z.array(ManagedOffer).min(2)]).optional(),
  hybrid: Hybrid.optional(),
  decision: Decision.default({ basis: 'total_cost', metric: 'mean' }),
  budget: z.strictObject({ monthly: z.number().min(0) }).optional(),
  expect: Expect.optional(),
});
export type Profile = z.infer<typeof Profile>;
