import type { Analysis, Components, StandardErrors, Summary } from '../engine/analyze.js';
import type { Model } from '../engine/model.js';
import type { ReportedQuantity } from '../engine/quantities.js';
import type { ExplainJson } from './explain.js';
import { reasons } from './reasons.js';

export { displayName, horizonWord, proseName, shortName } from './names.js';

/** A summary as JSON: the statistics and their standard errors. */
export type SummaryJson = Omit<Summary, 'se'> & { se: StandardErrors };

/** The parts of a saving, as JSON. */
export interface ComponentsJson {
  spend: number;
  downtime_cost: number;
  direct_cost: number;
}

/** The JSON result, `supportcast/result@2` (docs/model.md §6, schema/result.schema.json). */
export interface ResultJson {
  schema: 'supportcast/result@2';
  tool: { name: 'supportcast'; version: string };
  profile: { name: string; file: string | null; sha256: string; currency: string };
  settings: { trials: number; months: number; seed: number; overrides: string[]; precision?: PrecisionJson };
  options: Record<string, OptionJson>;
  recommendation: RecommendationJson;
  histogram: HistogramJson;
  /** With --explain: each option's expected regular month, exactly, beside the simulation (docs/model.md §7). */
  explain?: Record<string, ExplainJson>;
}

/** Every option's yearly total cost binned on one axis: `edges` has bins + 1 values; each option's counts sum to the trials. */
export interface HistogramJson {
  quantity: 'yearly_total_cost';
  edges: number[];
  counts: Record<string, number[]>;
}

export type OptionJson = { label: string } & Record<ReportedQuantity, SummaryJson> & {
    p_best: number;
    p_month_over_budget?: number;
  };

export interface VersusJson {
  mean_saving: number;
  mean_saving_se: number;
  p_cheaper: number;
  components: ComponentsJson;
}

export interface RecommendationJson {
  option: string;
  runner_up: string;
  basis: 'total_cost' | 'spend';
  metric: 'mean' | 'p50' | 'p90';
  mean_saving: number;
  mean_saving_se: number;
  metric_saving: number;
  metric_saving_se: number;
  too_close: boolean;
  components: ComponentsJson;
  versus: Record<string, VersusJson>;
  reasons: string[];
}

/** How a --precision run met its target (docs/model.md §6). */
export interface PrecisionJson {
  requested: string;
  target: number;
  se: number;
  met: boolean;
  pilot_trials: number;
  planned_trials: number;
  max_trials: number;
}

export interface RunMeta {
  readonly version: string;
  readonly profileName: string;
  readonly file: string | null;
  readonly sha256: string;
  readonly currency: string;
  readonly seed: number;
  readonly overrides: readonly string[];
  readonly precision?: PrecisionJson;
}

function componentsJson(c: Components): ComponentsJson {
  return { spend: c.spend, downtime_cost: c.downtimeCost, direct_cost: c.directCost };
}

/** Builds the result@2 object from the analysis. */
export function buildResult(analysis: Analysis, model: Model, meta: RunMeta): ResultJson {
  const options: Record<string, OptionJson> = {};
  analysis.options.forEach((o, i) => {
    const s = analysis.stats[i]!;
    options[o.id] = {
      label: o.label,
      ...s.summaries,
      p_best: s.pBest,
      ...(s.pMonthOverBudget === undefined ? {} : { p_month_over_budget: s.pMonthOverBudget }),
    };
  });
  const d = analysis.decision;
  const axis = analysis.yearlyCost.axis;
  const id = (o: number) => analysis.options[o]!.id;
  return {
    schema: 'supportcast/result@2',
    tool: { name: 'supportcast', version: meta.version },
    profile: { name: meta.profileName, file: meta.file, sha256: meta.sha256, currency: meta.currency },
    settings: {
      trials: analysis.trials,
      months: analysis.months,
      seed: meta.seed,
      overrides: [...meta.overrides],
      ...(meta.precision ? { precision: meta.precision } : {}),
    },
    options,
    recommendation: {
      option: id(d.option),
      runner_up: id(d.runnerUp),
      basis: d.basis,
      metric: d.metric,
      mean_saving: d.meanSaving,
      mean_saving_se: d.meanSavingSe,
      metric_saving: d.metricSaving,
      metric_saving_se: d.metricSavingSe,
      too_close: d.tooClose,
      components: componentsJson(d.components),
      versus: Object.fromEntries(
        d.versus.map((v) => [
          id(v.option),
          { mean_saving: v.meanSaving, mean_saving_se: v.meanSavingSe, p_cheaper: v.pCheaper, components: componentsJson(v.components) },
        ]),
      ),
      reasons: reasons(analysis, model, meta.currency),
    },
    histogram: {
      quantity: 'yearly_total_cost',
      edges: Array.from({ length: axis.bins + 1 }, (_, k) => axis.lo + ((axis.hi - axis.lo) * k) / axis.bins),
      counts: Object.fromEntries(analysis.options.map((o, i) => [o.id, analysis.yearlyCost.counts[i]!])),
    },
  };
}
