import { parseDocument } from 'yaml';
import { applyOverrides } from './overrides.js';

/**
 * The profile's text with `--set` arguments written into it, its comments and layout kept:
 * what the live page's "download profile" saves, which `supportcast run` reads back as the
 * profile with those sets. Only arguments `loadProfile` accepted reach here.
 */
export function profileTextWith(text: string, sets: readonly string[]): string {
  const doc = parseDocument(text, { schema: 'core', uniqueKeys: false, stringKeys: true });
  const r = applyOverrides(doc, sets);
  if (r.problems.length > 0) throw new Error(`profileTextWith: ${r.problems.map((p) => `${p.arg}: ${p.message}`).join('; ')}`);
  return doc.toString({ lineWidth: 0 });
}
