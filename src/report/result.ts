import type { Analysis, Summary } from '../engine/analyze.js';
import type { Model } from '../engine/model.js';
import { money, percent, roundish, whole } from './format.js';

/** The JSON result, `supportcast/result@1` (docs/model.md §6, schema/result.schema.json). */
export interface ResultJson {
  schema: 'supportcast/result@1';
  tool: { name: 'supportcast'; version: string };
  profile: { name: string; file: string | null; sha256: string; currency: string };
  settings: { trials: number; months: number; seed: number; overrides: string[] };
  options: Record<string, OptionJson>;
  recommendation: RecommendationJson;
}

export interface OptionJson {
  label: string;
  monthly_spend: Summary;
  monthly_total_cost: Summary;
  horizon_spend: Summary;
  horizon_total_cost: Summary;
  horizon_downtime_hours: Summary;
  horizon_downtime_cost: Summary;
  horizon_direct_cost: Summary;
  p_best: number;
  p_month_over_budget?: number;
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
  versus: Record<string, { mean_saving: number; mean_saving_se: number; p_cheaper: number }>;
  reasons: string[];
}

export interface RunMeta {
  readonly version: string;
  readonly profileName: string;
  readonly file: string | null;
  readonly sha256: string;
  readonly currency: string;
  readonly seed: number;
  readonly overrides: readonly string[];
}

/** What a person calls an option: "Managed · All-inclusive", "Hybrid · 1 in-house tech". */
export function displayName(id: string, label: string, model: Model): string {
  if (id === 'break_fix') return 'Break-fix';
  if (id === 'hybrid') {
    const staff = model.hybrid?.internalStaff ?? 0;
    return `Hybrid · ${whole(staff) === String(staff) ? staff : staff.toFixed(1)} in-house tech${staff === 1 ? '' : 's'}`;
  }
  return label === 'Managed' ? 'Managed' : `Managed · ${label}`;
}

/** The shortest name that still tells options apart: "Break-fix", "Essentials", "Hybrid". */
export function shortName(id: string, label: string): string {
  if (id === 'break_fix') return 'Break-fix';
  if (id === 'hybrid') return 'Hybrid';
  return label;
}

/** An option's name inside a sentence: "break-fix", "Hybrid", "Managed · Essentials". */
export function proseName(id: string, label: string, model: Model): string {
  if (id === 'break_fix') return 'break-fix';
  if (id === 'hybrid') return 'Hybrid';
  return displayName(id, label, model);
}

function sentence(s: string): string {
  return s[0]!.toUpperCase() + s.slice(1);
}

/** "years" for a 12-month horizon, "24-month periods" otherwise. */
export function horizonWord(months: number): string {
  return months === 12 ? 'years' : `${months}-month periods`;
}

function reasons(analysis: Analysis, model: Model, currency: string): string[] {
  const d = analysis.decision;
  const perYear = 12 / analysis.months;
  const name = (o: number) => proseName(analysis.options[o]!.id, analysis.options[o]!.label, model);
  const cash = (x: number) => money(roundish(x * perYear), currency);
  const stats = (o: number) => analysis.stats[o]!.summaries;
  const rec = d.option;
  const bfVs = d.versus.find((v) => v.option === 0);
  const compareTo = rec === 0 ? d.runnerUp : 0;
  const out: string[] = [];
  if (d.tooClose) {
    out.push(
      `Too close to call at ${whole(analysis.trials)} trials — ${name(rec)} and ${name(d.runnerUp)} differ by ` +
        `${cash(d.metricSaving)} ± ${cash(2 * d.metricSavingSe)} a year; run with more trials or treat them as equal.`,
    );
  } else {
    const what = d.metric === 'mean' ? 'on average' : `at the ${d.metric.toUpperCase()}`;
    const against = rec !== 0 && d.runnerUp !== 0 && bfVs ? `, and ${cash(bfVs.meanSaving)} against break-fix` : '';
    out.push(
      `Saves ${cash(d.metricSaving)} a year ${what} against the runner-up, ${name(d.runnerUp)} (± ${cash(2 * d.metricSavingSe)})${against}.`,
    );
  }
  const runnerUp = d.versus.find((v) => v.option === d.runnerUp)!;
  out.push(
    sentence(`${name(d.runnerUp)} would have been cheaper in ${percent(runnerUp.pCheaper)} of simulated ${horizonWord(analysis.months)}.`),
  );
  const spread = (o: number) => stats(o).monthly_spend.p90 - stats(o).monthly_spend.p10;
  out.push(
    `The monthly bill moves by ${money(roundish(spread(rec)), currency)} between P10 and P90, against ` +
      `${money(roundish(spread(compareTo)), currency)} for ${name(compareTo)}.`,
  );
  const avoided = (stats(compareTo).horizon_downtime_hours.mean - stats(rec).horizon_downtime_hours.mean) * perYear;
  out.push(
    `${whole(roundish(Math.abs(avoided)))} ${avoided >= 0 ? 'fewer' : 'more'} staff-hours lost to downtime a year than ${name(compareTo)}.`,
  );
  return out;
}

/** Builds the result@1 object from the analysis. */
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
  const id = (o: number) => analysis.options[o]!.id;
  return {
    schema: 'supportcast/result@1',
    tool: { name: 'supportcast', version: meta.version },
    profile: { name: meta.profileName, file: meta.file, sha256: meta.sha256, currency: meta.currency },
    settings: { trials: analysis.trials, months: analysis.months, seed: meta.seed, overrides: [...meta.overrides] },
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
      versus: Object.fromEntries(
        d.versus.map((v) => [id(v.option), { mean_saving: v.meanSaving, mean_saving_se: v.meanSavingSe, p_cheaper: v.pCheaper }]),
      ),
      reasons: reasons(analysis, model, meta.currency),
    },
  };
}
