import { type DefaultTreeAdapterMap, parse } from 'parse5';

export type Node = DefaultTreeAdapterMap['node'];
export type Element = DefaultTreeAdapterMap['element'];

/** Parses a whole document the way a browser does, collecting the parse errors HTML defines. */
export function parseHtml(html: string): { root: DefaultTreeAdapterMap['document']; errors: string[] } {
  const errors: string[] = [];
  const root = parse(html, { onParseError: (e) => errors.push(`${e.code} at ${e.startLine}:${e.startCol}`) });
  return { root, errors };
}

function children(n: Node): Node[] {
  const c = (n as { childNodes?: Node[] }).childNodes ?? [];
  const t = (n as { content?: { childNodes: Node[] } }).content;
  return t ? [...c, ...t.childNodes] : c;
}

/** Every element below `n`, in document order. */
export function elements(n: Node): Element[] {
  const out: Element[] = [];
  const walk = (x: Node) => {
    for (const c of children(x)) {
      if ('tagName' in c) out.push(c as Element);
      walk(c);
    }
  };
  walk(n);
  return out;
}

export function byTag(n: Node, tag: string): Element[] {
  return elements(n).filter((e) => e.tagName === tag);
}

export function attr(e: Element, name: string): string | undefined {
  return e.attrs.find((a) => a.name === name)?.value;
}

export function byId(n: Node, id: string): Element | undefined {
  return elements(n).find((e) => attr(e, 'id') === id);
}

/** Elements that run on within a line of text; every other element's text is set apart, as a browser lays it out. */
const INLINE = new Set(['strong', 'em', 'b', 'i', 'code', 'a', 'abbr']);

/** The text a reader sees in `n` (entities decoded), whitespace collapsed. */
export function textOf(n: Node): string {
  let s = '';
  const walk = (x: Node) => {
    if (x.nodeName === '#text') s += (x as { value: string }).value;
    const apart = 'tagName' in x && !INLINE.has((x as Element).tagName);
    if (apart) s += ' ';
    for (const c of children(x)) walk(c);
    if (apart) s += ' ';
  };
  walk(n);
  return s.replace(/\s+/g, ' ').trim();
}

/** The text inside an element exactly as written (a script's contents), nothing collapsed. */
export function rawText(n: Node): string {
  return children(n)
    .map((c) => (c.nodeName === '#text' ? (c as { value: string }).value : rawText(c)))
    .join('');
}
