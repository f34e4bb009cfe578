import { badYearFactor } from '../engine/gamma.js';
import type { Model } from '../engine/model.js';
import { money, percent, printable, roundish } from './format.js';
import { displayName, type ResultJson, shortName } from './result.js';

/**
 * The prose lines under the tables (one-off fees, invoices alone, the budget, a bad year, the
 * recommendation's headline), shared by the terminal table, Markdown and the client page. No
 * table library here: the page's browser bundle takes these without one.
 */

/** What the renderers need beyond the JSON result. */
export interface RunReport {
  readonly result: ResultJson;
  readonly model: Model;
  /** The profile as the user named it, or a note such as "… (bundled)". */
  readonly source: string;
}

/** What "bad year" means in this run: "bad year: P10 0.64×, P90 1.40× incidents (all classes)". */
export function badYearLine(model: Model): string | undefined {
  const b = model.badYear;
  if (!b) return undefined;
  const f = (p: number) => `${(badYearFactor(b.shape, p)).toFixed(2)}×`;
  const names = model.classes.filter((_, i) => b.applies[i]).map((c) => c.name);
  const which = names.length === model.classes.length ? 'all classes' : names.join(', ');
  return printable(`bad year: P10 ${f(0.1)}, P90 ${f(0.9)} incidents a year (${which})`);
}

/**
 * One-off fees (the onboarding fee, billed in month 1) on a line of their own: they are in the
 * yearly costs but not in the monthly statistics or the budget share, which describe regular
 * months (docs/model.md §6).
 */
export function oneOffLine(report: RunReport): string | undefined {
  const { result } = report;
  const cur = result.profile.currency;
  const fees = Object.entries(result.options).filter(([, o]) => o.one_off_spend.mean >= 0.5);
  if (fees.length === 0) return undefined;
  const amount = (o: (typeof fees)[number][1]) => `${money(o.one_off_spend.mean, cur)}${o.one_off_spend.sd > 0 ? ' on average' : ''}`;
  const where = '(in the yearly costs, not the monthly figures)';
  if (fees.length === 1) {
    const [id, o] = fees[0]!;
    return `One-off: onboarding ${amount(o)} in month 1 for ${shortName(id, o.label)} ${where}.`;
  }
  return `One-off: onboarding in month 1 — ${fees.map(([id, o]) => `${shortName(id, o.label)} ${amount(o)}`).join(' · ')} ${where}.`;
}

/**
 * The decision on invoices alone, beside the decision on total cost, so a client who only
 * sees invoices is not surprised when the cheaper bill is not the recommendation.
 */
export function invoiceLine(report: RunReport): string | undefined {
  const { result } = report;
  if (result.recommendation.basis === 'spend') return undefined;
  const perYear = 12 / result.settings.months;
  const cur = result.profile.currency;
  const byInvoices = Object.entries(result.options).sort(([, a], [, b]) => a.horizon_spend.mean - b.horizon_spend.mean);
  const [cheapestId, cheapest] = byInvoices[0]!;
  const rec = result.recommendation.option;
  const a = (o: (typeof byInvoices)[number][1]) => money(roundish(o.horizon_spend.mean * perYear), cur);
  if (cheapestId === rec || result.recommendation.too_close) {
    const [nextId, next] = byInvoices[1]!;
    const too = result.recommendation.too_close ? '' : ' too';
    return `On invoices alone: ${shortName(cheapestId, cheapest.label)}${too} (${a(cheapest)} a year; next ${shortName(nextId, next.label)} ${a(next)}).`;
  }
  const recOption = result.options[rec]!;
  return `On invoices alone: ${shortName(cheapestId, cheapest.label)} (${a(cheapest)} a year; ${shortName(rec, recOption.label)} ${a(recOption)}).`;
}

/** What the symbols mean, under the tables (docs/model.md §6). */
export const FOOTNOTE =
  '± is two standard errors of the simulated average, not a range of outcomes. P(best) is the share of simulated years in ' +
  'which an option was the cheapest of all; "cheaper in N% of years" compares one option with the recommended one only.';

export function budgetLine(report: RunReport): string | undefined {
  const { result, model } = report;
  if (model.budgetMonthly === undefined) return undefined;
  // Tier labels alone ("Essentials") keep the line short and still tell tiers apart.
  const parts = Object.entries(result.options).map(([id, o]) => `${shortName(id, o.label)} ${percent(o.p_month_over_budget ?? 0)}`);
  return `Regular months over the ${money(model.budgetMonthly, result.profile.currency)} budget: ${parts.join(' · ')}`;
}

/** The recommendation's headline ("Managed · Complete", or the too-close sentence) and its reasons. */
export function recommendationText(report: RunReport): { headline: string; reasons: string[] } {
  const { result, model } = report;
  const r = result.recommendation;
  const [first, ...rest] = r.reasons.map(lowerFirst);
  if (r.too_close) return { headline: first ?? '', reasons: rest };
  return { headline: displayName(r.option, result.options[r.option]!.label, model), reasons: r.reasons.map(lowerFirst) };
}

/** Lower-cases a leading verb ("Saves", "The", "Too"), never an option's name. */
function lowerFirst(s: string): string {
  return /^(Saves|The|Too) /.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s;
}
