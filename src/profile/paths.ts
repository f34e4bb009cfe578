export type PathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `incidents[0].rate.per_employee`; keys that are not identifiers as `["managed:gold"]`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (IDENTIFIER.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** Keys longer than this are cut when a path is shown in a message. */
const SHOWN_KEY_LENGTH = 40;

/** formatPath for messages: a very long key is cut (with its length) so one line stays one line. */
export function displayPath(path: readonly PathSegment[]): string {
  return formatPath(
    path.map((seg) =>
      typeof seg === 'string' && seg.length > SHOWN_KEY_LENGTH ? `${seg.slice(0, SHOWN_KEY_LENGTH)}…(${seg.length} characters)` : seg,
    ),
  );
}

/**
 * Parses a path such as `options["managed:gold"].monthly_spend.p90` or `incidents[0].rate`
 * into segments; returns undefined when it is not well formed.
 */
export function parsePath(text: string): PathSegment[] | undefined {
  const segments: PathSegment[] = [];
  const token = /(?:\.?([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]|\['([^']*)'\])/y;
  let pos = 0;
  while (pos < text.length) {
    token.lastIndex = pos;
    const m = token.exec(text);
    // A bare key after the first must follow a dot.
    if (!m || (m[1] !== undefined && pos > 0 && text[pos] !== '.')) return undefined;
    if (m[1] !== undefined) segments.push(m[1]);
    else if (m[2] !== undefined) segments.push(Number(m[2]));
    else if (m[3] !== undefined) segments.push(JSON.parse(`"${m[3]}"`) as string);
    else segments.push(m[4]!);
    pos = token.lastIndex;
  }
  return segments.length > 0 ? segments : undefined;
}

/** Edit distance, hand-written: ten lines do not justify a dependency. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** Words longer than this get no suggestion: nobody mistypes a paragraph, and the cost is quadratic. */
const SUGGEST_MAX_LENGTH = 64;
/** At most this many candidates are compared, so a huge folder or list stays fast. */
const SUGGEST_MAX_CANDIDATES = 1000;

/** The closest candidate within a third of the word's length (at least 2 edits), if any. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  if (word.length > SUGGEST_MAX_LENGTH) return undefined;
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.ceil(word.length / 3)) + 1;
  let seen = 0;
  for (const c of candidates) {
    if (++seen > SUGGEST_MAX_CANDIDATES) break;
    // The distance is at least the difference in length: skip what cannot win.
    if (c.length > SUGGEST_MAX_LENGTH || Math.abs(c.length - word.length) >= bestDistance) continue;
    const d = editDistance(lower, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** The k candidates nearest to `word` by edit distance (ties in the candidates' order), for "did you mean one of …". */
export function nearest(word: string, candidates: readonly string[], k: number): string[] {
  if (word.length > SUGGEST_MAX_LENGTH) return [];
  const lower = word.toLowerCase();
  return candidates
    .slice(0, SUGGEST_MAX_CANDIDATES)
    .map((c, i) => ({ c, i, d: editDistance(lower, c.toLowerCase()) }))
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .slice(0, k)
    .map((x) => x.c);
}
