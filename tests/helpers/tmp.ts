import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A fresh folder inside the repository (tests never write outside it); git ignores it. */
export function tmpDir(): string {
  const base = fileURLToPath(new URL('../.tmp/', import.meta.url));
  mkdirSync(base, { recursive: true });
  return mkdtempSync(join(base, 'run-'));
}
