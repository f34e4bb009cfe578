import { type Document, isAlias, isMap, isScalar, isSeq, type LineCounter, type Node, type Pair, type YAMLMap } from 'yaml';
import type { PathSegment } from './paths.js';

export interface Position {
  line: number;
  col: number;
}

export type Anchor = 'key' | 'value';

/**
 * Finds positions in one document. Each map's keys are indexed once, so locating every
 * problem of a file with thousands of keys stays linear.
 */
export class Locator {
  private readonly index = new WeakMap<YAMLMap, Map<string, Pair>>();

  constructor(
    private readonly doc: Document,
    private readonly lc: LineCounter,
  ) {}

  private pairOf(map: YAMLMap, key: string): Pair | undefined {
    let keys = this.index.get(map);
    if (!keys) {
      keys = new Map();
      for (const it of map.items) {
        // The first of duplicate keys is the one the file means; later ones are reported.
        if (isScalar(it.key) && !keys.has(String(it.key.value))) keys.set(String(it.key.value), it as Pair);
      }
      this.index.set(map, keys);
    }
    return keys.get(key);
  }

  /**
   * The position in the file for a path: the value's node for `value`, the key's for `key`.
   * When the path does not exist (a missing key), the key of its deepest existing parent;
   * 1:1 when even the top-level key is missing.
   */
  locate(path: readonly PathSegment[], anchor: Anchor): Position {
    let cur: unknown = this.doc.contents;
    let lastKey: Node | undefined;
    let found = true;
    for (const seg of path) {
      if (isAlias(cur)) cur = cur.resolve(this.doc);
      if (isMap(cur)) {
        const pair = this.pairOf(cur, String(seg));
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
    return offset === undefined ? { line: 1, col: 1 } : this.lc.linePos(offset);
  }
}
