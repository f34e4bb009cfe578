import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Each run starts with an empty tests/.tmp, so folders made by earlier runs do not pile up;
 * and when no Chromium is found, one line says the browser tests are skipped and how to get them.
 */
export default function setup() {
  rmSync(fileURLToPath(new URL('.tmp/', import.meta.url)), { recursive: true, force: true });
  const found = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].some((p) => p && existsSync(p));
  // Only runs that include the end-to-end tests (npm run test:e2e, or vitest without a tag filter) have browser tests to skip.
  const filter = process.argv.find((a) => a.startsWith('--tags-filter'));
  const runsE2e = filter === undefined || /[=\s]e2e$/.test(filter);
  if (!found && runsE2e) {
    process.stdout.write(
      'browser tests skipped: no Chromium found — install it with apt-get install -y chromium (or set CHROMIUM_PATH to a Chromium or Chrome binary)\n',
    );
  }
}
