/**
 * Caps on what a profile may say, where no real business goes. Each one keeps the numbers
 * finite and the run bounded; the README's "Limits" section lists them, and every
 * validation message that enforces one states it.
 */
export const LIMITS = {
  /** Any single amount of money: a price, a fee, a cost, revenue per hour. */
  money: 1e9,
  /** Any hours figure of one incident (labour, outage, response) or a billing rule. */
  hours: 10_000,
  /** The smallest positive hours figure: 0.001 h is 3.6 seconds. */
  minPositiveHours: 0.001,
  /** The smallest billing increment other than 0 (no rounding): 0.01 h is 36 seconds. */
  minIncrementHours: 0.01,
  /** Incidents per unit (employee, device, …) per month. */
  ratePerUnit: 1_000_000,
  /** Expected incidents of one class in one month (rate × units). */
  incidentsPerMonth: 1_000_000,
  /** A lognormal { p50, p90 }: p90 at most this many times p50 (σ ≤ 3.6). */
  p90OverP50: 100,
  /** A lognormal { mean, sd }: sd at most this many times the mean (σ ≤ 3.7). */
  sdOverMean: 1_000,
  /** employees, devices, servers, sites. */
  headcount: 1_000_000,
  internalStaff: 10_000,
  /** Working hours one person can give in a month (a month has at most 744 hours). */
  hoursPerStaffMonth: 744,
  dispersion: 100,
  /** The smallest positive dispersion; below it the count is Poisson to many digits. */
  minDispersion: 1e-6,

  afterHoursMultiplier: 10,
  incidentClasses: 100,
  managedTiers: 20,
  expectKeys: 500,
  /** Characters in a name or label. */
  text: 200,
  /** Bytes in a profile file. */
  profileBytes: 1 << 20,
  /** Incident-option evaluations one run may take without --allow-large (about 10 minutes here). */
  work: 5e10,
  /** Memory one run may hold without --allow-large. */
  memoryBytes: 4 * 2 ** 30,
} as const;

const en = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 6 });

/** 1,000,000,000 rather than 1e9; tiny or huge values in exponent form. */
export function formatLimit(x: number): string {
  if (x !== 0 && (Math.abs(x) >= 1e15 || Math.abs(x) < 1e-4)) return x.toExponential();
  return en.format(x);
}
