import type { SimulationOutput } from '../engine/collect.js';
import type { RunSettings } from '../engine/model.js';
import { runToPrecision } from '../run/precision.js';
import { workOf } from '../run/work.js';
import { Evaluator, pointOf, VariantProblem } from '../study/evaluator.js';
import { CliError } from './errors.js';
import { estimateRun, refuseLargeRun } from './estimate.js';
import { type Execution, precisionOf, precisionShortfall, settingsFor } from './execute.js';
import type { ProfileInput } from './load.js';
import type { SimulationFlags } from './options.js';
import { VERSION } from './version.js';

/**
 * The evaluator a study (breakeven, sensitivity) runs its variants with: the profile as read,
 * the user's --set arguments, and the trials — the profile's, the flags', or as many as
 * --precision needs for the base run, which then becomes the study's first point.
 */
export async function studyEvaluator(
  p: ProfileInput,
  flags: SimulationFlags & { set: string[] },
  exec: Execution,
  label: string,
  work: number,
  /** A run of the base profile already made (the report's): the study starts from it, on its trials. */
  base?: SimulationOutput,
): Promise<Evaluator> {
  let settings: RunSettings = settingsFor(p, flags);
  const precision = precisionOf(flags);
  const model = p.loaded.model;
  let primed: ReturnType<typeof pointOf> | undefined;
  if (base) {
    settings = { ...settings, trials: base.trials };
    primed = pointOf(model, base);
  } else if (precision) {
    const executor = exec.executorFor(workOf(model, { trials: settings.trials, months: settings.months }));
    const r = await runToPrecision(model, settings.seed, settings.months, precision.target, executor, {
      maxTrials: precision.maxTrials,
      beforeStage: (_, total) => {
        const stage = { ...settings, trials: total };
        refuseLargeRun(estimateRun(model, stage, exec.threads), stage, exec.allowLarge);
        return undefined;
      },
    });
    if (!r.outcome.met)
      exec.io.err(`warning: ${p.loaded.profile.name}: ${precisionShortfall(precision.requested, r.outcome, p.loaded.profile.currency)}\n`);
    settings = { ...settings, trials: r.outcome.trials };
    primed = pointOf(model, r.output);
  }
  refuseLargeRun(estimateRun(model, settings, exec.threads), settings, exec.allowLarge);
  const planned = work * workOf(model, settings);
  exec.plan(planned, label);
  const ev = new Evaluator({
    text: p.input.text,
    overrides: flags.set,
    settings,
    executorFor: (w) => exec.executorFor(w),
    track: (w) => exec.track(w, label),
    finish: (w) => exec.finishRun(w),
  });
  if (primed) ev.prime([], primed);
  return ev;
}

/** What a study's JSON says about the profile and the tool. */
export function studyMeta(p: ProfileInput) {
  return {
    version: VERSION,
    profileName: p.loaded.profile.name,
    file: p.input.file,
    sha256: p.input.sha256,
    currency: p.loaded.profile.currency,
  };
}

/** A variant the study needed but the profile does not allow (a --between value out of range): the user's to fix. */
export async function asUsageError<T>(body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof VariantProblem) {
      throw new CliError(
        2,
        `the profile is not valid with ${e.sets.join(' ')} — choose a range (--between) where it is`,
        e.problems.map((x) => `error: --set ${e.sets.join(' ')}: ${x.path}: ${x.message}`),
      );
    }
    throw e;
  }
}

export { VERSION };
