import { line, linearScale, niceDomain, path, pathThrough, px, rect, svgChart, text, ticks } from './svg.js';

/**
 * The report's charts, each a function from plain numbers to an SVG string. Every chart writes
 * its labels on the chart (names and values as text), so nothing depends on telling colours
 * apart; fills are classes, styled by the page (style.ts) for screen and print.
 */

export const WIDTH = 480;
const LEFT = 8;
const RIGHT = WIDTH - 8;

export type Format = (x: number) => string;

// ——— Yearly cost: one histogram per option on a shared axis ———

export interface DistributionRow {
  readonly name: string;
  /** Trials per bin, on `edges`. */
  readonly counts: readonly number[];
  readonly p10: number;
  readonly p50: number;
  readonly p90: number;
  readonly mean: number;
}

const DIST_ROW = 100;
const DIST_BARS = 36;

/** Each option's yearly total cost as bars on one axis, with a P10–P90 whisker, a P50 dot and the values written out. */
export function distributionChart(id: string, rows: readonly DistributionRow[], edges: readonly number[], money: Format): string {
  const x = linearScale([edges[0]!, edges.at(-1)!], [LEFT, RIGHT]);
  const body: string[] = [];
  rows.forEach((row, r) => {
    const top = r * DIST_ROW;
    const most = Math.max(1, ...row.counts);
    body.push(text(LEFT, top + 16, row.name, { class: 'name' }));
    const base = top + 22 + DIST_BARS;
    row.counts.forEach((c, i) => {
      const h = (c / most) * DIST_BARS;
      if (c > 0) body.push(rect(x(edges[i]!) + 0.5, base - h, x(edges[i + 1]!) - x(edges[i]!) - 1, h, { class: 'bar' }));
    });
    const wy = base + 10;
    body.push(
      line(x(row.p10), wy, x(row.p90), wy, { class: 'whisker' }),
      line(x(row.p10), wy - 5, x(row.p10), wy + 5, { class: 'whisker' }),
      line(x(row.p90), wy - 5, x(row.p90), wy + 5, { class: 'whisker' }),
      `<circle cx="${px(x(row.p50))}" cy="${px(wy)}" r="4" class="dot"/>`,
      text(LEFT, wy + 22, `P10 ${money(row.p10)} · P50 ${money(row.p50)} · P90 ${money(row.p90)} · mean ${money(row.mean)}`, {
        class: 'value',
      }),
    );
  });
  const axisY = rows.length * DIST_ROW + 4;
  body.push(...axis(x, axisY, money, edges.at(-1)!));
  return svgChart(
    id,
    WIDTH,
    axisY + 24,
    'Yearly cost of each option, with downtime and losses',
    `Histograms of simulated yearly cost on one axis from ${money(edges[0]!)} to ${money(edges.at(-1)!)} (the last bar holds every year above it). ` +
      rows.map((r) => `${r.name}: P10 ${money(r.p10)}, P50 ${money(r.p50)}, P90 ${money(r.p90)}`).join('; ') +
      '.',
    body,
  );
}

/** A money axis along the bottom: a rule, ticks and their labels; the last label says the end bin holds the rest. */
function axis(x: ReturnType<typeof linearScale>, y: number, money: Format, end: number): string[] {
  const [lo, hi] = x.domain;
  const out = [line(LEFT, y, RIGHT, y, { class: 'axis' })];
  const marks = ticks(lo, hi, 4);
  // The end of the axis is labelled too (its bin holds the rest), when it is clear of the last tick.
  if (marks.at(-1) !== end && x(end) - x(marks.at(-1)!) > 60) {
    out.push(
      line(x(end), y, x(end), y + 4, { class: 'axis' }),
      text(x(end), y + 17, `${money(end)}+`, { class: 'tick', 'text-anchor': 'end' }),
    );
  }
  for (const t of marks) {
    const anchor = x(t) < LEFT + 30 ? 'start' : x(t) > RIGHT - 30 ? 'end' : 'middle';
    out.push(
      line(x(t), y, x(t), y + 4, { class: 'axis' }),
      text(x(t), y + 17, `${money(t)}${t === end ? '+' : ''}`, { class: 'tick', 'text-anchor': anchor }),
    );
  }
  return out;
}

// ——— The monthly bill: a P10–P90 band and the P50, one panel per option ———

export interface BandPanel {
  readonly name: string;
  readonly p10: readonly number[];
  readonly p50: readonly number[];
  readonly p90: readonly number[];
  /** Written beside month 1 when it holds a one-off fee. */
  readonly note?: string;
}

const PANEL = 104;
const GUTTER = 58;

/** Months labelled on the axis: the first, then every quarter, half-year or year as the horizon allows. */
export function monthTicks(months: number): number[] {
  const every = months <= 12 ? 3 : months <= 36 ? 6 : 12;
  const out = [1];
  for (let m = every; m <= months; m += every) out.push(m);
  return out;
}

/** A step outline: each month's value held across its column, months m … m + 1. */
function steps(x: (m: number) => number, y: (v: number) => number, values: readonly number[]): [number, number][] {
  return values.flatMap((v, m) => [
    [x(m), y(v)],
    [x(m + 1), y(v)],
  ]);
}

export function bandsChart(id: string, panels: readonly BandPanel[], months: number, money: Format, budget?: number): string {
  const high = Math.max(...panels.flatMap((p) => p.p90), budget ?? 0);
  const [, top] = niceDomain(0, high, 3);
  const x = linearScale([0, months], [GUTTER, RIGHT]);
  const body: string[] = [];
  panels.forEach((panel, i) => {
    const y0 = i * PANEL;
    const y = linearScale([0, top], [y0 + PANEL - 26, y0 + 24]);
    body.push(text(LEFT, y0 + 15, panel.name, { class: 'name' }));
    for (const t of ticks(0, top, 3)) {
      body.push(
        line(GUTTER, y(t), RIGHT, y(t), { class: 'grid' }),
        text(GUTTER - 4, y(t) + 4, money(t), { class: 'tick', 'text-anchor': 'end' }),
      );
    }
    const upper = steps(x, y, panel.p90);
    const lower = steps(x, y, panel.p10).reverse();
    body.push(
      path(`${pathThrough([...upper, ...lower])} Z`, { class: 'band' }),
      path(pathThrough(steps(x, y, panel.p50)), { class: 'median' }),
    );
    if (budget !== undefined) {
      body.push(
        line(GUTTER, y(budget), RIGHT, y(budget), { class: 'budget' }),
        text(RIGHT, y(budget) - 4, `budget ${money(budget)}`, { class: 'tick', 'text-anchor': 'end' }),
      );
    }
    if (panel.note) body.push(text(x(1) + 4, y(panel.p50[0]!) + 4, panel.note, { class: 'note' }));
    const axisY = y0 + PANEL - 26;
    for (const m of monthTicks(months))
      body.push(
        text(x(m - 0.5), axisY + 14, m === 1 ? 'month 1' : String(m), { class: 'tick', 'text-anchor': m === 1 ? 'start' : 'middle' }),
      );
  });
  return svgChart(
    id,
    WIDTH,
    panels.length * PANEL,
    'The monthly bill of each option, month by month',
    'For each option, the band runs from the P10 to the P90 of the bill in each month and the line is its P50. ' +
      panels
        .map(
          (p) =>
            `${p.name}: month 1 P50 ${money(p.p50[0]!)}, month ${months} P50 ${money(p.p50.at(-1)!)}, P90 up to ${money(Math.max(...p.p90))}`,
        )
        .join('; ') +
      '.',
    body,
  );
}

// ——— Horizontal bars with a line of text above each: the saving's parts, months over budget, the tornado ———

export interface BarRow {
  /** Written above the bar, at the left. */
  readonly label: string;
  /** Written above the bar, at the right. */
  readonly value: string;
  /** The bar spans from..to on the chart's scale. */
  readonly from: number;
  readonly to: number;
  readonly kind: string;
  /** A second piece of bar, for the tornado's other side. */
  readonly also?: { readonly from: number; readonly to: number; readonly kind: string };
}

export interface Marker {
  readonly at: number;
  readonly label: string;
  readonly kind: string;
}

/** About how wide a line of 13 px text is: 0.55 em a character, enough to decide whether two labels share a line. */
export function textWidth(s: string, size = 13): number {
  return s.length * size * 0.55;
}

const LINE = 18;
const BAR = 14;

/**
 * Rows of bars on one scale, each with its words above it (they stay readable on a phone), and
 * labelled vertical markers. The value shares the label's line when both fit, else has its own.
 */
export function barChart(
  id: string,
  title: string,
  desc: string,
  rows: readonly BarRow[],
  domain: readonly [number, number],
  markers: readonly Marker[] = [],
): string {
  const x = linearScale(domain, [LEFT, RIGHT]);
  const head = markers.length * LINE + (markers.length > 0 ? 4 : 0);
  const body: string[] = [];
  let y0 = head;
  for (const r of rows) {
    const together = textWidth(r.label) + 12 + textWidth(r.value) <= RIGHT - LEFT;
    body.push(text(LEFT, y0 + 14, r.label, { class: 'label' }));
    if (together) body.push(text(RIGHT, y0 + 14, r.value, { class: 'value', 'text-anchor': 'end' }));
    else body.push(text(RIGHT, y0 + 14 + LINE, r.value, { class: 'value', 'text-anchor': 'end' }));
    const barY = y0 + (together ? 1 : 2) * LINE + 2;
    for (const b of [r, ...(r.also ? [r.also] : [])]) {
      const [a, z] = [Math.min(b.from, b.to), Math.max(b.from, b.to)];
      body.push(rect(x(a), barY, x(z) - x(a), BAR, { class: b.kind }));
    }
    y0 = barY + BAR + 6;
  }
  markers.forEach((m, i) => {
    const mx = x(m.at);
    const anchor = mx < LEFT + 60 ? 'start' : mx > RIGHT - 60 ? 'end' : 'middle';
    body.push(
      line(mx, 17 + i * LINE, mx, y0, { class: m.kind }),
      text(mx, 13 + i * LINE, m.label, { class: 'tick', 'text-anchor': anchor }),
    );
  });
  return svgChart(id, WIDTH, y0 + 4, title, desc, body);
}
