import type { Analysis, Versus } from '../engine/analyze.js';
import type { Model } from '../engine/model.js';
import { money, percent, roundish, whole } from './format.js';
import { horizonWord, proseName } from './names.js';

function sentence(s: string): string {
  return s[0]!.toUpperCase() + s.slice(1);
}

/** Money a year in prose: three significant figures ("$49,300"), whatever the sign. */
type Cash = ((x: number) => string) & { nil(x: number): boolean };

/** "$98,600 less" or "$4,100 more", for a part of a saving (positive: the recommended option costs less). */
function lessOrMore(x: number, cash: Cash): string {
  return x >= 0 ? `${cash(x)} less` : `${cash(-x)} more`;
}

/**
 * What a saving is made of, in words (docs/model.md §6): invoices first, since they are what
 * a client sees, then downtime and losses. Parts that round to nothing are left out.
 */
function splitSentence(v: Versus, vsName: string, cash: Cash): string {
  const c = v.components;
  const rest = [
    cash.nil(c.downtimeCost) ? undefined : `downtime costs ${lessOrMore(c.downtimeCost, cash)}`,
    cash.nil(c.directCost) ? undefined : `losses ${lessOrMore(c.directCost, cash)}`,
  ].filter((x) => x !== undefined);
  if (c.spend < 0) {
    const tail = rest.length > 0 ? `, but ${rest.join(' and ')}` : '';
    return `Its invoices are ${cash(-c.spend)} a year higher than ${vsName}'s${tail}.`;
  }
  const invoices = cash.nil(c.spend)
    ? `Its invoices are about the same as ${vsName}'s`
    : `Its invoices are ${cash(c.spend)} a year lower than ${vsName}'s`;
  const worse = rest.filter((r) => r.endsWith('more'));
  const better = rest.filter((r) => r.endsWith('less'));
  return `${invoices}${better.length > 0 ? `, and ${better.join(' and ')}` : ''}${worse.length > 0 ? `, though ${worse.join(' and ')}` : ''}.`;
}

/**
 * The reasons for a recommendation, as plain sentences (docs/model.md §6): the saving and
 * what it is made of, the chance the runner-up would have been cheaper, how steady the
 * regular monthly bill is, and the downtime avoided. "±" is two standard errors.
 */
export function reasons(analysis: Analysis, model: Model, currency: string): string[] {
  const d = analysis.decision;
  const perYear = 12 / analysis.months;
  const name = (o: number) => proseName(analysis.options[o]!.id, analysis.options[o]!.label, model);
  const cash: Cash = Object.assign((x: number) => money(roundish(x * perYear), currency), {
    nil: (x: number) => Math.abs(roundish(x * perYear)) < 0.5,
  });
  const stats = (o: number) => analysis.stats[o]!.summaries;
  const rec = d.option;
  const runnerUp = d.versus.find((v) => v.option === d.runnerUp)!;
  const bfVs = d.versus.find((v) => v.option === 0);
  const compareTo = rec === 0 ? d.runnerUp : 0;
  const out: string[] = [];
  if (d.tooClose) {
    out.push(
      `Too close to call at ${whole(analysis.trials)} trials — ${name(rec)} and ${name(d.runnerUp)} differ by ` +
        `${cash(d.metricSaving)} ± ${cash(2 * d.metricSavingSe)} a year; run with more trials or treat them as equal.`,
    );
  } else {
    const what = d.metric === 'mean' ? 'on average' : `at the ${d.metric.toUpperCase()}`;
    const withBf = rec !== 0 && d.runnerUp !== 0 && bfVs !== undefined;
    const against = withBf ? `, and ${cash(bfVs.meanSaving)} against break-fix` : '';
    const saving = `Saves ${cash(d.metricSaving)} a year ${what} against the runner-up, ${name(d.runnerUp)} (± ${cash(2 * d.metricSavingSe)})${against}.`;
    // The comparison a client is most likely to be surprised by: the largest gap in invoices.
    const targets = withBf ? [runnerUp, bfVs] : [runnerUp];
    const surprise = targets.reduce((a, b) => (b.components.spend < a.components.spend ? b : a));
    const split =
      d.basis === 'spend'
        ? 'The decision counts invoices only (decision.basis: spend), not downtime or losses.'
        : splitSentence(surprise, name(surprise.option), cash);
    out.push(`${saving} ${split}`);
  }
  out.push(
    sentence(`${name(d.runnerUp)} would have been cheaper in ${percent(runnerUp.pCheaper)} of simulated ${horizonWord(analysis.months)}.`),
  );
  const spread = (o: number) => stats(o).monthly_spend.p90 - stats(o).monthly_spend.p10;
  out.push(
    `The monthly bill moves by ${money(roundish(spread(rec)), currency)} between P10 and P90, against ` +
      `${money(roundish(spread(compareTo)), currency)} for ${name(compareTo)}.`,
  );
  const avoided = (stats(compareTo).horizon_downtime_hours.mean - stats(rec).horizon_downtime_hours.mean) * perYear;
  out.push(
    `${whole(roundish(Math.abs(avoided)))} ${avoided >= 0 ? 'fewer' : 'more'} staff-hours lost to downtime a year than ${name(compareTo)}.`,
  );
  return out;
}
