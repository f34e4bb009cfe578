import { analyze } from '../engine/analyze.js';
import type { RunSettings } from '../engine/model.js';
import { simulate } from '../engine/simulate.js';
import { buildResult, type ResultJson } from '../report/result.js';
import type { RunReport } from '../report/table.js';
import type { ProfileInput } from './load.js';
import type { SimulationFlags } from './options.js';
import { VERSION } from './version.js';

/** Flags win over the profile's `simulation` block, which wins over the defaults. */
export function settingsFor(p: ProfileInput, flags: SimulationFlags): RunSettings {
  const sim = p.loaded.profile.simulation;
  return { trials: flags.trials ?? sim.trials, months: flags.months ?? sim.months, seed: flags.seed ?? sim.seed };
}

/** Simulates one profile and builds its result. */
export function runProfile(p: ProfileInput, settings: RunSettings, source: string, overrides: readonly string[] = []): RunReport {
  const { model, profile } = p.loaded;
  const analysis = analyze(model, simulate(model, settings));
  const result: ResultJson = buildResult(analysis, model, {
    version: VERSION,
    profileName: profile.name,
    file: p.input.file,
    sha256: p.input.sha256,
    currency: profile.currency,
    seed: settings.seed,
    overrides,
  });
  return { result, model, source };
}
