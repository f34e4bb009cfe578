import { niceStep } from '../../engine/histogram.js';
import { esc } from './escape.js';

/**
 * The chart module's primitives: scales, ticks and SVG elements as strings. Hand-built SVG
 * (no chart library) keeps the page small, byte-stable and printable (docs/decisions.md).
 * Coordinates are rounded to 0.1 so the same numbers always give the same bytes.
 */

/** A linear map from data [d0, d1] to pixels [r0, r1]. */
export interface Scale {
  (x: number): number;
  readonly domain: readonly [number, number];
  readonly range: readonly [number, number];
}

export function linearScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return Object.assign((x: number) => r0 + (x - d0) * k, { domain, range });
}

/** Round numbers from `lo` to `hi` about `count` apart, on a step of 1, 2, 2.5 or 5 × 10^k. */
export function ticks(lo: number, hi: number, count: number): number[] {
  const step = niceStep((hi - lo) / Math.max(1, count));
  const out: number[] = [];
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) out.push(Number((k * step).toPrecision(12)));
  return out;
}

/** A domain from 0 (or below, for negatives) to just above the largest value, ending on a tick. */
export function niceDomain(lo: number, hi: number, count = 4): [number, number] {
  const low = Math.min(0, lo);
  const high = Math.max(0, hi);
  if (high === low) return [0, 1];
  const step = niceStep((high - low) / count);
  return [Math.floor(low / step) * step, Math.ceil(high / step) * step];
}

export const px = (x: number): string => String(Math.round(x * 10) / 10);

type Attrs = Record<string, string | number | undefined>;

function attrs(a: Attrs): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? px(v) : esc(v!)}"`)
    .join('');
}

export function rect(x: number, y: number, w: number, h: number, a: Attrs = {}): string {
  return `<rect${attrs({ x, y, width: Math.max(0, w), height: Math.max(0, h), ...a })}/>`;
}

export function line(x1: number, y1: number, x2: number, y2: number, a: Attrs = {}): string {
  return `<line${attrs({ x1, y1, x2, y2, ...a })}/>`;
}

export function text(x: number, y: number, content: string, a: Attrs = {}): string {
  return `<text${attrs({ x, y, ...a })}>${esc(content)}</text>`;
}

export function path(d: string, a: Attrs = {}): string {
  return `<path${attrs({ d, ...a })}/>`;
}

/** A path through points: "M x y L x y …". */
export function pathThrough(points: readonly (readonly [number, number])[]): string {
  return points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${px(x)} ${px(y)}`).join(' ');
}

/**
 * A whole chart: a responsive SVG (its width follows the page, its text scales with it) that
 * screen readers announce by its title and description.
 */
export function svgChart(id: string, width: number, height: number, title: string, desc: string, body: readonly string[]): string {
  return (
    `<svg class="chart" viewBox="0 0 ${px(width)} ${px(height)}" role="img" aria-labelledby="${id}t ${id}d">` +
    `<title id="${id}t">${esc(title)}</title><desc id="${id}d">${esc(desc)}</desc>${body.join('')}</svg>`
  );
}
