import { quantileSorted } from 'simple-statistics';

/** One option's bill month by month: per month, the P10, P50 and P90 across trials. */
export interface MonthlyBand {
  readonly p10: readonly number[];
  readonly p50: readonly number[];
  readonly p90: readonly number[];
}

/**
 * The bill a client receives in each month of the horizon, across trials (R type-7
 * percentiles, as the summaries use): the regular month plus the one-off fees, which fall in
 * month 1 (docs/model.md §6). `monthly` holds trial × month regular spend; `oneOff` one value
 * per trial. Yearly increases show as steps because each month is its own distribution.
 */
export function monthlyBand(monthly: Float64Array, oneOff: Float64Array, months: number): MonthlyBand {
  const trials = oneOff.length;
  const column = new Float64Array(trials);
  const band = { p10: [] as number[], p50: [] as number[], p90: [] as number[] };
  for (let m = 0; m < months; m++) {
    for (let t = 0; t < trials; t++) column[t] = monthly[t * months + m]! + (m === 0 ? oneOff[t]! : 0);
    column.sort();
    const sorted = column as unknown as number[];
    band.p10.push(quantileSorted(sorted, 0.1));
    band.p50.push(quantileSorted(sorted, 0.5));
    band.p90.push(quantileSorted(sorted, 0.9));
  }
  return band;
}
