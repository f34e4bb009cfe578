import { floorLog10, pow10 } from '../engine/libm.js';
import { CONTROL_CHARACTERS } from '../shared/text.js';

/** Number formatting that never depends on the machine's locale. */

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** `$9,000`: en-US, the profile's currency, no cents. */
export function money(value: number, currency: string): string {
  let f = moneyFormats.get(currency);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0, minimumFractionDigits: 0 });
    moneyFormats.set(currency, f);
  }
  // Avoid "-$0" for values that round to zero.
  return f.format(Math.abs(value) < 0.5 ? 0 : value);
}

const plain = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** `12,345`: en-US thousands separators, no decimals. */
export function whole(value: number): string {
  return plain.format(Math.abs(value) < 0.5 ? 0 : value);
}

/** Rounds to three significant figures for prose ($9,000 rather than $9,013). */
export function roundish(value: number): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  const magnitude = pow10(floorLog10(Math.abs(value)) - 2);
  return Math.round(value / magnitude) * magnitude;
}

/** `17%`; below 1% but above 0, `<1%`. */
export function percent(share: number): string {
  if (share > 0 && share < 0.005) return '<1%';
  if (share < 1 && share > 0.995) return '>99%';
  return `${Math.round(share * 100)}%`;
}

/** "1 site", "2 servers". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${whole(n)} ${n === 1 ? one : many}`;
}

/** Text safe for a terminal: control characters shown as \u001b escapes, so a name cannot retitle a window or split a row. */
export function printable(s: string): string {
  return s.replace(CONTROL_CHARACTERS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Text for Markdown prose and table cells: printable, Markdown punctuation escaped, HTML as entities. */
export function mdText(s: string): string {
  return printable(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|#])/g, '\\$1');
}

/** A Markdown code span that holds any text: a fence longer than any run of backticks inside. */
export function mdCode(s: string): string {
  const text = printable(s);
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = longest > 0 || text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A label cut to `width` characters, with an ellipsis when it was longer. */
export function cutTo(label: string, width: number): string {
  return label.length <= width ? label : `${label.slice(0, width - 1)}…`;
}
