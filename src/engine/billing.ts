/**
 * Break-fix billing (docs/model.md §4), the one implementation the engine runs and the tests
 * call. Money is in cents (v2): billed hours are a whole number of increments times the
 * increment, and each bill is rounded to the cent, half away from zero, as an invoice is.
 */

/** Whole increments that cover `hours` of labour; the 1e-9 keeps exact multiples (2.1 h at 0.3 h) from billing an extra step. */
export function incrementsFor(hours: number, increment: number): number {
  return Math.ceil(hours / increment - 1e-9);
}

/** Billable hours for H hours of labour: H rounded up to whole increments (0: no rounding), at least the minimum. */
export function billedHours(hours: number, minimumHours: number, increment: number): number {
  const rounded = increment > 0 ? incrementsFor(hours, increment) * increment : hours;
  return Math.max(rounded, minimumHours);
}

/** An amount of money in whole cents, half away from zero (amounts here are never negative). */
export function toCents(amount: number): number {
  return Math.round(amount * 100);
}

/** One incident's bill in cents: billed hours × rate (× the after-hours multiplier), plus the trip fee when on site. */
export function chargeCents(billed: number, rate: number, multiplier: number, tripFee: number): number {
  return Math.round((billed * rate * multiplier + tripFee) * 100);
}
