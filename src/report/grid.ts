import Table from 'cli-table3';
import { mdText, printable } from './format.js';
import type { Theme } from './theme.js';

/** A table as data, so the terminal and Markdown renderers show the same rows. */
export interface Grid {
  readonly head: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Rows to emphasise (the recommended option). */
  readonly marked: readonly boolean[];
  /** Rows that are one line of text across every column (a note under a group), by row index. */
  readonly spans?: ReadonlySet<number>;
}

const BORDERLESS = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: '',
  'left-mid': '',
  mid: '',
  'mid-mid': '',
  right: '',
  'right-mid': '',
  middle: '',
};

/** Left-aligned text columns first, right-aligned numbers after. */
function aligns(grid: { readonly head: readonly string[] }, textColumns: number): Array<'left' | 'right'> {
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
    if (grid.spans?.has(i)) table.push([{ content: theme.dim(printable(`${indent ? '  ' : ''}${row[0]}`)), colSpan: grid.head.length }]);
    else table.push(row.map((cell, j) => mark(printable(j === 0 && indent ? `  ${cell}` : cell))));
  });
  return table
    .toString()
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}

/** A cell already written as Markdown (code spans, line breaks), passed through as it is. */
export interface MarkdownCell {
  readonly md: string;
}

/** A grid some of whose cells are Markdown already. */
export interface MarkdownGrid {
  readonly head: readonly string[];
  readonly rows: readonly (readonly (string | MarkdownCell)[])[];
  readonly marked: readonly boolean[];
}

/**
 * A GitHub-flavoured Markdown table;
 marked rows in bold. Cells are text, escaped here (a
 * `|`, `*` or `<b>` in a name cannot break the table or inject markup); a cell already
 * written as Markdown is passed as `{ md }`.
 */
export function gridMarkdown(grid: Grid | MarkdownGrid, textColumns = 1): string {
  const align = aligns(grid, textColumns).map((a) => (a === 'left' ? ':--' : '--:'));
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  const cell = (c: string | MarkdownCell, bold: boolean) => {
    const text = typeof c === 'string' ? mdText(c) : c.md;
    return text === '' || !bold ? text : `**${text}**`;
  };
  const rows = grid.rows.map((row, i) => line(row.map((c) => cell(c, grid.marked[i] === true))));
  return [line(grid.head.map((h) => cell(h, false))), `| ${align.join(' | ')} |`, ...rows].join('\n');
}
