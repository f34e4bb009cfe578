import type { Command } from 'commander';
import { githubError } from '../github.js';
import type { FileProblem } from '../load.js';
import { addSetOption, formatOption } from '../options.js';
import type { Context } from '../program.js';

interface ValidateFlags {
  format: 'text' | 'github';
  set: string[];
}

function githubLine(p: FileProblem): string {
  if (!p.problem) return githubError(p.text.replace(/^error: /, ''), { file: p.file });
  const q = p.problem;
  if (q.override !== undefined) return githubError(p.text.replace(/^error: /, ''));
  return githubError(`${q.path}: ${q.message}`, { file: p.file, line: q.line, col: q.col });
}

async function validate(ctx: Context, files: string[], flags: ValidateFlags): Promise<number> {
  const { tryReadProfile } = await import('../load.js');
  let invalid = 0;
  let problems = 0;
  for (const file of files) {
    const attempt = await tryReadProfile(file, ctx.io, flags.set);
    if (attempt.ok) continue;
    invalid++;
    problems += attempt.problems.length;
    for (const p of attempt.problems) ctx.io.out(`${flags.format === 'github' ? githubLine(p) : p.text}\n`);
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
      'Parse and check profiles without simulating: every problem of every file, one\n' +
        'per line, then a count; exits 1 if any file is invalid.\n\n' +
        'Examples:\n' +
        '  supportcast validate scenarios/*.yaml\n' +
        '  supportcast validate pricing/*.yaml --format github   # pull-request annotations',
    )
    .argument('<files...>', 'profile YAML files, - for stdin')
    .addOption(formatOption(['text', 'github']).default('text'));
  addSetOption(cmd).action(async (files: string[], flags: ValidateFlags) => {
    ctx.setExitCode(await validate(ctx, files, flags));
  });
}
