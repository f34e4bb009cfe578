import type { Command } from 'commander';
import type { CheckEntry, CheckJson } from '../../report/check.js';
import type { Execution } from '../execute.js';
import { githubError } from '../github.js';
import { addProfileOptions, formatOf, type OutputFlags, type SimulationFlags } from '../options.js';
import type { Context } from '../program.js';

type CheckFlags = SimulationFlags & OutputFlags;

async function checkOne(ctx: Context, file: string, flags: CheckFlags, exec: Execution): Promise<CheckEntry> {
  const { tryReadProfile } = await import('../load.js');
  const { runProfile, settingsFor } = await import('../execute.js');
  const { evaluate } = await import('../evaluate.js');
  const { VALID_PROFILE } = await import('../../report/check.js');
  const attempt = await tryReadProfile(file, ctx.io, flags.set);
  if (!attempt.ok) {
    // A broken profile fails, with each problem as a failure.
    const failures = attempt.problems.map((p) => ({
      path: p.problem?.path ?? '',
      line: p.problem && p.problem.line > 0 ? p.problem.line : null,
      expected: VALID_PROFILE,
      actual: p.problem && p.problem.override === undefined ? p.problem.message : p.text.replace(/^error: /, ''),
    }));
    return { file: attempt.label, passed: false, failures };
  }
  const p = attempt.value;
  const report = await runProfile(p, settingsFor(p, flags), p.input.label, flags.set, exec);
  const failures = evaluate(report.result, p.loaded.assertions, p.loaded.expectLines);
  return { file: p.input.label, passed: failures.length === 0, failures };
}

function githubLines(c: CheckJson, countLine: string): string {
  const lines = c.profiles.flatMap((p) =>
    p.failures.map((f) =>
      githubError(`${f.path}: expected ${JSON.stringify(f.expected)}, got ${JSON.stringify(f.actual)}`, {
        file: p.file,
        ...(f.line === null ? {} : { line: f.line }),
      }),
    ),
  );
  return `${[...lines, countLine].join('\n')}\n`;
}

async function check(ctx: Context, files: string[], flags: CheckFlags): Promise<number> {
  const r = await import('../../report/check.js');
  const { checkOutput, emit } = await import('../output.js');
  checkOutput(flags.output, files);
  const { withExecution } = await import('../execute.js');
  const entries: CheckEntry[] = [];
  await withExecution(ctx.io, flags, formatOf(flags), async (exec) => {
    for (const file of files) entries.push(await checkOne(ctx, file, flags, exec));
  });
  const c = r.checkJson(entries);
  const format = formatOf(flags);
  const count = r.countLine(c);
  // Machine formats keep stdout parseable: the count line goes to stderr.
  if (format === 'json') {
    emit(ctx.io, `${JSON.stringify(c, null, 2)}\n`, flags.output);
    ctx.io.err(`${count}\n`);
  } else if (format === 'csv') {
    emit(ctx.io, r.renderCheckCsv(c), flags.output);
    ctx.io.err(`${count}\n`);
  } else if (format === 'markdown') emit(ctx.io, r.renderCheckMarkdown(c), flags.output);
  else if (format === 'github') emit(ctx.io, githubLines(c, count), flags.output);
  else emit(ctx.io, r.renderCheckText(c, ctx.theme(flags.output)), flags.output);
  return c.failed === 0 ? 0 : 1;
}

export function addCheckCommand(program: Command, ctx: Context): void {
  const cmd = program
    .command('check')
    .summary('run profiles and test their expect: blocks')
    .description(
      'Run each profile and evaluate its expect: block; exit 1 if any assertion fails.\n' +
        "The report ends with one line: 'N passed, N failed'.\n\n" +
        'Examples:\n' +
        '  supportcast check scenarios/*.yaml\n' +
        '  supportcast check pricing/*.yaml --format github --trials 20000\n' +
        '  supportcast check client.yaml --set managed.per_employee=95 --json',
    )
    .argument('<files...>', 'profile YAML files, - for stdin');
  addProfileOptions(cmd, ['table', 'json', 'csv', 'markdown', 'github']).action(async (files: string[], flags: CheckFlags) => {
    ctx.setExitCode(await check(ctx, files, flags));
  });
}
