import Table from 'cli-table3';
import type { Theme } from './theme.js';

/** A table as data, so the terminal and Markdown renderers show the same rows. */
export interface Grid {
  readonly head: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Rows to emphasise (the recommended option). */
  readonly marked: readonly boolean[];
}

const BORDERLESS = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
  bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '',
};

/** Left-aligned text columns first, right-aligned numbers after. */
function aligns(grid: Grid, textColumns: number): Array<'left' | 'right'> {
  return grid.head.map((_, i) => (i < textColumns ? 'left' : 'right'));
}

/** Borderless, aligned columns for a terminal; rows are indented by two spaces unless `indent` is false. */
export function gridText(grid: Grid, theme: Theme, textColumns = 1, indent = true): string {
  const table = new Table({
    head: grid.head.map((h) => theme.heading(h)),
    chars: BORDERLESS,
    // cli-table3 colours its own borders and head on pipes; the theme decides colour instead.
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 2 },
    colAligns: aligns(grid, textColumns),
  });
  grid.rows.forEach((row, i) => {
    const mark = grid.marked[i] ? theme.highlight : (x: string) => x;
    table.push(row.map((cell, j) => mark(j === 0 && indent ? `  ${cell}` : cell)));
  });
  return table
    .toString()
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}

const escapeCell = (s: string) => s.replace(/\|/g, '\\|');

/** A GitHub-flavoured Markdown table; marked rows in bold. */
export function gridMarkdown(grid: Grid, textColumns = 1): string {
  const align = aligns(grid, textColumns).map((a) => (a === 'left' ? ':--' : '--:'));
  const line = (cells: readonly string[]) => `| ${cells.map(escapeCell).join(' | ')} |`;
  const rows = grid.rows.map((row, i) => line(grid.marked[i] ? row.map((c) => (c === '' ? c : `**${c}**`)) : row));
  return [line(grid.head), `| ${align.join(' | ')} |`, ...rows].join('\n');
}
