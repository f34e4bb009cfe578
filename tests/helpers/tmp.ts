import { mkdirSync, mkdtempSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** A fresh folder inside the repository (tests never write outside it); git ignores it. */
export function tmpDir(): string {
  const base = fileURLToPath(new URL('../.tmp/', import.meta.url));
  mkdirSync(base, { recursive: true });
  return mkdtempSync(join(base, 'run-'));
}
