import type { Command } from 'commander';
import { addProfileOptions, formatOf, type OutputFlags, type SimulationFlags } from '../options.js';
import type { Context } from '../program.js';

type DiffFlags = SimulationFlags & OutputFlags;

async function diff(ctx: Context, oldFile: string, newFile: string, flags: DiffFlags): Promise<void> {
  const { readProfile } = await import('../load.js');
  const { runProfile, settingsFor, withExecution } = await import('../execute.js');
  const { inputChanges } = await import('../inputs.js');
  const d = await import('../../report/diff.js');
  const { checkOutput, emit } = await import('../output.js');
  checkOutput(flags.output, [oldFile, newFile]);
  const a = await readProfile(oldFile, ctx.io, 2, flags.set);
  const b = await readProfile(newFile, ctx.io, 2, flags.set);
  // Both run with old's settings (unless flags override) so only the inputs differ.
  const settings = settingsFor(a, flags);
  const [oldReport, newReport] = await withExecution(ctx.io, flags, formatOf(flags), async (exec) => [
    await runProfile(a, settings, a.input.label, flags.set, exec),
    await runProfile(b, settings, b.input.label, flags.set, exec),
  ]);
  const json = d.buildDiff(oldReport, newReport, inputChanges(a.loaded.profile, b.loaded.profile));
  const format = formatOf(flags);
  const text =
    format === 'json'
      ? `${JSON.stringify(json, null, 2)}\n`
      : format === 'markdown'
        ? d.renderDiffMarkdown(json, oldReport, newReport)
        : d.renderDiffText(json, oldReport, newReport, ctx.theme(flags.output));
  emit(ctx.io, text, flags.output);
}

export function addDiffCommand(program: Command, ctx: Context): void {
  const cmd = program
    .command('diff')
    .summary('what a change to a profile does')
    .description(
      'Run the old and the new profile with the same seed, and show what moved.\n' +
        "Both use the old profile's settings unless flags say otherwise.\n" +
        'It lists the changed inputs, then invoices, costs and saving before and after.\n\n' +
        'Examples:\n' +
        '  supportcast diff pricing-2025.yaml pricing-2026.yaml\n' +
        '  git show main:client.yaml | supportcast diff - client.yaml --format markdown',
    )
    .argument('<old>', 'the profile before the change, - for stdin')
    .argument('<new>', 'the profile after the change');
  addProfileOptions(cmd, ['table', 'json', 'markdown']).action((oldFile: string, newFile: string, flags: DiffFlags) =>
    diff(ctx, oldFile, newFile, flags),
  );
}
