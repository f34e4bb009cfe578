/**
 * The quantities a run reports per option (docs/model.md §6), defined once: each is either one
 * value per trial-month or one value per trial (a sum over the horizon). Allocation,
 * transport between threads, analysis and the CSV all iterate this record.
 */
export const QUANTITY_SHAPE = {
  monthly_spend: 'month',
  monthly_total_cost: 'month',
  horizon_spend: 'trial',
  horizon_total_cost: 'trial',
  horizon_downtime_hours: 'trial',
  horizon_downtime_cost: 'trial',
  horizon_direct_cost: 'trial',
  one_off_spend: 'trial',
} as const satisfies Record<string, 'month' | 'trial'>;

export type Quantity = keyof typeof QUANTITY_SHAPE;

export const QUANTITIES = Object.keys(QUANTITY_SHAPE) as Quantity[];

/**
 * Quantities the analysis derives from the simulated ones (never simulated, stored or sent
 * between threads): `worst_month_spend`, each trial's highest regular month of spend.
 */
export const DERIVED_QUANTITIES = ['worst_month_spend'] as const;
export type DerivedQuantity = (typeof DERIVED_QUANTITIES)[number];

/** Every quantity a result summarises, in report order. */
export type ReportedQuantity = Quantity | DerivedQuantity;
export const REPORTED_QUANTITIES: readonly ReportedQuantity[] = [...QUANTITIES, ...DERIVED_QUANTITIES];

/** One array per option for each quantity. */
export type QuantityArrays = Record<Quantity, Float64Array[]>;

/** Values a quantity has per trial: its months for a trial-month quantity, else one. */
export function valuesPerTrial(q: ReportedQuantity, months: number): number {
  return q !== 'worst_month_spend' && QUANTITY_SHAPE[q] === 'month' ? months : 1;
}

/** Values a quantity has for `trials` trials of `months` months. */
export function lengthOf(q: Quantity, trials: number, months: number): number {
  return trials * valuesPerTrial(q, months);
}

/** Makes the arrays for `trials` trials of every option: `allocate` chooses the memory (shared, for worker threads). */
export function allocateArrays(
  options: number,
  trials: number,
  months: number,
  allocate: (length: number) => Float64Array = (n) => new Float64Array(n),
): QuantityArrays {
  const arrays = {} as QuantityArrays;
  for (const q of QUANTITIES) arrays[q] = Array.from({ length: options }, () => allocate(lengthOf(q, trials, months)));
  return arrays;
}

/** The part of `arrays` (which start at trial `base`) that holds trials first … first + trials − 1: views, no copy. */
export function sliceArrays(arrays: QuantityArrays, base: number, first: number, trials: number, months: number): QuantityArrays {
  const views = {} as QuantityArrays;
  for (const q of QUANTITIES) {
    const from = lengthOf(q, first - base, months);
    views[q] = arrays[q].map((a) => a.subarray(from, from + lengthOf(q, trials, months)));
  }
  return views;
}
