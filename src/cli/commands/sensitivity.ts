import { type Command, InvalidArgumentError, Option } from 'commander';
import { addPrecisionOptions, addProfileOptions, formatOf, type OutputFlags, type SimulationFlags } from '../options.js';
import type { Context } from '../program.js';

interface SensitivityFlags extends SimulationFlags, OutputFlags {
  swing?: number;
  rerunTrials?: number;
}

/** --swing 0.25 or 25%: how far an input without a distribution moves each way. */
function swingOf(v: string): number {
  const pct = /^(\d+(?:\.\d+)?)%$/.exec(v.trim());
  const x = pct ? Number(pct[1]) / 100 : Number(v);
  if (!Number.isFinite(x) || x <= 0 || x >= 1) throw new InvalidArgumentError('Swing must be a share above 0 and below 1 (0.25 or 25%).');
  return x;
}

function rerunTrialsOf(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < 100 || n > 1_000_000)
    throw new InvalidArgumentError('Rerun trials must be a whole number from 100 to 1,000,000.');
  return n;
}

async function sensitivity(ctx: Context, file: string, flags: SensitivityFlags): Promise<void> {
  const { readProfile } = await import('../load.js');
  const { withExecution } = await import('../execute.js');
  const { checkOutput, emit } = await import('../output.js');
  const { asUsageError, studyEvaluator, studyMeta } = await import('../study.js');
  const { sensitivityStudy, RERUN_TRIALS } = await import('../../study/sensitivity.js');
  const r = await import('../../report/sensitivity.js');
  checkOutput(flags.output, [file]);
  const format = formatOf(flags);
  const profile = await readProfile(file, ctx.io, 2, flags.set);
  const json = await withExecution(ctx.io, flags, format, (exec) =>
    asUsageError(async () => {
      const settings = profile.loaded.profile.simulation;
      const reruns = (flags.rerunTrials ?? RERUN_TRIALS) / Math.max(1, flags.trials ?? settings.trials);
      // About two reruns for each of some fifty inputs, against one full run.
      const ev = await studyEvaluator(profile, flags, exec, `sensitivity of ${profile.loaded.profile.name}`, 1 + 110 * Math.min(1, reruns));
      return sensitivityStudy(ev, profile.loaded.profile, studyMeta(profile), {
        ...(flags.swing ? { swing: flags.swing } : {}),
        ...(flags.rerunTrials ? { rerunTrials: flags.rerunTrials } : {}),
      });
    }),
  );
  const text =
    format === 'json'
      ? r.renderSensitivityJson(json)
      : format === 'csv'
        ? r.renderSensitivityCsv(json)
        : format === 'markdown'
          ? r.renderSensitivityMarkdown(json)
          : r.renderSensitivityText(json, ctx.theme(flags.output));
  emit(ctx.io, text, flags.output);
}

export function addSensitivityCommand(program: Command, ctx: Context): void {
  const cmd = program
    .command('sensitivity')
    .summary('which inputs drive the decision (a tornado)')
    .description(
      'Move each input to a low and a high value; rank by how far the saving moves.\n' +
        'An uncertain input goes to its own P10 and P90; the others move by --swing.\n' +
        'Inputs that change the recommendation are marked with what wins instead.\n\n' +
        'Examples:\n' +
        '  supportcast sensitivity scenarios/dental-clinic.yaml\n' +
        '  supportcast sensitivity client.yaml --swing 10% --format markdown\n' +
        '  supportcast sensitivity client.yaml --json > drivers.json',
    )
    .argument('<profile>', 'profile YAML file, - for stdin')
    .addOption(new Option('--swing <share>', 'how far other inputs move (default: 25%)').argParser(swingOf))
    .addOption(new Option('--rerun-trials <n>', 'trials per rerun (default: 2,048)').argParser(rerunTrialsOf));
  addPrecisionOptions(addProfileOptions(cmd, ['table', 'json', 'csv', 'markdown'])).action((file: string, flags: SensitivityFlags) =>
    sensitivity(ctx, file, flags),
  );
}
