import type { ResultJson } from './result.js';

/** Machine-readable output: the result@1 object, numbers unrounded. */
export function renderJson(result: ResultJson): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
