import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { addPrecisionOptions, addProfileOptions, formatOf, type OutputFlags, type SimulationFlags } from '../options.js';
import type { Context } from '../program.js';
import { BUNDLED_PROFILE } from '../version.js';

type RunFlags = SimulationFlags & OutputFlags & { explain?: boolean };

function bundledPath(): string {
  const abs = fileURLToPath(BUNDLED_PROFILE);
  const rel = relative(process.cwd(), abs);
  return rel.startsWith('..') ? abs : rel;
}

async function run(ctx: Context, file: string | undefined, flags: RunFlags): Promise<void> {
  const { readProfile } = await import('../load.js');
  const { precisionOf, runProfile, settingsFor, withExecution } = await import('../execute.js');
  const { renderReport } = await import('../render.js');
  const { checkOutput, emit } = await import('../output.js');
  const path = file ?? bundledPath();
  checkOutput(flags.output, [path]);
  if (file === undefined) ctx.io.err(`supportcast: no profile given — running the bundled example ${path}\n`);
  const profile = await readProfile(path, ctx.io, 2, flags.set);
  const source = file === undefined ? `${path} (bundled)` : profile.input.label;
  const format = formatOf(flags);
  const settings = settingsFor(profile, flags);
  const report = await withExecution(ctx.io, flags, format, (exec) =>
    runProfile(profile, settings, source, flags.set, exec, precisionOf(flags), { explain: flags.explain === true }),
  );
  emit(ctx.io, renderReport(report, format, ctx.theme(flags.output)), flags.output);
}

export function addRunCommand(program: Command, ctx: Context): void {
  const cmd = program
    .command('run')
    .summary('simulate one profile and recommend an option')
    .description(
      'Simulate one business profile and recommend break-fix, managed or hybrid.\n\n' +
        'Examples:\n' +
        '  supportcast run                        # the bundled 40-person dental clinic\n' +
        '  supportcast run scenarios/office-5.yaml --seed 7\n' +
        '  supportcast run client.yaml --set managed.per_employee=95\n' +
        '  supportcast run client.yaml --trials 50000 --json > result.json',
    )
    .argument('[profile]', 'a YAML file, - for stdin (default: bundled example)')
    .option('--explain', 'exact expected months beside the simulated ones');
  addPrecisionOptions(addProfileOptions(cmd, ['table', 'json', 'csv', 'markdown'])).action((file: string | undefined, flags: RunFlags) =>
    run(ctx, file, flags),
  );
}
