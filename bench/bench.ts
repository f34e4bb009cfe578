/**
 * npm run bench — times the real CLI (bin/supportcast.js, as a new process each run) on
 * the example profiles and writes bench/RESULTS.md. `--quick` (CI's smoke test) runs each
 * case once at a tenth of the trials and writes nothing.
 *
 * `--baseline DIR` measures a change as a ratio: DIR is another checkout (built), e.g. of
 * the previous commit, and each case runs this checkout and DIR in turn (A B A B …), so the
 * ratio holds when the machine's speed drifts:
 *   git worktree add ../base HEAD~1 && (cd ../base && npm ci) && npm run bench -- --baseline ../base
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus, freemem, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { liveTimings } from './live.js';
import { referenceRatios } from './reference.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const quick = process.argv.includes('--quick');
const baselineAt = process.argv.indexOf('--baseline');
const baseline = baselineAt > 0 ? process.argv[baselineAt + 1] : undefined;
const repeats = quick ? 1 : Number(process.env['BENCH_REPEATS'] ?? 7);

interface Case {
  name: string;
  file: string;
  trials: number | undefined;
  months: number;
  target?: string;
  /** The command (default run); the studies rerun the model many times. */
  command?: 'run' | 'breakeven' | 'sensitivity';
  /** Runs to time (default: all the repeats); studies take seconds each. */
  repeats?: number;
}

interface Measure {
  wallMs: number;
  rssMb: number;
}

function runOnce(c: Case, extra: string[] = [], checkout = root): Measure {
  const args = [
    '--import',
    `${root}/bench/rss.mjs`,
    `${checkout}/bin/supportcast.js`,
    c.command ?? 'run',
    `${root}/${c.file}`,
    '--format',
    'json',
    '--quiet',
    ...extra,
  ];
  if (c.trials !== undefined) args.push('--trials', String(trialsOf(c.trials)));
  // A smoke test of a study at the profile's trials would take as long as the real one.
  else if (quick && c.command !== undefined) args.push('--trials', '1000');
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${c.name}: exit ${r.status}\n${r.stderr}`);
  const rss = /bench-max-rss-kb (\d+)/.exec(r.stderr);
  return { wallMs, rssMb: rss ? Number(rss[1]) / 1024 : NaN };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function measure(c: Case, extra: string[] = []): { wall: number; rss: number; runs: number[] } {
  runOnce(c, extra); // warm the file cache; not counted
  const runs: Measure[] = [];
  for (let i = 0; i < Math.min(repeats, c.repeats ?? repeats); i++) runs.push(runOnce(c, extra));
  return { wall: median(runs.map((r) => r.wallMs)), rss: Math.max(...runs.map((r) => r.rssMb)), runs: runs.map((r) => r.wallMs) };
}

const MULTI = 'scenarios/multisite-150.yaml';
const DENTAL = 'scenarios/dental-clinic.yaml';
const trialsOf = (n: number) => (quick ? Math.max(2, Math.round(n / 10)) : n);
const label = (n: number) => trialsOf(n).toLocaleString('en-US');
const cases: Case[] = [
  { name: `150-person, ${label(10_000)} trials`, file: MULTI, trials: 10_000, months: 12, target: '≤ 1,300 ms' },
  { name: `150-person, ${label(100_000)} trials`, file: MULTI, trials: 100_000, months: 12, target: '≤ 250 MB peak' },
  { name: 'dental clinic, defaults (10,000 trials)', file: DENTAL, trials: undefined, months: 12, target: '≤ 400 ms' },
  { name: '150-person, 2 trials (start-up)', file: MULTI, trials: 2, months: 12 },
  {
    name: 'dental clinic, breakeven (4 inputs × 3 metrics)',
    file: DENTAL,
    trials: undefined,
    months: 12,
    target: '≤ 5,000 ms',
    command: 'breakeven',
    repeats: 5,
  },
  {
    name: 'dental clinic, sensitivity (tornado)',
    file: DENTAL,
    trials: undefined,
    months: 12,
    target: '≤ 10,000 ms',
    command: 'sensitivity',
    repeats: 5,
  },
];

/** This checkout against the baseline, in turn: the median of the per-pair wall-time ratios. */
function paired(c: Case, extra: string[] = []): { ratio: number; ratios: number[] } {
  runOnce(c, extra);
  runOnce(c, extra, baseline);
  const ratios: number[] = [];
  for (let i = 0; i < repeats; i++) ratios.push(runOnce(c, extra).wallMs / runOnce(c, extra, baseline).wallMs);
  return { ratio: median(ratios), ratios };
}

if (baseline !== undefined) {
  const base = baseline;
  const lines = [
    `paired wall-time ratios, this checkout / ${base} (median of ${repeats} pairs)`,
    '',
    '| case | ratio | pairs |',
    '| --- | ---: | --- |',
  ];
  process.stdout.write(`${lines[0]}\n`);
  for (const [c, extra] of [
    [{ name: '150-person, 10,000 trials, all cores', file: 'scenarios/multisite-150.yaml', trials: 10_000, months: 12 }, []],
    [
      { name: '150-person, 10,000 trials, one thread', file: 'scenarios/multisite-150.yaml', trials: 10_000, months: 12 },
      ['--threads', '1'],
    ],
    [{ name: 'dental clinic, defaults', file: 'scenarios/dental-clinic.yaml', trials: undefined, months: 12 }, []],
  ] as Array<[Case, string[]]>) {
    const r = paired(c, extra);
    const line = `| ${c.name} | ${r.ratio.toFixed(3)} | ${r.ratios.map((x) => x.toFixed(3)).join(', ')} |`;
    lines.push(line);
    process.stdout.write(`${line}\n`);
  }
  const md = `# Paired benchmark against a baseline\n\nWritten by \`npm run bench -- --baseline DIR\` on ${new Date().toISOString().slice(0, 10)}: each case runs this checkout (A) and\nthe baseline checkout (B) in turn, A B A B …, and the ratio is A/B wall time per pair (below 1: this checkout is faster).\n\n${lines.join('\n')}\n`;
  writeFileSync(new URL('./PAIRED.md', import.meta.url), md);
  process.exit(0);
}

const rows: string[] = [];
const results = new Map<string, { wall: number; rss: number }>();
for (const c of cases) {
  const m = measure(c);
  results.set(c.name, m);
  const trials = c.trials === undefined ? 10_000 : trialsOf(c.trials);
  const tmps = (trials * c.months) / (m.wall / 1000);
  const line = `| ${c.name} | ${m.wall.toFixed(0)} | ${Math.round(tmps).toLocaleString('en-US')} | ${m.rss.toFixed(0)} | ${quick ? '' : (c.target ?? '')} | ${m.runs.map((x) => x.toFixed(0)).join(', ')} |`;
  rows.push(line);
  process.stdout.write(`${line}\n`);
}

const t = (i: number) => results.get(cases[i]!.name)!.wall;
// The studies' trial-months are their base runs' alone: the reruns are counted in their wall time, not here.
const linearity = (t(1) - t(3)) / (t(0) - t(3));
const threads1 = measure(cases[0]!, ['--threads', '1']);
const summary = [
  `Linearity (t(${label(100_000)}) − t(2)) / (t(${label(10_000)}) − t(2)) = ${linearity.toFixed(2)} (target ≤ 10.5)`,
  `150-person, ${label(10_000)} trials on one thread (--threads 1): ${threads1.wall.toFixed(0)} ms median`,
];
process.stdout.write(`${summary.join('\n')}\n`);

// Memory: one run each (the 10,000,000 takes about ten minutes), no warm-up; the run streams its trials (docs/model.md §6).
const memoryRows: string[] = [];
if (!quick) {
  for (const [trials, target] of [
    [1_000_000, '≤ 300 MB peak'],
    [10_000_000, '≤ 400 MB peak'],
  ] as const) {
    const c: Case = { name: `150-person, ${trials.toLocaleString('en-US')} trials`, file: MULTI, trials, months: 12 };
    const m = runOnce(c, []);
    const line = `| ${c.name} | ${(m.wallMs / 1000).toFixed(1)} | ${Math.round((trials * 12) / (m.wallMs / 1000)).toLocaleString('en-US')} | ${m.rssMb.toFixed(0)} | ${target} |`;
    memoryRows.push(line);
    process.stdout.write(`${line}\n`);
  }
}
const memorySection =
  memoryRows.length === 0
    ? ''
    : `
## Memory: a million and ten million trials

One run each of \`run\` on the 150-person profile, both cores. \`run\` streams its trials through the analysis, 8,192 at a
time, with exact percentiles from windows around their ranks (docs/model.md §6), so memory grows with √trials.

| case | wall (s) | trial-months/s | peak RSS (MB) | target |
| --- | ---: | ---: | ---: | --- |
${memoryRows.join('\n')}
`;

const reference = referenceRatios(root, quick ? 1 : repeats, quick ? 1000 : 10_000);
if (reference.note) process.stdout.write(`${reference.note}\n`);
const referenceSection =
  reference.rows.length === 0
    ? `\n${reference.note}\n`
    : `
## Against the C reference

bench/reference/reference.c: a straightforward single-threaded C program of the same model (docs/model.md), built with
\`gcc -O2 -march=native\`, reading the profile's compiled model (bench/reference/export-model.ts); its own xoshiro256++,
Poisson, gamma, normal and triangular samplers. Each row is the median of ${quick ? 1 : repeats} paired wall-time ratios,
supportcast / C, whole processes (Node's start-up included; below 1: supportcast is faster). Targets: ≤ 0.6 on both
cores, ≤ 0.9 on one thread.

| case | supportcast / C | pairs |
| --- | ---: | --- |
${reference.rows.join('\n')}

${reference.note}
`;

const live = await liveTimings(root, quick ? 2 : 7);
if (live.note) process.stdout.write(`${live.note}\n`);
const liveSection = live.note
  ? `\n${live.note}\n`
  : `
## The live page in Chromium

\`report --live\` for each scenario, opened from disk in Debian's Chromium (headless, driven by playwright-core), its
first control (the fee that matters most) moved one step and released ${quick ? 2 : 7} times, alternately up and back. From the
release: the first answer (1,024 trials) on screen, and the full one (the report's 10,000). The page measures both itself.

| scenario | first answer (ms) | full refinement (ms) | page (KB) | first, each release | full, each release |
| --- | ---: | ---: | ---: | --- | --- |
${live.rows.join('\n')}
`;

if (!quick) {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const md = `# Benchmark results

Written by \`npm run bench\` (bench/bench.ts) on ${new Date().toISOString().slice(0, 10)}. Each case runs the
real CLI (\`node bin/supportcast.js COMMAND FILE --format json --quiet\`) as a new process,
${repeats} times (the studies 5) after one warm-up run; wall time is the median, whole process, Node start-up
included; peak RSS is the largest of the runs (the process, worker threads included).
Trial-months per second = trials × months / median wall time (for breakeven and sensitivity, of
the base run alone). Breakeven searches on 1,024 trials and polishes each value on all 10,000;
sensitivity reruns each input on 2,048: common random numbers carry those comparisons
(docs/decisions.md).

Machine: ${cpu}, ${availableParallelism()} cores available, ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory
(${(freemem() / 2 ** 30).toFixed(1)} GiB free at the end), Node ${process.version}, ${process.platform}/${process.arch}.
The machine is shared: run-to-run spread of 20% or more is normal here.

| case | median wall (ms) | trial-months/s | peak RSS (MB) | target | runs (ms) |
| --- | ---: | ---: | ---: | --- | --- |
${rows.join('\n')}

${summary.map((s) => `- ${s}`).join('\n')}
${memorySection}${referenceSection}${liveSection}`;
  writeFileSync(new URL('./RESULTS.md', import.meta.url), md);
  process.stdout.write('wrote bench/RESULTS.md\n');
}
