import type { Assertion } from '../profile/expect.js';
import { formatPath, type PathSegment } from '../profile/paths.js';
import type { CheckFailure } from '../report/check.js';
import type { ResultJson } from '../report/result.js';

function valueAt(result: ResultJson, path: readonly PathSegment[]): unknown {
  let cur: unknown = result;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, seg)) return undefined;
    cur = (cur as Record<string, unknown>)[String(seg)];
  }
  return cur;
}

/** Evaluates one profile's assertions against its result, in the order they were written. */
export function evaluate(
  result: ResultJson,
  assertions: ReadonlyMap<string, Assertion>,
  positions: ReadonlyMap<string, { line: number; col: number }>,
): CheckFailure[] {
  const failures: CheckFailure[] = [];
  for (const [key, a] of assertions) {
    const at = positions.get(key);
    const line = at?.line ?? null;
    const col = at?.col ?? null;
    if (a.kind === 'recommendation') {
      const actual = result.recommendation.option;
      const ok = actual === a.value || (a.value === 'managed' && actual.startsWith('managed'));
      if (!ok) failures.push({ path: key, line, col, expected: a.value, actual });
    } else if (a.kind === 'too_close') {
      const actual = result.recommendation.too_close;
      if (actual !== a.value) failures.push({ path: key, line, col, expected: a.value, actual });
    } else {
      const actual = valueAt(result, a.path);
      const ok = typeof actual === 'number' && (a.min === undefined || actual >= a.min) && (a.max === undefined || actual <= a.max);
      const expected =
        a.min === a.max ? a.min : { ...(a.min === undefined ? {} : { min: a.min }), ...(a.max === undefined ? {} : { max: a.max }) };
      if (!ok) failures.push({ path: formatPath(a.path), line, col, expected, actual: actual ?? null });
    }
  }
  return failures;
}
