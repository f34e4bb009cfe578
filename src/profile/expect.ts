import { REPORTED_QUANTITIES } from '../engine/quantities.js';
import { describe, type Issue } from './issues.js';
import { closest, type PathSegment, parsePath } from './paths.js';

export const SUMMARY_KEYS = ['mean', 'sd', 'p5', 'p10', 'p25', 'p50', 'p75', 'p90', 'p95', 'p99', 'cvar95'] as const;
const RECOMMENDATION_NUMBERS = ['mean_saving', 'mean_saving_se', 'metric_saving', 'metric_saving_se'];
const VERSUS_NUMBERS = ['mean_saving', 'mean_saving_se', 'p_cheaper'];

/** What a key of `expect:` asserts. */
export type Assertion =
  | { kind: 'recommendation'; value: string }
  | { kind: 'too_close'; value: boolean }
  | { kind: 'number'; path: PathSegment[]; min: number | undefined; max: number | undefined };

function isOneOf(x: PathSegment | undefined, list: readonly string[]): boolean {
  return typeof x === 'string' && list.includes(x);
}

/** "did you mean …?" when one is close, else the list of what may stand there. */
function fixFor(word: PathSegment | undefined, choices: readonly string[]): string {
  const guess = typeof word === 'string' ? closest(word, choices) : undefined;
  return guess ? `did you mean ${guess}?` : `use one of ${choices.join(', ')}`;
}

/** Why `path` is not a numeric result path for these options, or undefined when it is. */
function resultPathProblem(path: PathSegment[], optionIds: readonly string[], hasBudget: boolean): string | undefined {
  const [head, id, field, stat] = path;
  if (head === 'options') {
    if (!isOneOf(id, optionIds)) return `no option ${describe(id)} in this profile — ${fixFor(id, optionIds)}`;
    if (field === 'p_best' && path.length === 3) return undefined;
    if (field === 'p_month_over_budget' && path.length === 3) {
      return hasBudget ? undefined : 'p_month_over_budget needs a budget — add budget: { monthly: … }';
    }
    if (!isOneOf(field, REPORTED_QUANTITIES))
      return `unknown quantity ${describe(field)} — ${fixFor(field, [...REPORTED_QUANTITIES, 'p_best'])}`;
    if (!isOneOf(stat, SUMMARY_KEYS) || path.length !== 4) {
      return `the path needs a statistic at its end — ${stat === undefined ? `end it with one of ${SUMMARY_KEYS.join(', ')}` : fixFor(stat, SUMMARY_KEYS)}`;
    }
    return undefined;
  }
  if (head === 'recommendation') {
    if (isOneOf(id, RECOMMENDATION_NUMBERS) && path.length === 2) return undefined;
    if (id === 'versus') {
      if (!isOneOf(field, optionIds)) return `no option ${describe(field)} in this profile — ${fixFor(field, optionIds)}`;
      if (isOneOf(stat, VERSUS_NUMBERS) && path.length === 4) return undefined;
      return `the path needs a statistic at its end — end it with one of ${VERSUS_NUMBERS.join(', ')}`;
    }
    const guess = typeof id === 'string' ? closest(id, RECOMMENDATION_NUMBERS) : undefined;
    if (guess) return `not a result path — did you mean recommendation.${guess}?`;
    return `not a result path — use recommendation.${RECOMMENDATION_NUMBERS.join(', recommendation.')} or recommendation.versus.<id>.<stat>`;
  }
  return 'not a result path — use recommendation, too_close, options.<id>.<quantity>.<stat> or recommendation.<number>';
}

function recommendationMatches(expected: string, optionIds: readonly string[]): boolean {
  return optionIds.includes(expected) || (expected === 'managed' && optionIds.some((id) => id.startsWith('managed')));
}

/** Checks the `expect:` block against this profile's options; returns assertions and problems. */
export function readExpect(
  expect: Record<string, unknown>,
  optionIds: readonly string[],
  hasBudget: boolean,
): { assertions: Map<string, Assertion>; issues: Issue[] } {
  const assertions = new Map<string, Assertion>();
  const issues: Issue[] = [];
  const fail = (key: string, anchor: 'key' | 'value', message: string) => issues.push({ path: ['expect', key], anchor, message });
  for (const [key, value] of Object.entries(expect)) {
    if (key === 'recommendation') {
      if (typeof value !== 'string' || !recommendationMatches(value, optionIds)) {
        fail(key, 'value', `expected an option id, got ${describe(value)} — use one of ${optionIds.join(', ')}`);
      } else assertions.set(key, { kind: 'recommendation', value });
      continue;
    }
    if (key === 'too_close') {
      if (typeof value !== 'boolean') fail(key, 'value', `expected true or false, got ${describe(value)} — write true or false`);
      else assertions.set(key, { kind: 'too_close', value });
      continue;
    }
    const path = parsePath(key);
    const problem = path
      ? resultPathProblem(path, optionIds, hasBudget)
      : 'not a result path — write e.g. options.managed.monthly_spend.p90';
    if (problem || !path) {
      fail(key, 'key', problem ?? 'not a result path — write e.g. options.managed.monthly_spend.p90');
      continue;
    }
    if (typeof value === 'number') assertions.set(key, { kind: 'number', path, min: value, max: value });
    else if (value !== null && typeof value === 'object') {
      const b = value as { min?: number; max?: number };
      assertions.set(key, { kind: 'number', path, min: b.min, max: b.max });
    } else fail(key, 'value', `expected a number or { min, max }, got ${describe(value)} — write e.g. { max: 9500 }`);
  }
  return { assertions, issues };
}
