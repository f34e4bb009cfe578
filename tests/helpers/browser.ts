import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

/**
 * The system Chromium the browser tests drive through playwright-core (which downloads no
 * browser): CHROMIUM_PATH, else Debian's package. Undefined when neither is there.
 */
export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p): p is string => p !== undefined && p !== '' && existsSync(p));
}

export const INSTALL_CHROMIUM = 'apt-get install -y chromium (or set CHROMIUM_PATH to a Chromium or Chrome binary)';

/** Pages in a PDF, from its page tree's root (Chromium writes it uncompressed). */
export function pdfPages(pdf: Buffer): number {
  const counts = [...pdf.toString('latin1').matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)/g)].map((m) => Number(m[1]));
  if (counts.length === 0) throw new Error('no page tree in the PDF');
  return Math.max(...counts);
}

/** Screenshots land here for a person to look at after the run (tests/.tmp is emptied when a run starts). */
export const SCREENSHOTS = join(process.cwd(), 'tests', '.tmp', 'screenshots');

/**
 * One headless Chromium for a describe block, started before its tests and closed after:
 * `const chrome = sharedChromium()` in the block, then `chrome.browser` in a test.
 */
export function sharedChromium(): { readonly browser: Browser } {
  const held: { browser: Browser | undefined } = { browser: undefined };
  beforeAll(async () => {
    held.browser = await chromium.launch({ executablePath: chromiumPath()!, args: ['--no-sandbox'] });
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await held.browser?.close();
  });
  return {
    get browser() {
      return held.browser!;
    },
  };
}

/** What a page says went wrong (console errors and warnings, uncaught errors) and every request it and its workers make. */
export function watchPage(context: BrowserContext, page: Page): { readonly problems: string[]; readonly requests: string[] } {
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  context.on('request', (r) => requests.push(r.url()));
  return { problems, requests };
}
