import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chromiumPath, pdfPages, SCREENSHOTS, sharedChromium, watchPage } from '../helpers/browser.js';
import { runCli } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

const browserPath = chromiumPath();

const SCENARIOS = ['dental-clinic', 'office-5', 'multisite-150'];

// CI installs Chromium (.ci/run): there a missing browser is a failure, never a quiet skip.
it.runIf(browserPath === undefined && process.env.CI === 'true')('finds Chromium in CI', { tags: ['e2e'] }, () => {
  expect(browserPath, 'Chromium in CI').toBeDefined();
});

// Without Chromium only these tests are skipped; tests/global-setup.mjs prints the one line that says so.
describe.skipIf(browserPath === undefined)('the client report in Chromium', { tags: ['slow', 'e2e'] }, () => {
  const chrome = sharedChromium();

  for (const name of SCENARIOS) {
    it(`opens ${name}'s report from disk with no request, no error, no sideways scroll, the run's words and at most 4 printed pages`, async () => {
      const profile = `scenarios/${name}.yaml`;
      const file = join(tmpDir(), `${name}.html`);
      const made = await runCli(['report', profile, '-o', file]);
      expect(made.code, made.stderr).toBe(0);
      const run = await runCli(['run', profile, '--json']);
      const reasons = JSON.parse(run.stdout).recommendation.reasons as string[];
      const url = pathToFileURL(file).href;

      for (const width of [1280, 390]) {
        const context = await chrome.browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled: false });
        const page = await context.newPage();
        const { problems, requests } = watchPage(context, page);
        await page.goto(url, { waitUntil: 'load' });
        expect(problems).toEqual([]);
        expect(requests).toEqual([url]);
        // The page's own measure of its width; `document` is the browser's, not this process's.
        const [scroll, client] = await page.evaluate(() => {
          const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document
            .documentElement;
          return [root.scrollWidth, root.clientWidth];
        });
        expect(scroll, `${width} px wide`).toBeLessThanOrEqual(client!);
        const shown = await page.locator('#recommendation li').allInnerTexts();
        expect(shown).toEqual(reasons);
        await page.screenshot({ path: join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
        if (width === 1280) {
          const pdf = await page.pdf({ format: 'A4', printBackground: false });
          expect(pdfPages(pdf), 'A4 pages').toBeLessThanOrEqual(4);
          const letter = await page.pdf({ format: 'Letter', printBackground: false });
          expect(pdfPages(letter), 'Letter pages').toBeLessThanOrEqual(4);
        }
        await context.close();
      }
      expect(readFileSync(file).length).toBeLessThan(1024 * 1024);
    });
  }
});
