import { type Command, InvalidArgumentError, Option } from 'commander';
import { CliError } from '../errors.js';
import { addPrecisionOptions, addProfileOptions, formatOf, type OutputFlags, type SimulationFlags } from '../options.js';
import type { Context } from '../program.js';

interface BreakevenFlags extends SimulationFlags, OutputFlags {
  vary?: string[];
  between?: string[];
  searchTrials?: number;
}

/** --between LO HI: two numbers, the lower first. */
function betweenOf(values: string[] | undefined): [number, number] | undefined {
  if (values === undefined) return undefined;
  const nums = values.map((v) => Number(v.replaceAll(',', '')));
  if (values.length !== 2 || nums.some((n) => !Number.isFinite(n)) || nums[0]! >= nums[1]!) {
    throw new CliError(2, `--between takes two numbers, the lower first, got ${values.join(' ') || 'none'} — e.g. --between 100 400`);
  }
  return [nums[0]!, nums[1]!];
}

function searchTrialsOf(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < 100 || n > 1_000_000)
    throw new InvalidArgumentError('Search trials must be a whole number from 100 to 1,000,000.');
  return n;
}

async function breakeven(ctx: Context, file: string, flags: BreakevenFlags): Promise<void> {
  const { readProfile } = await import('../load.js');
  const { withExecution } = await import('../execute.js');
  const { checkOutput, emit } = await import('../output.js');
  const { asUsageError, studyEvaluator, studyMeta } = await import('../study.js');
  const study = await import('../../study/breakeven.js');
  const r = await import('../../report/breakeven.js');
  checkOutput(flags.output, [file]);
  const format = formatOf(flags);
  const between = betweenOf(flags.between);
  if (between && flags.vary === undefined)
    throw new CliError(
      2,
      '--between needs --vary: a range is in the units of one input — e.g. --vary managed.per_employee --between 100 400',
    );
  const profile = await readProfile(file, ctx.io, 2, flags.set);
  // Explicit paths must all be inputs; the default set leaves out what a profile does not have.
  const asked = flags.vary ?? [];
  const outcomes = study.knobsFor(profile.loaded.profile, asked);
  const bad = outcomes.filter((o) => !o.ok);
  if (bad.length > 0) {
    throw new CliError(
      2,
      `${bad.length} --vary path${bad.length === 1 ? '' : 's'} cannot be varied`,
      bad.map((o) => `error: --vary ${o.path}: ${o.ok ? '' : o.message}`),
    );
  }
  const json = await withExecution(ctx.io, flags, format, (exec) =>
    asUsageError(async () => {
      // About a dozen search runs and three polish runs per input, against one full run.
      const inputs = Math.max(1, asked.length || 4);
      const ev = await studyEvaluator(profile, flags, exec, `break-even of ${profile.loaded.profile.name}`, 1 + inputs * 4);
      const paths = asked.length > 0 ? asked : study.defaultPaths(profile.loaded.profile, await ev.at([]));
      const knobs = study.knobsFor(profile.loaded.profile, paths).flatMap((o) => (o.ok ? [o.knob] : []));
      return study.breakevenStudy(ev, knobs, studyMeta(profile), {
        ...(between ? { between } : {}),
        ...(flags.searchTrials ? { searchTrials: flags.searchTrials } : {}),
      });
    }),
  );
  const text =
    format === 'json'
      ? r.renderBreakevenJson(json)
      : format === 'csv'
        ? r.renderBreakevenCsv(json)
        : format === 'markdown'
          ? r.renderBreakevenMarkdown(json)
          : r.renderBreakevenText(json, ctx.theme(flags.output));
  emit(ctx.io, text, flags.output);
}

export function addBreakevenCommand(program: Command, ctx: Context): void {
  const cmd = program
    .command('breakeven')
    .summary('the input value where the answer changes')
    .description(
      'Find where the recommendation changes as one input moves (mean, P50, P90).\n' +
        'Every value reruns on the same random numbers, and has its ± (two SE).\n' +
        'Without --vary: the managed fee, break-fix rate, staff, largest class rate.\n\n' +
        'Examples:\n' +
        '  supportcast breakeven scenarios/dental-clinic.yaml\n' +
        '  supportcast breakeven client.yaml --vary managed.per_employee\n' +
        "  supportcast breakeven client.yaml --vary 'incidents[0].rate.per_employee'\n" +
        '  supportcast breakeven c.yaml --vary managed.per_employee --between 100 400',
    )
    .argument('<profile>', 'profile YAML file, - for stdin')
    .addOption(
      new Option('--vary <path>', 'an input to move, as --set names it (repeatable)').argParser((v: string, prev: string[] | undefined) => [
        ...(prev ?? []),
        v,
      ]),
    )
    .addOption(new Option('--between <lo hi...>', 'search only from LO to HI (with one --vary)'))
    .addOption(new Option('--search-trials <n>', 'trials per search run (default: 1,024)').argParser(searchTrialsOf));
  addPrecisionOptions(addProfileOptions(cmd, ['table', 'json', 'csv', 'markdown'])).action((file: string, flags: BreakevenFlags) =>
    breakeven(ctx, file, flags),
  );
}
