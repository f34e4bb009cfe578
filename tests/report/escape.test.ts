import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { mdCode, mdText, printable } from '../../src/report/format.js';
import { runCli } from '../helpers/cli.js';
import { baseProfile } from '../helpers/profiles.js';

describe('escaping for each output', () => {
  it('printable shows control characters as escapes', () => {
    expect(printable('a\u001b]0;x\u0007b\nc')).toBe('a\\u001b]0;x\\u0007b\\u000ac');
    expect(printable('plain · text ✓')).toBe('plain · text ✓');
  });

  it('mdText keeps a name from breaking a table or adding markup', () => {
    expect(mdText('A|B <b>x</b> *y* _z_ `c` [l](u) & #1')).toBe('A\\|B &lt;b&gt;x&lt;/b&gt; \\*y\\* \\_z\\_ \\`c\\` \\[l\\](u) &amp; \\#1');
  });

  it('mdCode holds backticks', () => {
    expect(mdCode('a.yaml')).toBe('`a.yaml`');
    expect(mdCode('we`ird.yaml')).toBe('`` we`ird.yaml ``');
  });

  it('a profile name with Markdown and HTML in it stays text in --format markdown', async () => {
    const p = baseProfile();
    p['name'] = 'Acme | <script>alert(1)</script> *Ltd*';
    p['managed'].label = 'Gold|Plus';
    const r = await runCli(['run', '-', '--trials', '200', '--format', 'markdown'], { stdin: stringify(p) });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('<script>');
    expect(r.stdout).toContain('Acme \\| &lt;script&gt;alert(1)&lt;/script&gt; \\*Ltd\\*');
    // Every table row keeps its column count: the | in the label is escaped.
    const rows = r.stdout.split('\n').filter((l) => l.startsWith('| '));
    for (const row of rows) expect(row.split(/(?<!\\)\|/).length).toBe(rows[0]!.split(/(?<!\\)\|/).length);
  });

  it('a file name with escape codes reaches the terminal escaped', async () => {
    const r = await runCli(['run', 'no\u001b]0;x\u0007where.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(r.stderr).toContain('no\\u001b]0;x\\u0007where.yaml');
  });
});
