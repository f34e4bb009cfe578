import { batchedMetricSaving, metricOf, pairedSaving } from '../engine/analyze.js';
import type { SimulationOutput } from '../engine/collect.js';
import type { Metric, Model, RunSettings } from '../engine/model.js';
import { sliceArrays } from '../engine/quantities.js';
import { optionsOf } from '../engine/simulate.js';
import { type LoadedProfile, loadProfile, type Problem } from '../profile/load.js';
import type { Executor, Progress } from '../run/executor.js';
import { RunSession } from '../run/run.js';
import { workOf } from '../run/work.js';

export const METRICS: readonly Metric[] = ['mean', 'p50', 'p90'];

/** One run of the profile with some --set arguments: what the decision reads, per option. */
export interface Point {
  readonly model: Model;
  readonly trials: number;
  readonly months: number;
  /** Per option, the horizon values on the decision basis, one per trial. */
  readonly basis: readonly Float64Array[];
  /** Per metric, per option: the metric of the basis. */
  readonly metrics: Readonly<Record<Metric, readonly number[]>>;
}

/** A variant the user's --set arguments and the study's own do not make valid: the study stops and says why. */
export class VariantProblem extends Error {
  constructor(
    readonly sets: readonly string[],
    readonly problems: readonly Problem[],
  ) {
    super(`the profile is not valid with ${sets.join(' ')}: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  }
}

/** What a study runs on: the profile's text and --set arguments, the base settings, and where trials run. */
export interface StudyHost {
  readonly text: string;
  readonly overrides: readonly string[];
  readonly settings: RunSettings;
  readonly executorFor: (work: number) => Executor;
  /** Progress of one run of `work`, if a bar is showing. */
  readonly track?: (work: number) => Progress | undefined;
  /** Called when a run of `work` is done. */
  readonly finish?: (work: number) => void;
}

/**
 * Runs variants of one profile on the same seed: every run is a common-random-numbers
 * comparison with every other (docs/model.md §1), so differences between variants are not
 * noise. Runs are memoised by their --set arguments and trial count.
 */
export class Evaluator {
  private readonly memo = new Map<string, Promise<Point>>();
  private readonly sessions = new Map<string, RunSession>();
  private readonly pending = new Map<string, Promise<void>>();
  runs = 0;

  constructor(readonly host: StudyHost) {}

  /** The profile with these extra --set arguments, validated and compiled; a VariantProblem when it is not valid. */
  load(sets: readonly string[]): LoadedProfile {
    const r = loadProfile(this.host.text, [...this.host.overrides, ...sets]);
    if (!r.ok) throw new VariantProblem(sets, r.problems);
    return r.value;
  }

  /** Whether the profile stays valid with these --set arguments (no simulation). */
  valid(sets: readonly string[]): boolean {
    return loadProfile(this.host.text, [...this.host.overrides, ...sets]).ok;
  }

  /** Takes a run made elsewhere (a --precision run of the base profile) as this variant's point. */
  prime(sets: readonly string[], point: Point): void {
    this.memo.set(this.keyOf(sets, point.trials), Promise.resolve(point));
  }

  private keyOf(sets: readonly string[], trials: number): string {
    return `${trials}\u0000${sets.join('\u0000')}`;
  }

  at(sets: readonly string[], trials = this.host.settings.trials): Promise<Point> {
    const key = this.keyOf(sets, trials);
    let p = this.memo.get(key);
    if (!p) {
      p = this.run(sets, trials);
      this.memo.set(key, p);
    }
    return p;
  }

  /**
   * Runs the variant to `trials`. Trials are addressed, so a variant already run on fewer
   * trials (a search run) is extended rather than rerun: its first trials are the same numbers.
   */
  private async run(sets: readonly string[], trials: number): Promise<Point> {
    const key = sets.join('\u0000');
    let session = this.sessions.get(key);
    if (!session) {
      session = new RunSession(this.load(sets).model, { ...this.host.settings, trials });
      this.sessions.set(key, session);
    }
    // Runs of one variant happen one after another: a longer one waits for a shorter one under way.
    await this.pending.get(key);
    const model = session.model;
    const work = workOf(model, { trials: trials - session.trials, months: this.host.settings.months });
    const onProgress = this.host.track?.(work);
    const done =
      session.trials >= trials
        ? Promise.resolve()
        : session.extendTo(trials, this.host.executorFor(work), onProgress ? { onProgress } : {});
    this.pending.set(
      key,
      done.catch(() => undefined),
    );
    try {
      await done;
    } finally {
      this.host.finish?.(work);
    }
    this.runs++;
    return pointOf(model, sliceTo(session.output(), trials));
  }
}

/** The first `trials` trials of a run's output (views, no copy). */
function sliceTo(out: SimulationOutput, trials: number): SimulationOutput {
  if (out.trials === trials) return out;
  return { ...out, trials, values: sliceArrays(out.values, 0, 0, trials, out.months) };
}

export function pointOf(model: Model, out: SimulationOutput): Point {
  const v = out.values;
  const basis = model.decision.basis === 'spend' ? v.horizon_spend : v.horizon_total_cost;
  const metrics = Object.fromEntries(METRICS.map((m) => [m, basis.map((b) => metricOf(b, m))])) as Record<Metric, number[]>;
  return { model, trials: out.trials, months: out.months, basis, metrics };
}

/** The option with the lowest metric; ties go to the earlier option, as the decision's do. */
export function winner(values: readonly number[]): number {
  let best = 0;
  for (let o = 1; o < values.length; o++) if (values[o]! < values[best]!) best = o;
  return best;
}

/** The best option other than `w`: the challenger. */
export function challenger(values: readonly number[], w: number): number {
  let best = -1;
  for (let o = 0; o < values.length; o++) if (o !== w && (best < 0 || values[o]! < values[best]!)) best = o;
  return best;
}

/** Standard error of the metric difference other − w at a point (paired trials; batch means for percentiles). */
export function differenceSe(point: Point, metric: Metric, other: number, w: number): number {
  const a = point.basis[other]!;
  const b = point.basis[w]!;
  return metric === 'mean' ? pairedSaving(a, b).se : batchedMetricSaving(a, b, metric).se;
}

/** Option ids of a point's model, in decision order. */
export function optionIdsOf(model: Model): string[] {
  return optionsOf(model).map((o) => o.id);
}
