/**
 * The layer rule (docs/architecture.md): dependencies flow cli → study → {profile, report, run}
 * → engine, and web (the live page's browser code) → {profile, report, run} → engine; shared/
 * is a leaf any layer may use. The engine is pure (no fs, process, console,
 * chalk, Math.random, Date); only src/cli touches process, fs or the terminal; run/ may use
 * worker_threads (its Node executor) but nothing else of Node.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = 'src';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const layerOf = (file: string) => relative(SRC, file).split('/')[0]!;

/** The modules a file imports (static imports, re-exports and dynamic imports). */
function importsOf(text: string): string[] {
  const found = [
    ...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm),
  ];
  return found.map((m) => m[1] ?? m[2] ?? m[3]!);
}

/** Which layers each layer may import (itself included). */
const ALLOWED: Record<string, readonly string[]> = {
  engine: ['engine', 'shared'],
  shared: ['shared'],
  profile: ['profile', 'engine', 'shared'],
  report: ['report', 'engine', 'shared'],
  run: ['run', 'engine', 'shared'],
  study: ['study', 'profile', 'report', 'run', 'engine', 'shared'],
  cli: ['cli', 'study', 'profile', 'report', 'run', 'engine', 'shared'],
  // The live page's browser code: the CLI's loader, renderers and engine, run in a Web Worker.
  web: ['web', 'profile', 'report', 'run', 'engine', 'shared'],
};

/** Packages and Node built-ins each layer may use. */
const PACKAGES: Record<string, RegExp> = {
  engine: /^(simple-statistics|fft\.js)$/,
  shared: /^$/,
  profile: /^(yaml|zod)$/,
  report: /^(cli-table3|yaml)$/,
  run: /^node:worker_threads$/,
  study: /^(simple-statistics)$/,
  cli: /./,
  web: /^zod$/,
};

/** Globals that mean I/O, a clock or unseeded randomness. */
const IMPURE = /\b(process\.|console\.|Math\.random|Date\.now|new Date\b|require\()/;

const sources = files(SRC);

describe('the layer rule', () => {
  it('knows every layer in src/', () => {
    expect(new Set(sources.map(layerOf))).toEqual(new Set(Object.keys(ALLOWED)));
  });

  it.each(sources)('%s imports only what its layer may', (file) => {
    const layer = layerOf(file);
    const text = readFileSync(file, 'utf8');
    for (const spec of importsOf(text)) {
      if (spec.startsWith('.')) {
        const target = layerOf(join(file, '..', spec));
        expect(ALLOWED[layer], `${file} imports ${spec} (layer ${target})`).toContain(target);
      } else {
        expect(PACKAGES[layer]!.test(spec), `${file} imports ${spec}`).toBe(true);
      }
    }
    if (layer !== 'cli')
      expect(text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ''), `${file} uses I/O, a clock or Math.random`).not.toMatch(IMPURE);
  });

  it('catches a forbidden import (the check itself can fail)', () => {
    expect(importsOf("import { readFileSync } from 'node:fs';\nconst x = await import('../cli/io.js');")).toEqual([
      'node:fs',
      '../cli/io.js',
    ]);
    expect(PACKAGES['engine']!.test('node:fs')).toBe(false);
    expect(ALLOWED['engine']).not.toContain('cli');
    expect('const t = Date.now();').toMatch(IMPURE);
  });
});
