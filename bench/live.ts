/**
 * The live page's speed in Chromium (part of npm run bench): for each scenario, the report with
 * --live is opened from disk and its managed fee moved and released several times; the page
 * records, from the release, when the first answer (1,024 trials) and the full one (the report's
 * trials) are on screen. Medians; skipped with a line when no Chromium is found.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const SCENARIOS = ['dental-clinic', 'office-5', 'multisite-150'];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

export async function liveTimings(root: string, releases: number): Promise<{ rows: string[]; note?: string }> {
  const browserPath = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium'].find((p) => p && existsSync(p));
  if (!browserPath) return { rows: [], note: 'live page: skipped, no Chromium (apt-get install -y chromium)' };
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: browserPath, args: ['--no-sandbox'] });
  const dir = mkdtempSync(join(tmpdir(), 'supportcast-live-'));
  const rows: string[] = [];
  try {
    for (const name of SCENARIOS) {
      const file = join(dir, `${name}.html`);
      const made = spawnSync(
        process.execPath,
        [`${root}/bin/supportcast.js`, 'report', `${root}/scenarios/${name}.yaml`, '--live', '-o', file],
        {
          encoding: 'utf8',
        },
      );
      if (made.status !== 0) throw new Error(`report --live ${name}: ${made.stderr}`);
      const page = await browser.newPage();
      await page.goto(pathToFileURL(file).href);
      await page.waitForSelector('#whatif[data-state="ready"]');
      const slider = page.locator('#ctl-0');
      const [base, step] = await Promise.all([slider.inputValue(), slider.getAttribute('step')]);
      const first: number[] = [];
      const full: number[] = [];
      for (let i = 0; i < releases; i++) {
        // Alternately one step up and back: each release is a new run (the page skips a repeat of the last).
        const value = i % 2 === 0 ? String(Number(base) + Number(step)) : base;
        await slider.fill(value);
        await page.waitForFunction(
          (want) => {
            const el = (
              globalThis as unknown as { document: { getElementById(id: string): { dataset: Record<string, string> } } }
            ).document.getElementById('whatif');
            return el.dataset.state === 'done' && (el.dataset.sets === '[]') === want;
          },
          value === base,
          { timeout: 120_000 },
        );
        first.push(Number(await page.getAttribute('#whatif', 'data-first')));
        full.push(Number(await page.getAttribute('#whatif', 'data-full')));
      }
      await page.close();
      const kb = statSync(file).size / 1024;
      rows.push(
        `| ${name} | ${median(first).toFixed(0)} | ${median(full).toFixed(0)} | ${kb.toFixed(0)} | ${first.join(', ')} | ${full.join(', ')} |`,
      );
      process.stdout.write(`${rows.at(-1)}\n`);
    }
  } finally {
    await browser.close();
  }
  return { rows };
}
