import { cutTo, money } from './format.js';
import { displayName, shortName } from './result.js';
import type { RunReport } from './table.js';
import type { Theme } from './theme.js';

/** Eight heights of a bar, lowest first: Unicode blocks on a terminal, ASCII elsewhere. */
const LEVELS = { unicode: '▁▂▃▄▅▆▇█', ascii: '.:-=+*#@' } as const;

/**
 * One character per bin, its height proportional to the bin's count against the fullest
 * bin; an empty bin is a space and a bin with any count at all is at least the lowest mark,
 * so a rare expensive year stays visible.
 */
export function sparkline(counts: readonly number[], unicode: boolean): string {
  const levels = unicode ? LEVELS.unicode : LEVELS.ascii;
  const top = Math.max(1, ...counts);
  return counts.map((c) => (c <= 0 ? ' ' : levels[Math.min(7, Math.max(0, Math.ceil((c / top) * 8) - 1))]!)).join('');
}

const LABEL = 26;

/**
 * Each option's yearly total cost as a one-line histogram on one shared axis, with the axis's
 * ends under it: "steady" against "spiky" at a glance.
 */
export function histogramLines(report: RunReport, theme: Theme): string[] {
  const { result, model } = report;
  const h = result.histogram;
  const cur = result.profile.currency;
  const lo = money(h.edges[0]!, cur);
  const hi = money(h.edges.at(-1)!, cur);
  const rows = Object.entries(h.counts).map(([id, counts]) => {
    const label = cutTo(displayName(id, result.options[id]!.label, model), LABEL - 1);
    return `  ${label.padEnd(LABEL)}${sparkline(counts, theme.unicode)}`;
  });
  const bins = h.edges.length - 1;
  const axis = `${' '.repeat(2 + LABEL)}${lo}${hi.padStart(Math.max(1, bins - lo.length))}`;
  const title = 'Spread of yearly cost, one axis for all (the end columns hold the rest):';
  return [theme.heading(title), ...rows, theme.dim(axis)];
}

/** With a budget: each option's highest regular month in the horizon, on average and in a bad (P90) horizon. */
export function worstMonthLine(report: RunReport): string | undefined {
  const { result, model } = report;
  if (model.budgetMonthly === undefined) return undefined;
  const cur = result.profile.currency;
  const span = result.settings.months === 12 ? 'of the year' : `of the ${result.settings.months} months`;
  const parts = Object.entries(result.options).map(
    ([id, o]) => `${shortName(id, o.label)} ${money(o.worst_month_spend.mean, cur)} (P90 ${money(o.worst_month_spend.p90, cur)})`,
  );
  return `Worst regular month ${span}, mean (P90): ${parts.join(' · ')}`;
}
