import type { Command } from 'commander';
import type { CheckEntry, CheckJson } from '../../report/check.js';
import type { Execution } from '../execute.js';
import { failureAnnotation, problemAnnotation } from '../github.js';
import type { ProfileAttempt } from '../load.js';
import { addPrecisionOptions, addProfileOptions, formatOf, type OutputFlags, type SimulationFlags } from '../options.js';
import type { Context } from '../program.js';

type CheckFlags = SimulationFlags & OutputFlags;

async function checkOne(flags: CheckFlags, exec: Execution, attempt: ProfileAttempt): Promise<CheckEntry> {
  const { precisionOf, runProfile, settingsFor } = await import('../execute.js');
  const { evaluate } = await import('../evaluate.js');
  // A broken profile fails with its problems, reported as validate reports them.
  if (!attempt.ok) return { file: attempt.label, passed: false, problems: attempt.problems, failures: [], manifest: null };
  const p = attempt.value;
  const settings = settingsFor(p, flags);
  const report = await runProfile(p, settings, p.input.label, flags.set, exec, precisionOf(flags));
  const failures = evaluate(report.result, p.loaded.assertions, p.loaded.expectPositions);
  const manifest = { sha256: p.input.sha256, seed: settings.seed, trials: report.result.settings.trials, months: settings.months };
  return { file: p.input.label, passed: failures.length === 0, problems: [], failures, manifest };
}

function githubLines(c: CheckJson, countLine: string): string {
  const lines = c.profiles.flatMap((p) => [
    ...p.problems.map((x) => problemAnnotation(p.file, x)),
    ...p.failures.map((f) => failureAnnotation(p.file, f)),
  ]);
  return `${[...lines, countLine].join('\n')}\n`;
}

async function check(ctx: Context, args: string[], flags: CheckFlags): Promise<number> {
  const r = await import('../../report/check.js');
  const { checkOutput, emit } = await import('../output.js');
  const { expandFolders } = await import('../io.js');
  const { tryReadProfile } = await import('../load.js');
  const { settingsFor, withExecution } = await import('../execute.js');
  const { workOf } = await import('../../run/work.js');
  const files = expandFolders(args);
  checkOutput(flags.output, files);
  const format = formatOf(flags);
  // Read every profile first, so one progress bar covers every run.
  const attempts: ProfileAttempt[] = [];
  for (const file of files) attempts.push(await tryReadProfile(file, ctx.io, flags.set));
  const entries: CheckEntry[] = [];
  await withExecution(ctx.io, flags, format, async (exec) => {
    const total = attempts.reduce((sum, a) => sum + (a.ok ? workOf(a.value.loaded.model, settingsFor(a.value, flags)) : 0), 0);
    exec.plan(total, `checking ${files.length} profile${files.length === 1 ? '' : 's'}`);
    for (const attempt of attempts) entries.push(await checkOne(flags, exec, attempt));
  });
  const { VERSION } = await import('../version.js');
  const c = r.checkJson(entries, VERSION);
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
      'Run each profile and test its expect: block.\n' +
        'Exits 1 if an assertion fails or a profile is broken.\n' +
        "The report ends with one line: 'N passed, N failed'.\n" +
        'A folder means every .yaml and .yml file in it.\n\n' +
        'Examples:\n' +
        '  supportcast check scenarios/*.yaml\n' +
        '  supportcast check pricing/*.yaml --format github --trials 20000\n' +
        '  supportcast check client.yaml --set managed.per_employee=95 --json',
    )
    .argument('<files...>', 'profile YAML files, - for stdin');
  addPrecisionOptions(addProfileOptions(cmd, ['table', 'json', 'csv', 'markdown', 'github'])).action(
    async (files: string[], flags: CheckFlags) => {
      ctx.setExitCode(await check(ctx, files, flags));
    },
  );
}
