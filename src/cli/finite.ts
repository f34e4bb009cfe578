/** The first place in a JSON-like value that holds NaN or ±Infinity, as a dotted path; undefined when all is finite. */
export function firstNonFinite(value: unknown, path = ''): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : path || '(value)';
  if (value === null || typeof value !== 'object') return undefined;
  for (const [k, v] of Object.entries(value)) {
    const hit = firstNonFinite(v, path ? `${path}.${k}` : k);
    if (hit !== undefined) return hit;
  }
  return undefined;
}
