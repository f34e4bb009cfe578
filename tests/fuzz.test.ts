/**
 * Hostile input, generated: mutations of the shipped scenarios and of the schema's fields ×
 * hostile values, through the file and through --set. Every case must end one of two ways:
 * exit 0 with finite, schema-valid JSON, or exit 2 with well-formed problem lines, never a
 * stack trace, never exit 1 or 3 from `run`. Deterministic (fixed seed) so CI cannot flake;
 * FUZZ_RUNS=20000 npx vitest run tests/fuzz.test.ts tries more (FUZZ_SEED picks another seed).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { type CliRun, runCli } from './helpers/cli.js';
import { resultValidator } from './helpers/schema.js';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 30);
const SEED = Number(process.env['FUZZ_SEED'] ?? 20261201);
const SCENARIOS = ['office-5', 'dental-clinic', 'multisite-150'].map((f) => readFileSync(`scenarios/${f}.yaml`, 'utf8'));
const FLAGS = ['--trials', '16', '--months', '2', '--threads', '1', '--json'];

const HOSTILE: unknown[] = [
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  0,
  -0,
  -1,
  1e-320,
  5e-324,
  1e308,
  -1e308,
  1e155,
  2 ** 53,
  0.5,
  1.5,
  1e9,
  '',
  'text',
  '150',
  '\u001b]0;x\u0007',
  'a\nb',
  '\u202e',
  'x'.repeat(3000),
  'all',
  {},
  [],
  { a: 1 },
  [1, 2],
  { p50: 1, p90: 0.5 },
  { p50: 1e-300, p90: 1 },
  { mean: 1, sd: 1e200 },
  { low: 5, mode: 1, high: 0 },
  { low: 0, mode: 1e308, high: 1e308 },
  { share: 2 },
  { per_month: 1e6 },
  { per_year: 1e-9 },
  null,
  true,
  false,
];

/** Every path to a value inside a parsed profile, maps and lists included. */
function pathsOf(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const here = prefix.length > 0 ? [prefix] : [];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => pathsOf(v, [...prefix, i]))];
  if (value !== null && typeof value === 'object')
    return [...here, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...prefix, k]))];
  return here;
}

function setAt(root: any, path: Array<string | number>, value: unknown): void {
  let cur = root;
  for (const seg of path.slice(0, -1)) cur = cur[seg];
  if (value === undefined) delete cur[path.at(-1)!];
  else cur[path.at(-1)!] = value;
}

const argPath = (path: Array<string | number>) =>
  path
    .map((s, i) =>
      typeof s === 'number' ? `[${s}]` : /^[A-Za-z_][A-Za-z0-9_]*$/.test(s) ? `${i ? '.' : ''}${s}` : `[${JSON.stringify(s)}]`,
    )
    .join('');

type Case = { stdin: string; set: string[]; label: string };

const scenario = fc.integer({ min: 0, max: SCENARIOS.length - 1 });
const hostile = fc.constantFrom(...HOSTILE);

/** A field of a scenario set to a hostile value, in the file. */
const fieldInFile: fc.Arbitrary<Case> = fc.tuple(scenario, fc.nat(), hostile).map(([s, i, v]) => {
  const data = parse(SCENARIOS[s]!);
  const paths = pathsOf(data);
  const path = paths[i % paths.length]!;
  setAt(data, path, v);
  return { stdin: stringify(data), set: [], label: `file ${argPath(path)} = ${JSON.stringify(v)}` };
});

/** The same through --set, the consultant's way. */
const fieldBySet: fc.Arbitrary<Case> = fc.tuple(scenario, fc.nat(), hostile).map(([s, i, v]) => {
  const paths = pathsOf(parse(SCENARIOS[s]!));
  const path = paths[i % paths.length]!;
  const value =
    typeof v === 'number' && !Number.isFinite(v) ? (Number.isNaN(v) ? '.nan' : v > 0 ? '.inf' : '-.inf') : (JSON.stringify(v) ?? 'null');
  return { stdin: SCENARIOS[s]!, set: [`${argPath(path)}=${value}`], label: `--set ${argPath(path)}=${value}` };
});

/** A key removed, or renamed with a typo. */
const structural: fc.Arbitrary<Case> = fc.tuple(scenario, fc.nat(), fc.boolean()).map(([s, i, rename]) => {
  const data = parse(SCENARIOS[s]!);
  const paths = pathsOf(data).filter((p) => typeof p.at(-1) === 'string');
  const path = paths[i % paths.length]!;
  let parent: any = data;
  for (const seg of path.slice(0, -1)) parent = parent[seg];
  const key = String(path.at(-1));
  if (rename) parent[`${key.slice(1)}${key[0]}`] = parent[key];
  delete parent[key];
  return { stdin: stringify(data), set: [], label: `${rename ? 'rename' : 'delete'} ${argPath(path)}` };
});

/** Raw text damage: characters inserted or removed anywhere, YAML syntax included. */
const textual: fc.Arbitrary<Case> = fc
  .tuple(
    scenario,
    fc.nat(),
    fc.nat({ max: 40 }),
    fc.constantFrom('', ':', '{', '[', '"', "'", '&a ', '*a', '- ', '\t', '#', '!!', '\u0000', 'ü', '\n  '),
  )
  .map(([s, at, cut, insert]) => {
    const text = SCENARIOS[s]!;
    const pos = at % text.length;
    return {
      stdin: text.slice(0, pos) + insert + text.slice(pos + cut),
      set: [],
      label: `text @${pos} −${cut} +${JSON.stringify(insert)}`,
    };
  });

const PROBLEM = /^error: (<stdin>:\d+:\d+ \S.*?|--set .+?: \S.*?): .+ — .+$/;
const REFUSAL = /^error: .+ — .+$/;
const COUNT = /^\d+ problems? in <stdin>$/;
const VERDICT = /^(1 profile valid|1 of 1 profile invalid \(\d+ problems?\))$/;
const validate = resultValidator();

/** validate's report: problem lines, then the verdict; it must agree with whether run ran. */
function checkValidate(c: Case, v: CliRun, ran: boolean): void {
  const lines = v.stdout.replace(/\n$/, '').split('\n');
  expect(VERDICT.test(lines.at(-1) ?? ''), `${c.label}\n${v.stdout.slice(0, 500)}`).toBe(true);
  for (const l of lines.slice(0, -1)) expect(PROBLEM.test(l) || REFUSAL.test(l), `${c.label}\nmalformed line: ${l}`).toBe(true);
  // A refused run (too large) is valid but does not run; the fuzzed runs are all small.
  expect(v.code, `${c.label}: validate and run disagree\n${v.stdout.slice(0, 500)}`).toBe(ran ? 0 : 1);
}

function checkOutcome(c: Case, r: CliRun): void {
  const context = `${c.label}\n${r.stderr.slice(0, 2000)}`;
  expect(r.stderr, context).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
  expect(r.stderr, context).not.toMatch(/internal error/);
  if (r.code === 0) {
    const result = JSON.parse(r.stdout);
    expect(validate(result), `${context}\n${JSON.stringify(validate.errors)}`).toBe(true);
    return;
  }
  expect(r.code, context).toBe(2);
  expect(r.stdout, context).toBe('');
  const lines = r.stderr.replace(/\n$/, '').split('\n');
  for (const l of lines) expect(PROBLEM.test(l) || COUNT.test(l) || REFUSAL.test(l), `${c.label}\nmalformed line: ${l}`).toBe(true);
}

describe('fuzz: hostile profiles end in a result or in well-formed problems', { tags: ['slow'] }, () => {
  const cases = fc.oneof(fieldInFile, fieldBySet, structural, textual);
  it(`${RUNS * 4} generated cases (seed ${SEED})`, async () => {
    let rssPeak = 0;
    await fc.assert(
      fc.asyncProperty(cases, async (c) => {
        const sets = c.set.flatMap((s) => ['--set', s]);
        const r = await runCli(['run', '-', ...FLAGS, ...sets], { stdin: c.stdin });
        checkOutcome(c, r);
        checkValidate(c, await runCli(['validate', '-', ...sets], { stdin: c.stdin }), r.code === 0);

        rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
      }),
      { numRuns: RUNS * 4, seed: SEED, endOnFailure: true },
    );
    expect(rssPeak).toBeLessThan(2 * 2 ** 30);
  }, 600_000);
});
