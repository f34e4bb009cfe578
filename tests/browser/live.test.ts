import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumPath, SCREENSHOTS, sharedChromium, watchPage } from '../helpers/browser.js';
import { runCli } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

const browserPath = chromiumPath();
const SCENARIOS = ['dental-clinic', 'office-5', 'multisite-150'];
const SECTIONS = ['recommendation', 'yearly', 'monthly', 'split', 'budget'];

interface Result {
  options: Record<string, unknown>;
  recommendation: { option: string; reasons: string[] };
  histogram: unknown;
}

/** The page's state once the worker has run every trial for the controls as they are. */
async function settled(page: Page, sets: string[]): Promise<Result> {
  await page.waitForFunction(
    (want) => {
      const el = (
        globalThis as unknown as { document: { getElementById(id: string): { dataset: Record<string, string> } } }
      ).document.getElementById('whatif');
      return el.dataset.state === 'done' && el.dataset.sets === want;
    },
    JSON.stringify(sets),
    { timeout: 60_000 },
  );
  return JSON.parse((await page.getAttribute('#whatif', 'data-result'))!) as Result;
}

const sectionsOf = (page: Page) =>
  Promise.all(
    SECTIONS.map(async (s) => ((await page.locator(`#${s}`).count()) > 0 ? page.locator(`#${s}`).evaluate((e) => e.outerHTML) : '')),
  );

async function cliResult(args: string[]): Promise<Result> {
  const r = await runCli(['run', ...args, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Result;
}

const same = (r: Result) => ({ options: r.options, recommendation: r.recommendation, histogram: r.histogram });

describe.skipIf(browserPath === undefined)('the live what-if page in Chromium', { tags: ['slow', 'e2e'] }, () => {
  const chrome = sharedChromium();

  for (const name of SCENARIOS) {
    it(`${name}: the managed fee moves the answer as breakeven predicts, back restores it exactly, the link and the download reproduce it`, async () => {
      const profile = `scenarios/${name}.yaml`;
      const dir = tmpDir();
      const file = join(dir, `${name}-live.html`);
      const made = await runCli(['report', profile, '--live', '-o', file]);
      expect(made.code, made.stderr).toBe(0);
      const config = JSON.parse(
        /<script type="application\/json" id="live-config">(.*?)<\/script>/s.exec(readFileSync(file, 'utf8'))![1]!,
      ) as {
        controls: { id: string; min: number; max: number; value: number; effect: { kind: string } }[];
      };
      const url = pathToFileURL(file).href;
      const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
      const page = await context.newPage();
      const { problems, requests } = watchPage(context, page);
      await page.goto(url);
      await page.waitForSelector('#whatif[data-state="ready"]');
      const initial = await sectionsOf(page);
      await page.screenshot({ path: join(SCREENSHOTS, `${name}-live-before.png`) });

      // The fee breakeven names: where the recommendation changes and to what.
      const base = await cliResult([profile]);
      const rec = base.recommendation.option;
      // The offer whose fee is moved: the recommended one, else the first.
      const offerId = rec.startsWith('managed') ? rec : Object.keys(base.options).find((id) => id.startsWith('managed'))!;
      const prefix = offerId === 'managed' ? 'managed.' : `managed[${JSON.stringify(offerId.slice('managed:'.length))}].`;
      const fee = config.controls.find((c) => c.id.startsWith(prefix) && !c.id.endsWith('response_hours'))!;
      expect(fee).toBeDefined();
      const be = await runCli(['breakeven', profile, '--vary', fee.id, '--json']);
      expect(be.code, be.stderr).toBe(0);
      const metric = JSON.parse(be.stdout).decision.metric as string;
      const entry = (
        JSON.parse(be.stdout).results as { metric: string; base: number; value: number | null; below: string; above: string }[]
      ).find((e) => e.metric === metric)!;
      // Break-even is in the input's mean; the slider moves a distribution by its mode or median, scaling it whole.
      const perSlider = fee.value / entry.base;
      const crossing = entry.value === null ? null : entry.value * perSlider;
      // Far up: past the break-even when there is one on the slider, else to the slider's end.
      const target = crossing !== null && crossing > fee.value && crossing * 1.3 <= fee.max ? crossing * 1.3 : fee.max;
      const expected = crossing !== null && crossing > fee.value && target > crossing ? entry.above : entry.below;
      const slider = page.locator(`#ctl-${config.controls.indexOf(fee)}`);
      await slider.fill(String(target));
      const sets = JSON.parse((await page.getAttribute('#whatif', 'data-sets'))!) as string[];
      expect(sets).toHaveLength(1);
      const moved = await settled(page, sets);
      expect(moved.recommendation.option).toBe(expected);
      if (expected !== rec) expect((await sectionsOf(page))[0]).not.toBe(initial[0]);
      // The page's numbers are the CLI's for the same --set, trials and seed.
      expect(same(moved)).toEqual(same(await cliResult([profile, ...sets.flatMap((s) => ['--set', s])])));
      await page.screenshot({ path: join(SCREENSHOTS, `${name}-live-after.png`) });
      const firstMs = Number(await page.getAttribute('#whatif', 'data-first'));
      expect(firstMs).toBeGreaterThan(0);

      // The link reproduces the view.
      const linked = page.url();
      expect(linked).toContain('#');
      const other = await context.newPage();
      await other.goto(linked);
      const fromLink = await settled(other, sets);
      expect(same(fromLink)).toEqual(same(moved));
      expect(await other.locator(`#ctl-${config.controls.indexOf(fee)}`).inputValue()).toBe(await slider.inputValue());
      await other.close();

      // The download is the profile with the change, comments kept; supportcast run reads it back to the same numbers.
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#whatif-download')]);
      const saved = join(dir, download.suggestedFilename());
      await download.saveAs(saved);
      const yaml = readFileSync(saved, 'utf8');
      const firstComment = /^# (?!yaml-language-server)(.+)$/m.exec(readFileSync(profile, 'utf8'))![1]!;
      expect(yaml).toContain(firstComment);
      expect(same(await cliResult([saved]))).toEqual(same(moved));
      writeFileSync(join(SCREENSHOTS, `${name}-what-if.yaml`), yaml);

      // Back to the profile's value: the numbers shown before, byte for byte.
      await slider.fill(String(fee.value));
      await settled(page, []);
      expect(await sectionsOf(page)).toEqual(initial);
      expect(page.url()).not.toContain('#');
      // Reset does the same from anywhere: every control back to the profile.
      await page.locator(`#ctl-${config.controls.length - 1}`).fill(String(config.controls.at(-1)!.max));
      await settled(page, JSON.parse((await page.getAttribute('#whatif', 'data-sets'))!) as string[]);
      await page.click('#whatif-reset');
      await settled(page, []);
      expect(await sectionsOf(page)).toEqual(initial);

      // On a phone the panel sits above the report, and nothing scrolls sideways.
      await page.setViewportSize({ width: 390, height: 844 });
      const [scroll, client] = await page.evaluate(() => {
        const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document
          .documentElement;
        return [root.scrollWidth, root.clientWidth];
      });
      expect(scroll).toBeLessThanOrEqual(client!);
      await page.screenshot({ path: join(SCREENSHOTS, `${name}-live-390.png`) });

      expect(problems).toEqual([]);
      const outside = requests.filter((r) => r !== url && !r.startsWith(`${url}#`) && !r.startsWith('blob:'));
      expect(outside).toEqual([]);
      await context.close();
    });
  }
});
