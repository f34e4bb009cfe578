/**
 * The quantities a run reports per option (MODEL.md §6), defined once: each is either one
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
} as const satisfies Record<string, 'month' | 'trial'>;

export type Quantity = keyof typeof QUANTITY_SHAPE;

export const QUANTITIES = Object.keys(QUANTITY_SHAPE) as Quantity[];

/** One array per option for each quantity. */
export type QuantityArrays = Record<Quantity, Float64Array[]>;

/** Values a quantity has for `trials` trials of `months` months. */
export function lengthOf(q: Quantity, trials: number, months: number): number {
  return QUANTITY_SHAPE[q] === 'month' ? trials * months : trials;
}

/**
 * Views, quantity by quantity and option by option, into one buffer of
 * `arraysLength(…)` doubles: one allocation, and one transferable buffer per block.
 */
export function quantityViews(buffer: ArrayBufferLike, options: number, trials: number, months: number): QuantityArrays {
  let offset = 0;
  const views = {} as QuantityArrays;
  for (const q of QUANTITIES) {
    const length = lengthOf(q, trials, months);
    views[q] = Array.from({ length: options }, () => {
      const view = new Float64Array(buffer, offset * 8, length);
      offset += length;
      return view;
    });
  }
  return views;
}

/** Doubles needed for every quantity of every option. */
export function arraysLength(options: number, trials: number, months: number): number {
  return QUANTITIES.reduce((sum, q) => sum + options * lengthOf(q, trials, months), 0);
}
