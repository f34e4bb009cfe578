import { type Document, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { describe, knownKeys, takesAnyKey, unknownKeyIssue } from './issues.js';
import { closest, displayPath, formatPath, type PathSegment, parsePath } from './paths.js';
import { Profile } from './schema.js';

/** A `--set path=value` that was applied, with the path as it resolved in this profile. */
export interface AppliedOverride {
  readonly arg: string;
  readonly path: PathSegment[];
}

export interface OverrideProblem {
  readonly arg: string;
  /** Where in the profile the problem is, as far as the path got; "(argument)" when it is the argument's form. */
  readonly path: string;
  readonly message: string;
}

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** Splits `path=value` at the first `=` outside brackets and quotes. */
function splitArg(arg: string): [string, string] | undefined {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < arg.length; i++) {
    const ch = arg[i]!;
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[') depth++;
    else if (ch === ']') depth--;
    else if (ch === '=' && depth === 0) return [arg.slice(0, i), arg.slice(i + 1)];
  }
  return undefined;
}

function namesIn(seq: { items: unknown[] }): string[] {
  return seq.items.flatMap((it) => {
    const name = isMap(it) ? it.get('name') : undefined;
    return typeof name === 'string' ? [name] : [];
  });
}

type Resolved = { ok: true; path: PathSegment[] } | { ok: false; at: PathSegment[]; message: string };

const refuse = (at: PathSegment[], message: string): Resolved => ({ ok: false, at, message });

/**
 * Resolves a --set path against the document: a string in brackets after a list picks the
 * item with that `name` (incidents["user support"], managed["complete"]); every key must
 * be one the schema knows. Returns the path with list indexes, or where and why it cannot be set.
 */
function resolve(doc: Document, segments: PathSegment[]): Resolved {
  const out: PathSegment[] = [];
  let node: unknown = doc.contents;
  for (const seg of segments) {
    if (typeof seg === 'string' && FORBIDDEN.has(seg)) return refuse([...out, seg], 'reserved key — it cannot be set');
    if (isSeq(node)) {
      const names = namesIn(node);
      const index = typeof seg === 'number' ? seg : names.indexOf(seg);
      if (index < 0) {
        const guess = closest(String(seg), names);
        const fix = guess ? `did you mean "${guess}"?` : `names are ${names.map((n) => JSON.stringify(n)).join(', ')}`;
        return refuse(out, `no item named ${describe(seg)} — ${fix}`);
      }
      if (index >= node.items.length) return refuse(out, `has ${node.items.length} items, so [${index}] does not exist — count from 0`);
      out.push(index);
      node = node.items[index];
      continue;
    }
    if (typeof seg === 'number' || (isMap(node) === false && node !== undefined && node !== null && !isScalar(node))) {
      return refuse(out, `is not a list — use a key, not [${String(seg)}]`);
    }
    const known = knownKeys(Profile, out);
    if (!known.includes(seg) && !takesAnyKey(Profile, out)) {
      if (known.length === 0) return refuse(out, `is a single value — remove .${describe(seg)} from the path`);
      return refuse([...out, seg], unknownKeyIssue(out, seg, known).message);
    }
    out.push(seg);
    node = isMap(node) ? node.get(seg, true) : undefined;
  }
  return { ok: true, path: out };
}

const shown = (path: readonly PathSegment[]) => displayPath(path) || '(document)';

/** Applies `--set` overrides to the parsed document, before validation. */
export function applyOverrides(doc: Document, args: readonly string[]): { applied: AppliedOverride[]; problems: OverrideProblem[] } {
  const applied: AppliedOverride[] = [];
  const problems: OverrideProblem[] = [];
  for (const arg of args) {
    const parts = splitArg(arg);
    if (!parts) {
      problems.push({ arg, path: '(argument)', message: 'expected path=value — e.g. --set managed.per_employee=95' });
      continue;
    }
    const [lhs, rhs] = parts;
    const segments = parsePath(lhs);
    if (!segments) {
      problems.push({ arg, path: '(argument)', message: `${describe(lhs)} is not a path — write e.g. incidents[0].rate.per_employee` });
      continue;
    }
    const resolved = resolve(doc, segments);
    if (!resolved.ok) {
      problems.push({ arg, path: shown(resolved.at), message: resolved.message });
      continue;
    }
    const path = resolved.path;
    const value = parseDocument(rhs, { schema: 'core', uniqueKeys: true });
    if (rhs.trim() === '' || value.errors.length > 0) {
      const why = rhs.trim() === '' ? 'no value given' : 'not valid YAML';
      problems.push({ arg, path: shown(path), message: `${why} after = — give one YAML value, e.g. 95 or "{p50: 1, p90: 3}"` });
      continue;
    }
    try {
      doc.setIn(path, doc.createNode(value.toJS()));
    } catch {
      const parent = path.slice(0, -1);
      problems.push({
        arg,
        path: shown(parent),
        message: `holds a single value — set it whole, e.g. ${formatPath(parent)}={p50: 1, p90: 3}`,
      });
      continue;
    }
    applied.push({ arg, path });
  }
  return { applied, problems };
}
