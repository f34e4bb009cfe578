import { type Document, isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument, visit } from 'yaml';
import type { Model } from '../engine/model.js';
import { compileProfile, optionIds } from './compile.js';
import type { Assertion } from './expect.js';
import { fromZodIssues, type Issue } from './issues.js';
import { Locator } from './locate.js';
import { type AppliedOverride, applyOverrides } from './overrides.js';
import { displayPath, type PathSegment } from './paths.js';
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
  /** Where each `expect:` key sits, for check's failure lines and annotations. */
  readonly expectPositions: ReadonlyMap<string, { line: number; col: number }>;
}

export type LoadResult = { ok: true; value: LoadedProfile } | { ok: false; problems: Problem[] };

/** Keys that could reach an object's prototype: refused whatever they hold. */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Aliases allowed before a document counts as an expansion attack. */
const MAX_ALIASES = 50;
/** Explicit tags a profile may use: YAML 1.2 core's own. Others (!!timestamp, !!binary, !!set, !custom) change what a value is. */
const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));
/** Where a whole-document problem points: the document itself. */
const DOCUMENT = '(document)';

const YAML_FIXES: Record<string, string> = {
  DUPLICATE_KEY: 'keep only one of them',
  BAD_INDENT: 'indent it to match the lines it belongs with',
  TAB_AS_INDENT: 'indent with spaces, not tabs',
  MULTIPLE_DOCS: 'keep one document per file',
  BLOCK_AS_IMPLICIT_KEY: 'put the key and its value on one line, or indent the value below the key',
  MISSING_CHAR: 'close the bracket or quote that is still open',
  UNEXPECTED_TOKEN: 'fix the YAML syntax here',
};

const NESTING = 'the YAML nests too deeply — a profile needs only a few levels; flatten it';

/** yaml reports an unclosed `[` or `{` as an indentation problem; what the user must do is close it. */
function unclosedMessage(what: string): string | undefined {
  const m = /^Flow (sequence|map|mapping) in block collection must be sufficiently indented and end with an? ([\]}])$/.exec(what);
  if (m === null) return undefined;
  const [kind, open] = m[1] === 'sequence' ? ['list', '['] : ['map', '{'];
  return `a ${kind} opened with ${open} before this line is not closed — close it with ${m[2]}, and indent any line that continues it`;
}

function syntaxProblems(doc: Document): Problem[] {
  return doc.errors.map((e) => {
    const pos = e.linePos?.[0] ?? { line: 1, col: 1 };
    if (e.code === 'RESOURCE_EXHAUSTION') return { ...pos, path: 'yaml', message: NESTING };
    const what = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    return { ...pos, path: 'yaml', message: unclosedMessage(what) ?? `${what} — ${YAML_FIXES[e.code] ?? 'fix the YAML syntax here'}` };
  });
}

/** The profile path of a node from the ancestors yaml's visitor passes: keys of pairs, indexes in lists. */
function pathOf(ancestors: readonly unknown[], node: unknown): PathSegment[] {
  const chain = [...ancestors, node];
  const out: PathSegment[] = [];
  chain.forEach((a, i) => {
    if (isPair(a) && isScalar(a.key)) out.push(String(a.key.value));
    else if (isSeq(a) && i + 1 < chain.length) out.push(a.items.indexOf(chain[i + 1] as never));
  });
  return out;
}

/** Reserved keys, repeated keys, unusual tags and aliases without an anchor: what YAML allows and a profile must not. */
function documentProblems(doc: Document, lc: LineCounter): Problem[] {
  const problems: Problem[] = [];
  const at = (node: Node | null | undefined) => lc.linePos(node?.range?.[0] ?? 0);
  const checkTag = (node: Node) => {
    if (node.tag !== undefined && !CORE_TAGS.has(node.tag)) {
      const tag = node.tag.replace(/^tag:yaml\.org,2002:/, '!!');
      problems.push({ ...at(node), path: 'yaml', message: `the tag ${tag} is not used in profiles — remove it and write the plain value` });
    }
  };
  visit(doc, {
    Map(_, map, ancestors) {
      checkTag(map);
      const seen = new Map<string, number>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        const pos = at(pair.key);
        const path = () => displayPath([...pathOf(ancestors, map), key]);
        const first = seen.get(key);
        if (first !== undefined) {
          problems.push({ ...pos, path: path(), message: `duplicate key (first at line ${first}) — keep only one of them` });
        } else seen.set(key, pos.line);
        if (RESERVED_KEYS.has(key)) problems.push({ ...pos, path: path(), message: 'reserved key — rename or remove it' });
      }
    },
    Seq(_, seq) {
      checkTag(seq);
    },
    Scalar(_, scalar) {
      checkTag(scalar);
    },

    Alias(_, alias) {
      if (alias.resolve(doc) === undefined) {
        problems.push({
          ...at(alias),
          path: 'yaml',
          message: `*${alias.source} has no &${alias.source} anchor before it — define the anchor first or write the value out`,
        });
      }
    },
  });
  return problems;
}

function expectPositions(doc: Document, lc: LineCounter): Map<string, { line: number; col: number }> {
  const positions = new Map<string, { line: number; col: number }>();
  const block = doc.get('expect', true);
  if (isMap(block)) {
    for (const pair of block.items) {
      if (isScalar(pair.key) && pair.key.range) positions.set(String(pair.key.value), lc.linePos(pair.key.range[0]));
    }
  }
  return positions;
}

/** The last --set whose path is a prefix of `path`: what a problem there came from. */
function overrideFor(applied: readonly AppliedOverride[], path: readonly PathSegment[]): string | undefined {
  const hit = applied.filter((o) => o.path.every((seg, i) => seg === path[i])).at(-1);
  return hit?.arg;
}

function byPosition(a: Problem, b: Problem): number {
  return a.line - b.line || a.col - b.col;
}

function isEmptyDocument(doc: Document): boolean {
  return doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null);
}

/**
 * Parses and validates a profile's text: YAML 1.2 core schema, unique keys, few aliases,
 * then the zod schema, then the cross-field rules. Every problem is returned at once, each
 * with the position of the key (unknown or missing keys) or the value (bad values).
 */
export function loadProfile(text: string, overrides: readonly string[] = []): LoadResult {
  try {
    return loadChecked(text, overrides);
  } catch (e) {
    // A document nested deeply enough overflows the stack of any recursive reader.
    if (e instanceof RangeError) return { ok: false, problems: [{ line: 1, col: 1, path: 'yaml', message: NESTING }] };
    throw e;
  }
}

function loadChecked(text: string, overrides: readonly string[]): LoadResult {
  const lc = new LineCounter();
  // yaml's own unique-key check is quadratic in the keys of a map; documentProblems does it linearly.
  const doc = parseDocument(text, { lineCounter: lc, schema: 'core', uniqueKeys: false, prettyErrors: true, stringKeys: true });
  const syntax = syntaxProblems(doc);
  if (syntax.length > 0) return { ok: false, problems: syntax.sort(byPosition) };
  if (isEmptyDocument(doc)) {
    return {
      ok: false,
      problems: [{ line: 1, col: 1, path: DOCUMENT, message: 'empty — write a profile (supportcast init makes a commented starter)' }],
    };
  }
  const structural = documentProblems(doc, lc);
  if (structural.some((p) => p.path === 'yaml')) return { ok: false, problems: structural.sort(byPosition) };
  const set = applyOverrides(doc, overrides);
  if (set.problems.length > 0) {
    return { ok: false, problems: set.problems.map((p) => ({ line: 0, col: 0, path: p.path, message: p.message, override: p.arg })) };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    if (e instanceof RangeError) throw e;
    return {
      ok: false,
      problems: [
        { line: 1, col: 1, path: 'yaml', message: `more than ${MAX_ALIASES} alias expansions — write the values out instead of *aliases` },
      ],
    };
  }
  const locator = new Locator(doc, lc);
  const toProblem = (i: Issue): Problem => {
    const override = overrideFor(set.applied, i.path);
    return {
      ...locator.locate(i.path, i.anchor),
      path: displayPath(i.path) || DOCUMENT,
      message: i.message,
      ...(override ? { override } : {}),
    };
  };
  const parsed = Profile.safeParse(data, { reportInput: true });
  // Cross-field rules run on whatever parsed, beside the schema's problems: every problem at once.
  const rules = checkRules(data);
  const schemaIssues = parsed.success
    ? []
    : fromZodIssues(parsed.error.issues, Profile).filter((i) => !RESERVED_KEYS.has(String(i.path.at(-1))));
  // Where the schema already speaks about a path, the rule stays quiet: one mistake, one message.
  const spoken = new Set(schemaIssues.map((i) => JSON.stringify(i.path)));
  const ruleIssues = rules.issues.filter((i) => !spoken.has(JSON.stringify(i.path)));
  const problems = [...structural, ...[...schemaIssues, ...ruleIssues].map(toProblem)].sort(byPosition);
  if (!parsed.success || problems.length > 0) return { ok: false, problems };
  const assertions = rules.assertions;
  const profile = parsed.data;
  return {
    ok: true,
    value: {
      profile,
      model: compileProfile(profile),
      optionIds: optionIds(profile),
      assertions,
      expectPositions: expectPositions(doc, lc),
    },
  };
}
