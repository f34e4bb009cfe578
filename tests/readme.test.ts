import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

/**
 * Every output shown in the README after an `<!-- example: ARGS -->` marker is what
 * `supportcast ARGS` prints now (`lines=N` shows the first N lines, then "…").
 * UPDATE_README=1 npx vitest run tests/readme.test.ts rewrites them after a deliberate change.
 */
const README = new URL('../README.md', import.meta.url);
const EXAMPLE = /^( *)<!-- example(?: lines=(\d+))?: (.+?) -->\n\1```\n([\s\S]*?)\n\1```$/gm;

const text = readFileSync(README, 'utf8');
const examples = [...text.matchAll(EXAMPLE)].map((m) => ({
  indent: m[1]!,
  lines: m[2] === undefined ? undefined : Number(m[2]),
  args: m[3]!.split(' '),
  shown: m[4]!,
  whole: m[0],
}));

async function outputOf(args: string[], lines: number | undefined): Promise<string> {
  const r = await runCli(args);
  const out = r.stdout.replace(/\n$/, '').split('\n');
  return (lines === undefined ? out : [...out.slice(0, lines), '…']).join('\n');
}

describe('README examples', { tags: ['slow', 'e2e'] }, () => {
  it('has examples to check, each one block (an empty block would make the pattern run into the next)', () => {
    expect(examples.length).toBeGreaterThanOrEqual(8);
    for (const e of examples) expect(e.shown, e.args.join(' ')).not.toContain('<!-- example');
  });

  it.each(examples.map((e) => [e.args.join(' '), e] as const))('supportcast %s', async (_, e) => {
    const actual = await outputOf(e.args, e.lines);
    const shown = e.shown
      .split('\n')
      .map((l) => l.slice(e.indent.length))
      .join('\n');
    if (process.env['UPDATE_README']) {
      const current = readFileSync(README, 'utf8');
      const block = actual
        .split('\n')
        .map((l) => (l === '' ? l : e.indent + l))
        .join('\n');
      writeFileSync(README, current.replace(e.whole, e.whole.replace(e.shown, block)));
      return;
    }
    expect(shown).toBe(actual);
  });
});
