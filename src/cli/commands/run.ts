import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { themeFor } from '../colour.js';
import { addSimulationOptions, formatOption, type SimulationFlags } from '../options.js';
import { BUNDLED_PROFILE } from '../version.js';
import type { Context } from '../program.js';

interface RunFlags extends SimulationFlags {
  format: 'table' | 'json';
}

function bundledPath(): string {
  const abs = fileURLToPath(BUNDLED_PROFILE);
  const rel = relative(process.cwd(), abs);
  return rel.startsWith('..') ? abs : rel;
}

async function run(ctx: Context, file: string | undefined, flags: RunFlags): Promise<void> {
  const { readProfile } = await import('../load.js');
  const { runProfile, settingsFor } = await import('../execute.js');
  const path = file ?? bundledPath();
  if (file === undefined) ctx.io.err(`supportcast: no profile given — running the bundled example ${path}\n`);
  const profile = await readProfile(path, ctx.io, 2);
  const source = file === undefined ? `${path} (bundled)` : profile.input.label;
  const report = runProfile(profile, settingsFor(profile, flags), source);
  if (flags.format === 'json') {
    const { renderJson } = await import('../../report/json.js');
    ctx.io.out(renderJson(report.result));
  } else {
    const { renderTable } = await import('../../report/table.js');
    ctx.io.out(renderTable(report, themeFor(ctx.colourLevel(ctx.io.stdoutIsTTY))));
  }
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
        '  supportcast run client.yaml --trials 50000 --format json > result.json',
    )
    .argument('[profile]', 'profile YAML file, - for stdin (default: the bundled example)')
    .addOption(formatOption(['table', 'json']));
  addSimulationOptions(cmd).action((file: string | undefined, flags: RunFlags) => run(ctx, file, flags));
}
