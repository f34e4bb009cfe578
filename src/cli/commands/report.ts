import { basename } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { CliError } from '../errors.js';
import { addPrecisionOptions, addSetOption, addSimulationOptions, type SimulationFlags } from '../options.js';
import type { Context } from '../program.js';

interface ReportFlags extends SimulationFlags {
  output?: string;
  live?: boolean;
  date?: string;
  studyTrials?: number;
  set: string[];
}

/**
 * Trials of each run of the report's studies (the tornado's reruns; break-even searches take half
 * and its checks twice as many): fewer than the main run's, so a report takes seconds, and the
 * page says so.
 */
export const REPORT_STUDY_TRIALS = 1024;

function studyTrialsOf(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < 200 || n > 1_000_000)
    throw new InvalidArgumentError('Study trials must be a whole number from 200 to 1,000,000.');
  return n;
}

/** --date: a calendar date as the consultant wants it printed, checked so a typo cannot reach the client. */
function dateOf(v: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!m || !d || d.toISOString().slice(0, 10) !== v)
    throw new InvalidArgumentError('The date must be a real date as YYYY-MM-DD, e.g. 2026-12-01.');
  return v;
}

/** What --live adds to the page: the controls, and the browser scripts `npm run build` made. */
async function livePage(
  p: import('../load.js').ProfileInput,
  flags: ReportFlags,
  output: import('../../engine/collect.js').SimulationOutput,
  sensitivity: import('../../report/sensitivity.js').SensitivityJson,
): Promise<import('../../report/html/page.js').LivePage> {
  const { readFileSync } = await import('node:fs');
  const { liveControls } = await import('../../study/controls.js');
  const { VERSION, WEB_ASSETS } = await import('../version.js');
  const read = (name: string) => {
    try {
      return readFileSync(new URL(name, WEB_ASSETS), 'utf8');
    } catch {
      throw new CliError(3, `the live page's scripts are missing (${new URL(name, WEB_ASSETS).pathname}) — run npm run build`);
    }
  };
  const config = liveControls(p.loaded.profile, sensitivity);
  const file = p.input.file === null ? null : basename(p.input.file);
  const settings = { trials: output.trials, months: output.months, seed: p.loaded.profile.simulation.seed };
  const s = { ...settings, seed: flags.seed ?? settings.seed };
  const command = [
    `supportcast run ${file ?? '-'} --seed ${s.seed} --trials ${s.trials}`,
    ...(s.months !== 12 ? [`--months ${s.months}`] : []),
    ...flags.set.map((x) => `--set '${x}'`),
  ].join(' ');
  const json = JSON.stringify({
    ...config,
    text: p.input.text,
    sets: flags.set,
    settings: s,
    meta: { version: VERSION, file, sha256: p.input.sha256 },
    command,
  });
  return { config, json, worker: read('worker.js'), panel: read('panel.js') };
}

async function report(ctx: Context, file: string, flags: ReportFlags): Promise<void> {
  const { readProfile } = await import('../load.js');
  const { precisionOf, runProfile, settingsFor, withExecution } = await import('../execute.js');
  const { checkOutput, emit } = await import('../output.js');
  const { asUsageError, studyEvaluator, studyMeta } = await import('../study.js');
  const { monthlyBand } = await import('../../engine/bands.js');
  const { profileComments } = await import('../../profile/comments.js');
  const { assumptionsOf } = await import('../../profile/assumptions.js');
  const breakeven = await import('../../study/breakeven.js');
  const { sensitivityStudy } = await import('../../study/sensitivity.js');
  const { renderClientReport } = await import('../../report/html/page.js');
  checkOutput(flags.output, [file]);
  if ((flags.output === undefined || flags.output === '-') && ctx.io.stdoutIsTTY) {
    throw new CliError(2, 'a report is an HTML page, not for the terminal — write it to a file: -o client.html');
  }
  const profile = await readProfile(file, ctx.io, 2, flags.set);
  const loaded = profile.loaded;
  const input = await withExecution(ctx.io, flags, 'table', (exec) =>
    asUsageError(async () => {
      const run = await runProfile(profile, settingsFor(profile, flags), profile.input.label, flags.set, exec, precisionOf(flags), {
        keepValues: true,
      });
      const { output } = run;
      if (output === undefined) throw new Error('report: the run kept no trial values for the charts');
      const bands = Object.fromEntries(
        output.options.map((o, i) => [o.id, monthlyBand(output.values.monthly_spend[i]!, output.values.one_off_spend[i]!, output.months)]),
      );
      const n = flags.studyTrials ?? REPORT_STUDY_TRIALS;
      const comments = profileComments(profile.input.text);
      const t = { rerun: n, search: Math.round(n / 2), polish: 2 * n };
      // About 110 reruns for the tornado and a dozen searches of four inputs, as shares of the main run.
      const work = (110 * t.rerun + 4 * (12 * t.search + t.polish)) / output.trials;
      const ev = await studyEvaluator(profile, flags, exec, `report on ${loaded.profile.name}`, work, output);
      const meta = studyMeta(profile);
      const sensitivity = await sensitivityStudy(ev, loaded.profile, meta, { rerunTrials: t.rerun });
      const paths = breakeven.defaultPaths(loaded.profile, await ev.at([]));
      const knobs = breakeven.knobsFor(loaded.profile, paths).flatMap((o) => (o.ok ? [o.knob] : []));
      const be = await breakeven.breakevenStudy(ev, knobs, meta, {
        searchTrials: t.search,
        polishTrials: t.polish,
        metrics: [loaded.model.decision.metric],
      });
      return {
        report: run,
        bands,
        sensitivity,
        breakeven: be,
        studyTrials: {
          rerun: Math.min(t.rerun, output.trials),
          search: Math.min(t.search, output.trials),
          polish: Math.min(t.polish, output.trials),
        },
        assumptions: { header: comments.header, groups: assumptionsOf(loaded.profile, comments) },
        fileName: profile.input.file === null ? null : basename(profile.input.file),
        ...(flags.date ? { date: flags.date } : {}),
        ...(flags.live ? { live: await livePage(profile, flags, output, sensitivity) } : {}),
      };
    }),
  );
  emit(ctx.io, renderClientReport(input), flags.output);
}

export function addReportCommand(program: Command, ctx: Context): void {
  const cmd = program
    .command('report')
    .summary('a self-contained HTML page for the client')
    .description(
      'Write one HTML page a client can read without a terminal: the recommendation, charts,\n' +
        'what drives it, every assumption with its source, and how it was made. It works\n' +
        'offline, needs no script, and is byte-identical for the same inputs and seed.\n\n' +
        'Examples:\n' +
        '  supportcast report scenarios/dental-clinic.yaml -o client.html\n' +
        '  supportcast report client.yaml --set managed.per_employee=95 -o what-if.html\n' +
        '  supportcast report client.yaml --date 2026-12-01 -o client.html',
    )
    .argument('<profile>', 'profile YAML file, - for stdin')
    .option('-o, --output <file>', 'the HTML file to write (atomically)')
    .addOption(new Option('--date <YYYY-MM-DD>', 'print this date on the page (default: no date)').argParser(dateOf))
    .option('--live', 'add a what-if panel that reruns the model in the browser')
    .addOption(new Option('--study-trials <n>', 'trials per tornado and break-even run (default: 1,024)').argParser(studyTrialsOf));
  addPrecisionOptions(addSimulationOptions(addSetOption(cmd))).action((file: string, flags: ReportFlags) => report(ctx, file, flags));
}
