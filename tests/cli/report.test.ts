import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { profileComments } from '../../src/profile/comments.js';
import { runCli } from '../helpers/cli.js';
import { attr, byId, byTag, elements, parseHtml, textOf } from '../helpers/html.js';
import { DENTAL, onePage, reportPage } from '../helpers/report.js';
import { tmpDir } from '../helpers/tmp.js';

const report = (args: string[], file = DENTAL) => reportPage(args, file);

/** The dental page at FAST, made once: the tests that only read it share it. */
const dental = onePage(() => report([]));

describe('supportcast report', { tags: ['slow', 'e2e'] }, () => {
  it('writes one valid HTML document with the sections in the order a client reads them', async () => {
    const html = await dental();
    const { root, errors } = parseHtml(html);
    expect(errors).toEqual([]);
    const order = elements(root)
      .filter((e) => (e.tagName === 'section' || e.tagName === 'footer') && attr(e, 'id'))
      .map((e) => attr(e, 'id'));
    expect(order).toEqual(['recommendation', 'yearly', 'monthly', 'split', 'budget', 'drivers', 'assumptions', 'reading', 'manifest']);
    expect(Buffer.byteLength(html)).toBeLessThan(1024 * 1024);
  });

  it('asks for nothing outside the file: no script, no link, no source, no url() — and says so in its security policy', async () => {
    const html = await dental();
    const { root } = parseHtml(html);
    expect(byTag(root, 'script')).toHaveLength(0);
    expect(byTag(root, 'link')).toHaveLength(0);
    for (const e of elements(root))
      for (const a of ['src', 'href', 'srcset', 'xlink:href']) expect(attr(e, a), `${e.tagName} ${a}`).toBeUndefined();
    expect(html).not.toMatch(/url\(|@import/i);
    const csp = byTag(root, 'meta').find((m) => attr(m, 'http-equiv') === 'Content-Security-Policy');
    expect(attr(csp!, 'content')).toMatch(/^default-src 'none'/);
  });

  it('gives every chart a title, a description and its numbers as a table', async () => {
    const { root } = parseHtml(await dental());
    const figures = byTag(root, 'figure');
    expect(figures.length).toBe(5);
    for (const f of figures) {
      const svg = byTag(f, 'svg')[0]!;
      const [titleId, descId] = attr(svg, 'aria-labelledby')!.split(' ');
      expect(textOf(byId(svg, titleId!)!).length).toBeGreaterThan(10);
      expect(textOf(byId(svg, descId!)!).length).toBeGreaterThan(20);
      const table = byTag(f, 'table')[0]!;
      expect(byTag(table, 'tr').length).toBeGreaterThan(1);
    }
    const ids = elements(root).flatMap((e) => attr(e, 'id') ?? []);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('says the same recommendation as run, sentence for sentence', async () => {
    const html = await dental();
    const run = await runCli(['run', DENTAL, '--trials', '1200', '--json']);
    const reasons = JSON.parse(run.stdout).recommendation.reasons as string[];
    const { root } = parseHtml(html);
    const items = byTag(byId(root, 'recommendation')!, 'li').map(textOf);
    expect(items).toEqual(reasons.map((r) => r.replace(/\s+/g, ' ')));
    const table = await runCli(['run', DENTAL, '--trials', '1200']);
    const headline = /Recommendation: (.+?) \(on total cost\)/.exec(table.stdout)![1]!;
    expect(textOf(byId(root, 'recommendation')!)).toContain(`We recommend ${headline}`);
  });

  it('lists every comment the profile gives, beside its input', async () => {
    const html = await dental();
    const { root } = parseHtml(html);
    const text = textOf(byId(root, 'assumptions')!);
    const comments = profileComments(readFileSync(DENTAL, 'utf8'));
    expect(text).toContain(comments.header);
    for (const [path, words] of comments.byPath) if (!path.startsWith('expect')) expect(text, path).toContain(words);
    // An input's value and its source on one row.
    const row = byTag(byId(root, 'assumptions')!, 'tr').find((r) => textOf(r).startsWith('Cost of an hour of staff time'))!;
    expect(textOf(row)).toBe('Cost of an hour of staff time $37.36 D1: BLS ECEC, establishments of 1-49 workers, Mar 2026');
  });

  it('shows what --set changed, in the assumptions and the manifest', async () => {
    const { root } = parseHtml(await report(['--set', 'managed.per_employee=95']));
    const text = textOf(byId(root, 'assumptions')!);
    expect(text).toContain('Changed for this report: managed.per_employee=95');
    expect(text).toMatch(/Fee per employee \$95 /);
    expect(textOf(byId(root, 'manifest')!)).toContain('--set managed.per_employee=95');
  });

  it('is byte-identical for the same inputs on any number of threads, and dated only with --date', async () => {
    const one = await dental();
    const four = await report(['--threads', '4']);
    expect(four).toBe(one);
    expect(one).not.toMatch(/20\d\d-\d\d-\d\d/);
    const dated = await report(['--threads', '1', '--date', '2026-12-01']);
    expect(dated.match(/2026-12-01/g)).toHaveLength(2);
    expect(dated.replace(/ · 2026-12-01|<dt>Date<\/dt><dd>2026-12-01<\/dd>/g, '')).toBe(one);
  });

  it('keeps a profile’s names and labels as text: nothing in them becomes markup', async () => {
    const dir = tmpDir();
    const file = join(dir, 'hostile.yaml');
    const text = readFileSync(DENTAL, 'utf8')
      .replace('name: Harbor Dental Group', 'name: "<img src=x onerror=alert(1)> & Co"')
      .replace('- name: user support', '- name: "</table><script>alert(2)</script>"')
      .replace('label: All-inclusive', `label: "\\"><svg onload=alert(3)>"`)
      .replace('# D1: BLS ECEC', '# <b>bold</b> D1: BLS ECEC');
    writeFileSync(file, text);
    const html = await report([], file);
    const { root, errors } = parseHtml(html);
    expect(errors).toEqual([]);
    expect(byTag(root, 'script')).toHaveLength(0);
    expect(byTag(root, 'img')).toHaveLength(0);
    expect(byTag(root, 'b')).toHaveLength(0);
    expect(elements(root).filter((e) => e.attrs.some((a) => a.name.startsWith('on')))).toHaveLength(0);
    expect(byTag(root, 'svg')).toHaveLength(5);
    const all = textOf(root);
    expect(all).toContain('<img src=x onerror=alert(1)> & Co');
    expect(all).toContain('</table><script>alert(2)</script>');
    expect(all).toContain('<b>bold</b> D1');
  });

  it('refuses, with one line each, a date that is not a date, a page for the terminal, and its own input as output', async () => {
    const bad = await runCli(['report', DENTAL, '--date', '2026-02-30', '-o', join(tmpDir(), 'x.html')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/real date as YYYY-MM-DD/);
    const tty = await runCli(['report', DENTAL], { tty: true });
    expect(tty.code).toBe(2);
    expect(tty.stderr).toMatch(/-o client\.html/);
    const dir = tmpDir();
    const self = join(dir, 'p.yaml');
    writeFileSync(self, readFileSync(DENTAL, 'utf8'));
    const same = await runCli(['report', self, '-o', self]);
    expect(same.code).toBe(2);
    expect(readFileSync(self, 'utf8')).toBe(readFileSync(DENTAL, 'utf8'));
    for (const r of [bad, tty, same]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
