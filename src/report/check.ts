import { renderCsv } from './csv.js';
import { mdCode, mdText, printable } from './format.js';
import { gridMarkdown, type MarkdownGrid } from './grid.js';
import type { Theme } from './theme.js';

/** An assertion of `expect:` that did not hold. */
export interface CheckFailure {
  path: string;
  line: number | null;
  col: number | null;
  expected: unknown;
  actual: unknown;
}

/** A problem that kept a profile from running: where it is (when it is in the file) and what to do. */
export interface CheckProblem {
  line: number | null;
  col: number | null;
  path: string | null;
  message: string;
  /** The --set argument it comes from, when it does. */
  override?: string;
}

/** What was run, for the CSV's manifest columns. */
export interface CheckManifest {
  sha256: string;
  seed: number;
  trials: number;
  months: number;
}

export interface CheckEntry {
  file: string;
  passed: boolean;
  /** Problems with the profile itself (then nothing ran and `failures` is empty). */
  problems: CheckProblem[];
  failures: CheckFailure[];
  manifest: CheckManifest | null;
}

/** `supportcast/check@2`. */
export interface CheckJson {
  schema: 'supportcast/check@2';
  tool: { name: 'supportcast'; version: string };
  profiles: CheckEntry[];
  passed: number;
  failed: number;
}

export function checkJson(profiles: CheckEntry[], version: string): CheckJson {
  const passed = profiles.filter((p) => p.passed).length;
  return { schema: 'supportcast/check@2', tool: { name: 'supportcast', version }, profiles, passed, failed: profiles.length - passed };
}

const num = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 6 });

/** An expectation or a value in words: "at most 4,000", "between 1 and 2", "managed". */
export function describeValue(v: unknown): string {
  if (typeof v === 'number') return num.format(v);
  if (v !== null && typeof v === 'object') {
    const b = v as { min?: number; max?: number };
    if (b.min !== undefined && b.max !== undefined) return `between ${num.format(b.min)} and ${num.format(b.max)}`;
    if (b.min !== undefined) return `at least ${num.format(b.min)}`;
    return `at most ${num.format(b.max ?? Number.NaN)}`;
  }
  return typeof v === 'string' ? v : String(v);
}

/** "options.managed.monthly_spend.p90: expected at most 4,000, got 5,060". */
export function failureText(f: CheckFailure): string {
  return `${f.path}: expected ${describeValue(f.expected)}, got ${describeValue(f.actual)}`;
}

/** A problem as validate prints it, without the file: "L:C path: message" or the message alone. */
export function problemText(p: CheckProblem): string {
  if (p.override !== undefined) return `--set ${p.override}: ${p.path}: ${p.message}`;
  return p.line === null ? p.message : `${p.line}:${p.col} ${p.path}: ${p.message}`;
}

export function countLine(c: CheckJson): string {
  return `${c.passed} passed, ${c.failed} failed`;
}

export function renderCheckText(c: CheckJson, theme: Theme): string {
  const lines: string[] = [];
  for (const p of c.profiles) {
    const file = printable(p.file);
    lines.push(p.passed ? `${theme.highlight('PASS')} ${file}` : `${theme.warn('FAIL')} ${file}`);
    for (const x of p.problems)
      lines.push(`  ${printable(x.line === null || x.override !== undefined ? problemText(x) : `${p.file}:${problemText(x)}`)}`);
    for (const f of p.failures) lines.push(`  ${f.line === null ? '' : `${file}:${f.line} `}${printable(failureText(f))}`);
  }
  lines.push(countLine(c));
  return `${lines.join('\n')}\n`;
}

export function renderCheckMarkdown(c: CheckJson): string {
  const grid: MarkdownGrid = {
    head: ['Profile', 'Result', 'Failures'],
    rows: c.profiles.map((p) => [
      { md: mdCode(p.file) },
      p.passed ? 'pass' : 'FAIL',
      {
        md: [
          ...p.problems.map((x) => mdText(problemText(x))),
          ...p.failures.map((f) => mdText(`${f.line === null ? '' : `line ${f.line}: `}${failureText(f)}`)),
        ].join('<br>'),
      },
    ]),
    marked: c.profiles.map((p) => !p.passed),
  };
  return `${gridMarkdown(grid, 3)}\n\n${countLine(c)}\n`;
}

/** One row per failure or problem (one per passing profile), with the run's manifest in columns of its own. */
export function renderCheckCsv(c: CheckJson): string {
  const version = c.tool.version;
  const rows = c.profiles.flatMap((p) => {
    const m = p.manifest;
    const manifest = [version, m?.sha256 ?? null, m?.seed ?? null, m?.trials ?? null, m?.months ?? null];
    if (p.problems.length > 0)
      return p.problems.map((x) => [p.file, x.path, x.line, 'a valid profile', problemText(x), false, ...manifest]);
    if (p.failures.length === 0) return [[p.file, '', null, '', '', true, ...manifest]];
    return p.failures.map((f) => [p.file, f.path, f.line, describeValue(f.expected), describeValue(f.actual), false, ...manifest]);
  });
  return renderCsv(
    ['profile', 'path', 'line', 'expected', 'actual', 'passed', 'tool_version', 'profile_sha256', 'seed', 'trials', 'months'],
    rows,
  );
}
