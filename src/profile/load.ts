import { LineCounter, isMap, isScalar, parseDocument, visit, type Document } from 'yaml';
import type { Model } from '../engine/model.js';
import { compileProfile, optionIds } from './compile.js';
import type { Assertion } from './expect.js';
import { fromZodIssues, type Issue } from './issues.js';
import { locate } from './locate.js';
import { applyOverrides, type AppliedOverride } from './overrides.js';
import { formatPath, type PathSegment } from './paths.js';
import { checkRules } from './rules.js';
import { Profile } from './schema.js';

/** One problem with a profile, ready to print as `FILE:LINE:COL PATH: message`. */
export interface Problem {
  readonly line: number;
  readonly col: number;
  readonly path: string;
  readonly message: string;
  /** The `--set` argument the problem comes from, when it does. */
  readonly override?: string;
}

export interface LoadedProfile {
  readonly profile: Profile;
  readonly model: Model;
  readonly optionIds: readonly string[];
  readonly assertions: ReadonlyMap<string, Assertion>;
  /** Where each `expect:` key sits, for check's failure lines. */
  readonly expectLines: ReadonlyMap<string, number>;
}

export type LoadResult = { ok: true; value: LoadedProfile } | { ok: false; problems: Problem[] };

/** Keys that could reach an object's prototype: refused whatever they hold. */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Aliases allowed before a document counts as an expansion attack. */
const MAX_ALIASES = 50;

const YAML_FIXES: Record<string, string> = {
  DUPLICATE_KEY: 'keep only one of them',
  BAD_INDENT: 'line the key up with its siblings',
  TAB_AS_INDENT: 'indent with spaces, not tabs',
  MULTIPLE_DOCS: 'keep one document per file',
};

function syntaxProblems(doc: Document): Problem[] {
  return doc.errors.map((e) => {
    const pos = e.linePos?.[0] ?? { line: 1, col: 1 };
    const what = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    return { ...pos, path: 'yaml', message: `${what} — ${YAML_FIXES[e.code] ?? 'fix the YAML syntax here'}` };
  });
}

function reservedKeyProblems(doc: Document, lc: LineCounter): Problem[] {
  const problems: Problem[] = [];
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && RESERVED_KEYS.has(String(pair.key.value))) {
        const pos = lc.linePos(pair.key.range?.[0] ?? 0);
        problems.push({ ...pos, path: String(pair.key.value), message: 'reserved key — rename or remove it' });
      }
    },
  });
  return problems;
}

function expectLines(doc: Document, lc: LineCounter): Map<string, number> {
  const lines = new Map<string, number>();
  const block = doc.get('expect', true);
  if (isMap(block)) {
    for (const pair of block.items) {
      if (isScalar(pair.key) && pair.key.range) lines.set(String(pair.key.value), lc.linePos(pair.key.range[0]).line);
    }
  }
  return lines;
}

/** The last --set whose path is a prefix of `path`: what a problem there came from. */
function overrideFor(applied: readonly AppliedOverride[], path: readonly PathSegment[]): string | undefined {
  const hit = applied.filter((o) => o.path.every((seg, i) => seg === path[i])).at(-1);
  return hit?.arg;
}

function byPosition(a: Problem, b: Problem): number {
  return a.line - b.line || a.col - b.col;
}

/**
 * Parses and validates a profile's text: YAML 1.2 core schema, unique keys, few aliases,
 * then the zod schema, then the cross-field rules. Every problem is returned at once, each
 * with the position of the key (unknown or missing keys) or the value (bad values).
 */
export function loadProfile(text: string, overrides: readonly string[] = []): LoadResult {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, schema: 'core', uniqueKeys: true, prettyErrors: true, stringKeys: true });
  const syntax = syntaxProblems(doc);
  if (syntax.length > 0) return { ok: false, problems: syntax.sort(byPosition) };
  const set = applyOverrides(doc, overrides);
  if (set.problems.length > 0) {
    return { ok: false, problems: set.problems.map((p) => ({ line: 0, col: 0, path: '', message: p.message, override: p.arg })) };
  }
  const reserved = reservedKeyProblems(doc, lc);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch {
    return { ok: false, problems: [{ line: 1, col: 1, path: 'yaml', message: `more than ${MAX_ALIASES} alias expansions — write the values out` }] };
  }
  const toProblem = (i: Issue): Problem => {
    const override = overrideFor(set.applied, i.path);
    return { ...locate(doc, lc, i.path, i.anchor), path: formatPath(i.path), message: i.message, ...(override ? { override } : {}) };
  };
  const parsed = Profile.safeParse(data, { reportInput: true });
  if (!parsed.success) {
    const issues = fromZodIssues(parsed.error.issues, Profile).filter((i) => !RESERVED_KEYS.has(String(i.path.at(-1))));
    return { ok: false, problems: [...reserved, ...issues.map(toProblem)].sort(byPosition) };
  }
  const { issues, assertions } = checkRules(parsed.data);
  const problems = [...reserved, ...issues.map(toProblem)].sort(byPosition);
  if (problems.length > 0) return { ok: false, problems };
  const profile = parsed.data;
  return {
    ok: true,
    value: { profile, model: compileProfile(profile), optionIds: optionIds(profile), assertions, expectLines: expectLines(doc, lc) },
  };
}
