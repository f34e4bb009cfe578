import type { Command } from 'commander';
import { CliError } from '../errors.js';
import { addProfileOptions, formatOf, type OutputFlags, type SimulationFlags } from '../options.js';
import type { Context } from '../program.js';

type ExactFlags = SimulationFlags & OutputFlags;

async function exact(ctx: Context, file: string, flags: ExactFlags): Promise<void> {
  const { readProfile } = await import('../load.js');
  const { settingsFor, withExecution } = await import('../execute.js');
  const { checkOutput, emit } = await import('../output.js');
  const { exactBlockers } = await import('../../engine/exact.js');
  const { fixAtMean } = await import('../../profile/knobs.js');
  const { RunSession } = await import('../../run/run.js');
  const { workOf } = await import('../../run/work.js');
  const { estimateRun, refuseLargeRun } = await import('../estimate.js');
  const { exactStudy } = await import('../../study/exact.js');
  const { studyMeta } = await import('../study.js');
  const r = await import('../../report/exact.js');
  checkOutput(flags.output, [file]);
  const format = formatOf(flags);
  const p = await readProfile(file, ctx.io, 2, flags.set);
  const { model, profile } = p.loaded;
  const blockers = exactBlockers(model);
  if (blockers.length > 0) {
    const lines = blockers.map((key) => {
      if (key === 'bad_year')
        return 'error: bad_year: a bad year ties a year\u2019s months together — remove bad_year for the exact method';
      const fix = fixAtMean(profile, key);
      return `error: ${key}: uncertain (drawn once per trial) — the exact method needs a fixed value: --set '${fix ?? `${key}=…`}' (its mean)`;
    });
    throw new CliError(2, `the exact method does not apply to ${p.input.label}: months must be independent and alike`, lines);
  }
  const settings = settingsFor(p, flags);
  const json = await withExecution(ctx.io, flags, format, async (exec) => {
    refuseLargeRun(estimateRun(model, settings, exec.threads), settings, exec.allowLarge);
    const work = workOf(model, settings);
    const session = new RunSession(model, settings);
    const onProgress = exec.track(work, `simulating ${profile.name}`);
    await session.extendTo(settings.trials, exec.executorFor(work), onProgress ? { onProgress } : {});
    return exactStudy(model, session.output(), { ...studyMeta(p), seed: settings.seed, overrides: flags.set });
  });
  const text =
    format === 'json'
      ? r.renderExactJson(json)
      : format === 'csv'
        ? r.renderExactCsv(json)
        : format === 'markdown'
          ? r.renderExactMarkdown(json)
          : r.renderExactText(json, ctx.theme(flags.output));
  emit(ctx.io, text, flags.output);
}

export function addExactCommand(program: Command, ctx: Context): void {
  const cmd = program
    .command('exact')
    .summary("break-fix's monthly bill exactly (Panjer)")
    .description(
      "Compute break-fix's monthly bill distribution exactly, by Panjer recursion.\n" +
        'It prints exact percentiles beside simulated ones, and how far apart they are.\n' +
        'It needs fixed per-trial inputs and no bad year; it names any in the way.\n\n' +
        'Examples:\n' +
        '  supportcast exact client.yaml\n' +
        "  supportcast exact scenarios/office-5.yaml --set 'incidents[4].rate.per_year=0.023'",
    )
    .argument('<profile>', 'profile YAML file, - for stdin');
  addProfileOptions(cmd, ['table', 'json', 'csv', 'markdown']).action((file: string, flags: ExactFlags) => exact(ctx, file, flags));
}
