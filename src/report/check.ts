import { renderCsv } from './csv.js';
import { mdCode, mdText, printable } from './format.js';
import { gridMarkdown, type MarkdownGrid } from './grid.js';
import type { Theme } from './theme.js';

export interface CheckFailure {
  path: string;
  line: number | null;
  expected: unknown;
  actual: unknown;
}

export interface CheckEntry {
  file: string;
  passed: boolean;
  failures: CheckFailure[];
}

/** `supportcast/check@1`. */
export interface CheckJson {
  schema: 'supportcast/check@1';
  profiles: CheckEntry[];
  passed: number;
  failed: number;
}

export function checkJson(profiles: CheckEntry[]): CheckJson {
  const passed = profiles.filter((p) => p.passed).length;
  return { schema: 'supportcast/check@1', profiles, passed, failed: profiles.length - passed };
}

const num = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 6 });

export function describeValue(v: unknown): string {
  if (typeof v === 'number') return num.format(v);
  if (v !== null && typeof v === 'object') {
    const b = v as { min?: number; max?: number };
    if (b.min !== undefined && b.max !== undefined) return `between ${num.format(b.min)} and ${num.format(b.max)}`;
    if (b.min !== undefined) return `at least ${num.format(b.min)}`;
    return `at most ${num.format(b.max ?? NaN)}`;
  }
  return typeof v === 'string' ? v : String(v);
}

/** The expectation a broken profile fails. */
export const VALID_PROFILE = 'a valid profile';

export function failureText(f: CheckFailure): string {
  if (f.expected === VALID_PROFILE) return `${f.path ? `${f.path}: ` : ''}${describeValue(f.actual)}`;
  return `${f.path}: expected ${describeValue(f.expected)}, got ${describeValue(f.actual)}`;
}

export function countLine(c: CheckJson): string {
  return `${c.passed} passed, ${c.failed} failed`;
}

export function renderCheckText(c: CheckJson, theme: Theme): string {
  const lines: string[] = [];
  for (const p of c.profiles) {
    const file = printable(p.file);
    lines.push(p.passed ? `${theme.highlight('PASS')} ${file}` : `${theme.warn('FAIL')} ${file}`);
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
      { md: p.failures.map((f) => mdText(`${f.line === null ? '' : `line ${f.line}: `}${failureText(f)}`)).join('<br>') },
    ]),
    marked: c.profiles.map((p) => !p.passed),
  };
  return `${gridMarkdown(grid, 3)}\n\n${countLine(c)}\n`;
}

export function renderCheckCsv(c: CheckJson): string {
  const rows = c.profiles.flatMap((p) =>
    p.failures.length === 0
      ? [[p.file, '', null, '', '', true]]
      : p.failures.map((f) => [p.file, f.path, f.line, JSON.stringify(f.expected), JSON.stringify(f.actual), false]),
  );
  return renderCsv(['profile', 'path', 'line', 'expected', 'actual', 'passed'], rows);
}
