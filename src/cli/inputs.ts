import { formatPath } from '../profile/paths.js';
import type { InputChange } from '../report/diff.js';

/** The keys of { low, mode, high }, { mean, sd }, { p50, p90 } and { share }, sorted. */
const DISTRIBUTION_KEYS = new Set(['high,low,mode', 'mean,sd', 'p50,p90', 'share']);

/** A distribution or a share of staff: shown whole, as one value. */
function isDistribution(x: Record<string, unknown>): boolean {
  return DISTRIBUTION_KEYS.has(Object.keys(x).sort().join(','));
}

const isPlain = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);

/**
 * Flattens validated profile data to leaf paths. Lists of named maps (incidents, managed
 * tiers) are keyed by name so that reordering is not a change; distributions stay whole,
 * so a changed { p50, p90 } reads as one line.
 */
export function flatten(value: unknown, path = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (Array.isArray(value)) {
    const named = value.every((v) => isPlain(v) && typeof v['name'] === 'string');
    value.forEach((v, i) => {
      flatten(v, `${path}[${named ? JSON.stringify((v as Record<string, unknown>)['name']) : i}]`, out);
    });
  } else if (isPlain(value) && !isDistribution(value)) {
    // formatPath(['x', k]) is "x.k" or 'x["k"]'; dropping the x gives the suffix for any key.
    for (const [k, v] of Object.entries(value)) flatten(v, `${path}${formatPath(['x', k]).slice(path === '' ? 2 : 1)}`, out);
  } else out.set(path, value);
  return out;
}

export function inputChanges(oldData: unknown, newData: unknown): InputChange[] {
  const a = flatten(oldData);
  const b = flatten(newData);
  const keys = [...new Set([...a.keys(), ...b.keys()])];
  return keys.filter((k) => JSON.stringify(a.get(k)) !== JSON.stringify(b.get(k))).map((k) => ({ path: k, old: a.get(k), new: b.get(k) }));
}
