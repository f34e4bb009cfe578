import { isMap, isScalar, isSeq, type Node, parseDocument } from 'yaml';

/** The profile's own words about its inputs: what a report shows beside each value. */
export interface ProfileComments {
  /** The comment at the top of the file, without editor directives (`# yaml-language-server: …`). */
  readonly header: string;
  /** Per input path (`organization.devices`, `incidents[0].rate`, `managed[1].per_site`), its comment. */
  readonly byPath: ReadonlyMap<string, string>;
}

/** A comment's lines as one sentence-like string: YAML keeps the text after each `#`. */
function flatten(...parts: (string | null | undefined)[]): string {
  return parts
    .filter((p): p is string => typeof p === 'string')
    .flatMap((p) => p.split('\n'))
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^yaml-language-server:/.test(l))
    .join(' ');
}

/**
 * Comments by the path of the value they describe: the lines just above a key, and the
 * comment after the value on its line (after a flow map, the map's). The file's opening
 * comment, which YAML attaches to the first key, is the header instead.
 */
export function profileComments(text: string): ProfileComments {
  const doc = parseDocument(text);
  const byPath = new Map<string, string>();
  let header = flatten(doc.commentBefore);
  const visit = (node: unknown, path: string, top: boolean): void => {
    if (isMap(node)) {
      node.items.forEach((pair, i) => {
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        const here = path === '' ? key : `${path}.${key}`;
        const keyNode = pair.key as Node | null;
        const value = pair.value as Node | null;
        let before = keyNode?.commentBefore;
        if (top && i === 0) {
          header = flatten(header, before);
          before = undefined;
        }
        // A comment between `incidents:` and its first item describes that item, as YAML writers mean it.
        const first = isSeq(value) ? flatten(value.commentBefore) : '';
        if (first !== '') byPath.set(`${here}[0]`, first);
        const words = flatten(before, isSeq(value) ? undefined : value?.commentBefore, value?.comment);
        if (words !== '') byPath.set(here, words);
        visit(value, here, false);
      });
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const here = `${path}[${i}]`;
        const words = flatten(byPath.get(here), (item as Node).commentBefore);
        if (words !== '') byPath.set(here, words);
        visit(item, here, false);
      });
    }
  };
  visit(doc.contents, '', true);
  return { header, byPath };
}
