import type * as z from 'zod';
import { formatLimit } from './limits.js';
import { closest, type PathSegment } from './paths.js';

/** One thing wrong with a profile, before it is given a position in the file. */
export interface Issue {
  readonly path: PathSegment[];
  /** Point at the key (unknown or missing keys) or at the value (bad values). */
  readonly anchor: 'key' | 'value';
  /** "what is wrong — how to fix it" */
  readonly message: string;
}

type ZodIssue = z.core.$ZodIssue;
type AnySchema = z.core.$ZodType;

const isPlainMap = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);

/** Strings quoted in a message are cut to this many characters. */

const QUOTE_LIMIT = 40;

/** A value as a message shows it: short, escaped, in YAML's words for NaN and infinities. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') {
    return value.length > QUOTE_LIMIT
      ? `${JSON.stringify(value.slice(0, QUOTE_LIMIT))}… (${value.length} characters)`
      : JSON.stringify(value);
  }
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return '.nan';
    if (!Number.isFinite(value)) return value > 0 ? '.inf' : '-.inf';
    return formatLimit(value);
  }
  return String(value);
}

/** The schemas that can stand at `path` below `schema` (several below a union). */
function schemasAt(schema: AnySchema, path: readonly PathSegment[]): AnySchema[] {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  switch (def.type) {
    case 'optional':
    case 'default':
    case 'prefault':
    case 'nullable':
    case 'readonly':
      return schemasAt(def['innerType'] as AnySchema, path);
    case 'pipe':
      return schemasAt(def['in'] as AnySchema, path);
    case 'union':
      return (def['options'] as AnySchema[]).flatMap((o) => schemasAt(o, path));
    default:
  }
  if (path.length === 0) return [schema];
  const [head, ...rest] = path;
  if (def.type === 'object') {
    const child = (def['shape'] as Record<string, AnySchema>)[String(head)];
    return child ? schemasAt(child, rest) : [];
  }
  if (def.type === 'array') return schemasAt(def['element'] as AnySchema, rest);
  if (def.type === 'record') return schemasAt(def['valueType'] as AnySchema, rest);
  return [];
}

/** Whether the map at `path` takes any key (a record, such as expect:). */
export function takesAnyKey(schema: AnySchema, path: readonly PathSegment[]): boolean {
  return schemasAt(schema, path).some((s) => (s._zod.def as unknown as { type: string }).type === 'record');
}

/** The keys a map at `path` may have, for "did you mean". */
export function knownKeys(schema: AnySchema, path: readonly PathSegment[]): string[] {
  const keys = new Set<string>();
  for (const s of schemasAt(schema, path)) {
    const def = s._zod.def as unknown as { type: string; shape?: Record<string, unknown> };
    if (def.type === 'object' && def.shape) for (const k of Object.keys(def.shape)) keys.add(k);
  }
  return [...keys];
}

export function unknownKeyIssue(path: PathSegment[], key: string, known: readonly string[]): Issue {
  const guess = closest(key, known);
  const fix = guess ? `did you mean "${guess}"?` : `remove it (allowed here: ${known.join(', ')})`;
  return { path: [...path, key], anchor: 'key', message: `unknown key — ${fix}` };
}

function rangeText(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return `use a value from ${formatLimit(min)} to ${formatLimit(max)}`;
  if (min !== undefined) return `use ${formatLimit(min)} or more`;
  return `use ${formatLimit(max ?? 0)} or less`;
}

/** Picks the union branch the author most likely meant: the right type, fewest problems. */
function bestBranch(branches: ZodIssue[][]): ZodIssue[] | undefined {
  const plausible = branches.filter((b) => !b.some((i) => i.code === 'invalid_type' && i.path.length === 0));
  plausible.sort((a, b) => a.length - b.length);
  return plausible[0];
}

function unionMessage(path: readonly PathSegment[], input: unknown): string {
  const last = path[path.length - 1];
  if (last === 'managed')
    return `expected one offer (a map) or a list of at least 2 tiers, got ${describe(input)} — write managed: { per_employee: 150, response_hours: 1 }`;
  if (last === 'people') return `expected a number of people, "all" or { share: x }, got ${describe(input)} — write e.g. people: 0.5`;
  if (typeof input === 'string' || typeof input === 'boolean') {
    return `expected a number or a distribution, got ${describe(input)} — write a plain number (no units or quotes), e.g. 150, or { p50: 1, p90: 4 }`;
  }
  const keys = isPlainMap(input)
    ? ` with ${Object.keys(input)
        .slice(0, 5)
        .map((k) => describe(k))
        .join(', ')}`
    : '';
  return `expected a number or { p50, p90 }, { mean, sd } or { low, mode, high }, got ${describe(input)}${keys} — write e.g. { p50: 1, p90: 4 }`;
}

const EXAMPLES: Record<string, string> = {
  number: 'write a plain number, e.g. 3',
  string: 'write text, e.g. "Harbor Dental"',
  boolean: 'write true or false',
  map: 'write a map of keys, e.g. { p50: 1, p90: 4 }',
  list: 'write a list with one "- " item per line',
};

function typeMessage(expectedType: string, input: unknown, key: PathSegment | undefined): string {
  if (input === undefined) {
    if (key === 'version') return 'missing — add version: 1 at the top of the file';
    if (key === undefined) return 'empty — write a profile (supportcast init makes a starter)';
    return `missing — add ${String(key)}: (required)`;
  }
  if (input === null) return 'empty (null) — give a value or remove the key';
  if (typeof input === 'number' && !Number.isFinite(input))
    return `must be a finite number, got ${describe(input)} — write a plain number such as 150`;
  if (expectedType === 'int') {
    const near = typeof input === 'number' ? Math.round(input) : 1;
    return `must be a whole number, got ${describe(input)} — write e.g. ${near}`;
  }
  const expected = ({ object: 'map', array: 'list' } as Record<string, string>)[expectedType] ?? expectedType;
  const article = /^[aeiou]/.test(expected) ? 'an' : 'a';
  if (key === undefined && expected === 'map') {
    return `expected a map of keys (version: 1, name: …, organization: …), got ${describe(input)} — start from supportcast init`;
  }
  return `expected ${article} ${expected}, got ${describe(input)} — ${EXAMPLES[expected] ?? 'fix the value'}`;
}

function customMessage(issue: ZodIssue, input: unknown, key: PathSegment | undefined): string {
  const m = /^must be at least (\w+)$/.exec(issue.message);
  const parent = issue.input as Record<string, unknown> | undefined;
  if (m && parent && typeof parent === 'object' && key !== undefined) {
    return `must be at least ${m[1]} (${describe(parent[m[1]!])}), got ${describe(parent[String(key)])} — raise ${String(key)} or lower ${m[1]}`;
  }
  if (issue.message.startsWith('needs exactly one of')) return `${issue.message} — keep one`;
  // Messages written whole in the schema already say how to fix them.
  if (issue.message.includes(' — ')) return issue.message;
  return input === undefined ? `${issue.message} — fix the value` : `${issue.message}, got ${describe(input)} — fix the value`;
}

/** The reason a capped maximum gives, or the plain range. */
function maximumFix(issue: ZodIssue & { maximum: unknown }): string {
  return issue.message.startsWith('cap: ') ? issue.message.slice(5) : rangeText(undefined, Number(issue.maximum));
}

function tooSmallMessage(issue: ZodIssue & { origin: string; minimum: unknown; inclusive?: boolean }, input: unknown): string {
  if (issue.origin === 'array') return `needs at least ${String(issue.minimum)} item${issue.minimum === 1 ? '' : 's'} — add more`;
  if (issue.origin === 'string') return 'must not be empty — write some text';
  const min = Number(issue.minimum);
  if (!issue.inclusive)
    return `must be greater than ${formatLimit(min)}, got ${describe(input)} — ${min === 0 ? 'use a positive value such as 1' : `use a value above ${formatLimit(min)}`}`;
  return `must be at least ${formatLimit(min)}, got ${describe(input)} — ${rangeText(min, undefined)}`;
}

function tooBigMessage(issue: ZodIssue & { origin: string; maximum: unknown }, input: unknown): string {
  if (issue.origin === 'array') return `has more than ${String(issue.maximum)} items — ${maximumFix(issue)}`;
  if (issue.origin === 'string') return `is longer than ${String(issue.maximum)} characters — ${maximumFix(issue)}`;
  return `must be at most ${formatLimit(Number(issue.maximum))}, got ${describe(input)} — ${maximumFix(issue)}`;
}

function valueMessage(values: readonly unknown[], input: unknown, key: PathSegment | undefined): string {
  if (key === 'version') {
    return input === undefined
      ? 'missing — add version: 1 at the top of the file'
      : `must be 1, got ${describe(input)} — this supportcast reads version 1 profiles; write version: 1`;
  }
  if (input === undefined) return `missing — add ${String(key)}: ${JSON.stringify(values[0])}`;
  const shown = values.map((v) => JSON.stringify(v)).join(', ');
  const guess = typeof input === 'string' ? closest(input, values.map(String)) : undefined;
  const fix = guess ? `did you mean "${guess}"?` : `use ${values.length > 1 ? 'one of them' : 'that'}`;
  return `must be ${values.length > 1 ? 'one of ' : ''}${shown}, got ${describe(input)} — ${fix}`;
}

function formatMessage(key: PathSegment | undefined, input: unknown): string {
  if (key === 'currency') return `expected a 3-letter ISO 4217 code in capitals, got ${describe(input)} — e.g. USD, EUR, GBP`;
  if (key === 'name') {
    return `tier names use lower-case letters, digits, _ and - (starting with a letter or digit), got ${describe(input)} — e.g. essentials`;
  }
  return `is not in the expected format, got ${describe(input)} — fix the value`;
}

/** Turns zod's issues into ours, with messages a consultant can act on. */
export function fromZodIssues(issues: readonly ZodIssue[], root: AnySchema, base: PathSegment[] = []): Issue[] {
  const out: Issue[] = [];
  // A rule on a map with a mistyped key ("needs exactly one of …") only repeats the typo.
  const mistyped = new Set(issues.filter((i) => i.code === 'unrecognized_keys').map((i) => JSON.stringify(i.path)));
  for (const issue of issues) {
    if (issue.code === 'custom' && mistyped.has(JSON.stringify(issue.path))) continue;
    const path = [...base, ...(issue.path as PathSegment[])];
    const input = (issue as { input?: unknown }).input;
    const key = path[path.length - 1];
    const anchor = input === undefined ? 'key' : 'value';
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const k of issue.keys) out.push(unknownKeyIssue(path, k, knownKeys(root, path)));
        break;
      case 'invalid_union': {
        if (input === undefined || input === null || (typeof input === 'number' && !Number.isFinite(input))) {
          out.push({ path, anchor, message: typeMessage('value', input, key) });
          break;
        }
        // A map none of whose keys belong to any form was not meant as one of them.
        const known = knownKeys(root, path);
        const unrelated = isPlainMap(input) && known.length > 0 && !Object.keys(input).some((k) => known.includes(k));
        const branch = unrelated ? undefined : bestBranch(issue.errors as ZodIssue[][]);
        if (branch) out.push(...fromZodIssues(branch, root, path));
        else out.push({ path, anchor: 'value', message: unionMessage(path, input) });
        break;
      }
      case 'invalid_type':
        out.push({ path, anchor, message: typeMessage(issue.expected, input, key) });
        break;
      case 'too_small':
        out.push({ path, anchor: 'value', message: tooSmallMessage(issue, input) });
        break;
      case 'too_big':
        out.push({ path, anchor: 'value', message: tooBigMessage(issue, input) });
        break;
      case 'invalid_value':
        out.push({ path, anchor, message: valueMessage(issue.values, input, key) });
        break;
      case 'invalid_format':
        out.push({ path, anchor: 'value', message: formatMessage(key, input) });
        break;
      default:
        out.push({ path, anchor: 'value', message: customMessage(issue, input, key) });
    }
  }
  return out;
}
