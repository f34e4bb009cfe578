import { mean, quantile, sampleStandardDeviation } from 'simple-statistics';
import type { Basis, Metric } from './model.js';
import { asNumbers, batchBounds } from './summary.js';

/** What a saving is made of (docs/model.md §6): the mean paired differences of the three parts of total cost. */
export interface Components {
  readonly spend: number;
  readonly downtimeCost: number;
  readonly directCost: number;
}

export interface Versus {
  readonly option: number;
  readonly meanSaving: number;
  readonly meanSavingSe: number;
  readonly pCheaper: number;
  /** This option's cost minus the recommended one's, part by part. */
  readonly components: Components;
}

export interface Decision {
  /** Indexes into the options list. */
  readonly option: number;
  readonly runnerUp: number;
  readonly basis: Basis;
  readonly metric: Metric;
  readonly meanSaving: number;
  readonly meanSavingSe: number;
  readonly metricSaving: number;
  readonly metricSavingSe: number;
  readonly tooClose: boolean;
  /** The runner-up's cost minus the recommended one's, part by part. */
  readonly components: Components;
  /** Every option but the recommended one, in option order. */
  readonly versus: readonly Versus[];
}

/** Per option, the per-trial horizon values a decision reads. */
export interface DecisionInputs {
  /** The basis (total cost or spend): what the options are ranked on. */
  readonly basis: readonly Float64Array[];
  readonly spend: readonly Float64Array[];
  readonly downtimeCost: readonly Float64Array[];
  readonly directCost: readonly Float64Array[];
}

export function metricOf(values: Float64Array, metric: Metric): number {
  if (metric === 'mean') return mean(asNumbers(values));
  return quantile(asNumbers(values), metric === 'p50' ? 0.5 : 0.9);
}

/** Mean of the paired differences a − b. */
function meanDifference(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! - b[i]!;
  return sum / a.length;
}

/** Mean and standard error of the paired differences a − b. */
export function pairedSaving(a: Float64Array, b: Float64Array): { mean: number; se: number } {
  const d = new Float64Array(a.length);
  // Stryker disable next-line EqualityOperator: i <= a.length only writes past the end of a typed array, which is ignored.
  for (let i = 0; i < a.length; i++) d[i] = a[i]! - b[i]!;
  const sd = d.length > 1 ? sampleStandardDeviation(asNumbers(d)) : 0;
  return { mean: mean(asNumbers(d)), se: sd / Math.sqrt(d.length) };
}

/**
 * The metric difference a − b and its standard error from batch means over batchBounds:
 * the difference within each batch, their sd / √B.
 */
export function batchedMetricSaving(a: Float64Array, b: Float64Array, metric: Metric): { saving: number; se: number } {
  const saving = metricOf(a, metric) - metricOf(b, metric);
  const bounds = batchBounds(a.length);
  const diffs: number[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const [from, to] = [bounds[k]!, bounds[k + 1]!];
    diffs.push(metricOf(a.subarray(from, to), metric) - metricOf(b.subarray(from, to), metric));
  }
  return { saving, se: diffs.length > 1 ? sampleStandardDeviation(diffs) / Math.sqrt(diffs.length) : 0 };
}

function pCheaper(a: Float64Array, b: Float64Array): number {
  let cheaper = 0;
  // Stryker disable next-line EqualityOperator: i <= a.length compares undefined < undefined past the end, which is false.
  for (let i = 0; i < a.length; i++) if (a[i]! < b[i]!) cheaper++;
  return cheaper / a.length;
}

function componentsOf(inputs: DecisionInputs, o: number, rec: number): Components {
  return {
    spend: meanDifference(inputs.spend[o]!, inputs.spend[rec]!),
    downtimeCost: meanDifference(inputs.downtimeCost[o]!, inputs.downtimeCost[rec]!),
    directCost: meanDifference(inputs.directCost[o]!, inputs.directCost[rec]!),
  };
}

/** The recommendation (docs/model.md §6): the lowest metric of the basis, the runner-up, the savings and how sure they are. */
export function decide(inputs: DecisionInputs, basis: Basis, metric: Metric): Decision {
  const values = inputs.basis;
  const metrics = values.map((v) => metricOf(v, metric));
  // A stable sort keeps ties in option order, so the earlier option wins them.
  const order = metrics.map((_, i) => i).sort((x, y) => metrics[x]! - metrics[y]!);
  const option = order[0]!;
  const runnerUp = order[1]!;
  const rec = values[option]!;
  const versus = values.flatMap((v, o) => {
    if (o === option) return [];
    const s = pairedSaving(v, rec);
    return [{ option: o, meanSaving: s.mean, meanSavingSe: s.se, pCheaper: pCheaper(v, rec), components: componentsOf(inputs, o, option) }];
  });
  const vsRunnerUp = versus.find((v) => v.option === runnerUp)!;
  const byMetric =
    metric === 'mean'
      ? { saving: vsRunnerUp.meanSaving, se: vsRunnerUp.meanSavingSe }
      : batchedMetricSaving(values[runnerUp]!, rec, metric);
  return {
    option,
    runnerUp,
    basis,
    metric,
    meanSaving: vsRunnerUp.meanSaving,
    meanSavingSe: vsRunnerUp.meanSavingSe,
    metricSaving: byMetric.saving,
    metricSavingSe: byMetric.se,
    tooClose: Math.abs(byMetric.saving) <= 2 * byMetric.se,
    components: vsRunnerUp.components,
    versus,
  };
}
