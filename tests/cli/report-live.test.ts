import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonScriptText, scriptText } from '../../src/report/html/page.js';
import { attr, byId, byTag, parseHtml, rawText, textOf } from '../helpers/html.js';
import { DENTAL, onePage, reportPage } from '../helpers/report.js';
import { tmpDir } from '../helpers/tmp.js';

const live = (file = DENTAL, args: string[] = []) => reportPage(['--live', ...args], file);

describe('script text in a page', () => {
  it('never ends its element early, and means the same to JavaScript and JSON', () => {
    const tricky = 'a</script><script>alert(1)</script><!-- b </SCRIPT';
    expect(scriptText(`x = ${JSON.stringify(tricky)};`)).not.toMatch(/<\/script|<!--/i);
    expect(JSON.parse(jsonScriptText(JSON.stringify({ tricky })))).toEqual({ tricky });
    expect(jsonScriptText(JSON.stringify({ tricky }))).not.toContain('<');
  });
});

const dental = onePage(() => live());

describe('supportcast report --live', { tags: ['slow', 'e2e'] }, () => {
  it('adds the panel (hidden until its script runs), three scripts and a policy that allows only them', async () => {
    const html = await dental();
    const { root, errors } = parseHtml(html);
    expect(errors).toEqual([]);
    const scripts = byTag(root, 'script');
    expect(scripts.map((s) => attr(s, 'type') ?? 'classic')).toEqual(['application/json', 'text/plain', 'classic']);
    const csp = attr(byTag(root, 'meta').find((m) => attr(m, 'http-equiv') === 'Content-Security-Policy')!, 'content');
    expect(csp).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'unsafe-inline'; worker-src blob:");
    const panel = byId(root, 'whatif')!;
    expect(attr(panel, 'hidden')).toBe('');
    const config = JSON.parse(rawText(byId(root, 'live-config')!)) as {
      controls: { id: string; label: string; min: number; max: number; step: number; value: number }[];
      text: string;
      settings: { trials: number; seed: number };
      command: string;
    };
    expect(config.text).toBe(readFileSync(DENTAL, 'utf8'));
    expect(config.settings).toEqual({ trials: 1200, months: 12, seed: 42 });
    expect(config.command).toBe('supportcast run dental-clinic.yaml --seed 42 --trials 1200');
    const inputs = byTag(panel, 'input');
    expect(inputs).toHaveLength(config.controls.length);
    config.controls.forEach((c, i) => {
      expect(Number(attr(inputs[i]!, 'value'))).toBe(c.value);
      expect(Number(attr(inputs[i]!, 'min'))).toBe(c.min);
      expect(textOf(byTag(panel, 'label')[i]!)).toBe(c.label);
    });
    expect(Buffer.byteLength(html)).toBeLessThan(1024 * 1024);
  });

  it('carries a hostile profile’s text intact inside its script, without it ending the element', async () => {
    const dir = tmpDir();
    const file = join(dir, 'hostile.yaml');
    writeFileSync(
      file,
      readFileSync(DENTAL, 'utf8').replace('name: Harbor Dental Group', 'name: "</script><script>alert(1)</script><!--"'),
    );
    const html = await live(file);
    const { root } = parseHtml(html);
    expect(byTag(root, 'script')).toHaveLength(3);
    const config = JSON.parse(rawText(byId(root, 'live-config')!)) as { text: string };
    expect(config.text).toBe(readFileSync(file, 'utf8'));
  });

  it('says which sections the panel does not rerun', async () => {
    const { root } = parseHtml(await dental());
    for (const id of ['drivers', 'assumptions']) {
      const stale = byTag(byId(root, id)!, 'p').find((p) => attr(p, 'class') === 'stale')!;
      expect(attr(stale, 'hidden')).toBe('');
      expect(textOf(stale)).toMatch(/does not rerun/);
    }
  });
});
