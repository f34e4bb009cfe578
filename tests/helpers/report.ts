import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runCli } from './cli.js';
import { tmpDir } from './tmp.js';

export const DENTAL = 'scenarios/dental-clinic.yaml';
/** Few trials and smaller studies: the page's shape and wording, not its precision, are under test. */
export const FAST = ['--trials', '1200', '--study-trials', '200'];

/** `supportcast report FILE` at FAST with `args`, written to a private file; the page's HTML. */
export async function reportPage(args: string[] = [], file = DENTAL): Promise<string> {
  const out = join(tmpDir(), 'client.html');
  const r = await runCli(['report', file, ...FAST, ...args, '-o', out]);
  expect(r.code, r.stderr).toBe(0);
  return readFileSync(out, 'utf8');
}

/** Shares one page among the tests of a file that only read it: made once, on first use. */
export function onePage(make: () => Promise<string>): () => Promise<string> {
  let page: Promise<string> | undefined;
  return () => {
    page ??= make();
    return page;
  };
}
