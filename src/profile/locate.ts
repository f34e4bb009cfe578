import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { PathSegment } from './paths.js';

export interface Position {
  line: number;
  col: number;
}

export type Anchor = 'key' | 'value';

/**
 * The position in the file for a path: the value's node for `value`, the key's for `key`.
 * When the path does not exist (a missing key), the key of its deepest existing parent;
 * 1:1 when even the top-level key is missing.
 */
export function locate(doc: Document, lc: LineCounter, path: readonly PathSegment[], anchor: Anchor): Position {
  let cur: unknown = doc.contents;
  let lastKey: Node | undefined;
  let found = true;
  for (const seg of path) {
    if (isAlias(cur)) cur = cur.resolve(doc);
    if (isMap(cur)) {
      const pair = cur.items.find((it) => isScalar(it.key) && String(it.key.value) === String(seg));
      if (!pair) {
        found = false;
        break;
      }
      lastKey = pair.key as Node;
      cur = pair.value;
    } else if (isSeq(cur) && typeof seg === 'number' && cur.items[seg] !== undefined) {
      cur = cur.items[seg];
      lastKey = cur as Node;
    } else {
      found = false;
      break;
    }
  }
  const valueNode = cur as Node | null | undefined;
  const target = found && anchor === 'value' && valueNode?.range ? valueNode : lastKey;
  const offset = target?.range?.[0];
  return offset === undefined ? { line: 1, col: 1 } : lc.linePos(offset);
}
