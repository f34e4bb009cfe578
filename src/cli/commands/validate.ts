import type { Command } from 'commander';
import { problemAnnotation } from '../github.js';
import { addSetOption, formatOption } from '../options.js';
import type { Context } from '../program.js';

interface ValidateFlags {
  format?: 'text' | 'github';
  set: string[];
}

async function validate(ctx: Context, args: string[], flags: ValidateFlags): Promise<number> {
  const { fileProblemLine, tryReadProfile } = await import('../load.js');
  const { expandFolders } = await import('../io.js');
  const files = expandFolders(args);
  let invalid = 0;
  let problems = 0;
  for (const file of files) {
    const attempt = await tryReadProfile(file, ctx.io, flags.set);
    if (attempt.ok) continue;
    invalid++;
    problems += attempt.problems.length;
    for (const p of attempt.problems)
      ctx.io.out(`${flags.format === 'github' ? problemAnnotation(attempt.label, p) : fileProblemLine(attempt.label, p)}\n`);
  }
  const n = files.length;
  const what = `${n} profile${n === 1 ? '' : 's'}`;
  ctx.io.out(invalid === 0 ? `${what} valid\n` : `${invalid} of ${what} invalid (${problems} problem${problems === 1 ? '' : 's'})\n`);
  return invalid === 0 ? 0 : 1;
}

export function addValidateCommand(program: Command, ctx: Context): void {
  const cmd = program
    .command('validate')
    .summary('check profiles without simulating')
    .description(
      'Check profiles without simulating them.\n' +
        'Every problem of every file is printed, one per line, then a count.\n' +
        'Exits 1 if any file is invalid.\n\n' +
        'Examples:\n' +
        '  supportcast validate scenarios/*.yaml\n' +
        '  supportcast validate pricing/*.yaml --format github  # PR annotations',
    )
    .argument('<files...>', 'profile YAML files, - for stdin')
    .addOption(formatOption(['text', 'github']));
  addSetOption(cmd).action(async (files: string[], flags: ValidateFlags) => {
    ctx.setExitCode(await validate(ctx, files, flags));
  });
}
