import type { Command } from 'commander';
import type { ProfileInput } from '../load.js';
import { addPrecisionOptions, addProfileOptions, formatOf, type OutputFlags, type SimulationFlags } from '../options.js';
import type { Context } from '../program.js';

type CompareFlags = SimulationFlags & OutputFlags;

async function compare(ctx: Context, args: string[], flags: CompareFlags): Promise<void> {
  const { expandFolders } = await import('../io.js');
  const files = expandFolders(args);
  const { readProfile } = await import('../load.js');
  const { precisionOf, runProfile, settingsFor, withExecution } = await import('../execute.js');
  const { profileLabel } = await import('../render.js');
  const c = await import('../../report/compare.js');
  const { checkOutput, emit } = await import('../output.js');
  checkOutput(flags.output, files);
  // Read every file first, so a broken one stops the run before any simulation.
  const profiles: ProfileInput[] = [];
  for (const file of files) profiles.push(await readProfile(file, ctx.io, 2, flags.set));
  const format = formatOf(flags);
  const { workOf } = await import('../../run/work.js');
  const items = await withExecution(ctx.io, flags, format, async (exec) => {
    const total = profiles.reduce((sum, p) => sum + workOf(p.loaded.model, settingsFor(p, flags)), 0);
    exec.plan(total, `simulating ${profiles.length} profile${profiles.length === 1 ? '' : 's'}`);
    const done = [];
    for (const p of profiles) {
      const report = await runProfile(p, settingsFor(p, flags), p.input.label, flags.set, exec, precisionOf(flags));
      done.push({ report, label: profileLabel(report) });
    }
    return done;
  });
  const text =
    format === 'json'
      ? c.renderCompareJson(items)
      : format === 'csv'
        ? c.renderCompareCsv(items)
        : format === 'markdown'
          ? c.renderCompareMarkdown(items)
          : c.renderCompareText(items, ctx.theme(flags.output));
  emit(ctx.io, text, flags.output);
}

export function addCompareCommand(program: Command, ctx: Context): void {
  const cmd = program
    .command('compare')
    .summary('compare several profiles in one table')
    .description(
      'Run several profiles and show them in one table, a row per option and tier.\n' +
        'Each profile keeps its own simulation settings unless flags say otherwise.\n' +
        'A folder means every .yaml and .yml file in it.\n\n' +
        'Examples:\n' +
        '  supportcast compare scenarios/\n' +
        '  supportcast compare clients/*.yaml --seed 1 --format csv -o budget.csv\n' +
        '  supportcast compare quote-a.yaml quote-b.yaml --format markdown',
    )
    .argument('<files...>', 'profile YAML files, - for stdin');
  addPrecisionOptions(addProfileOptions(cmd, ['table', 'json', 'csv', 'markdown'])).action((files: string[], flags: CompareFlags) =>
    compare(ctx, files, flags),
  );
}
