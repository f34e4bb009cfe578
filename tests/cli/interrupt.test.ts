import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tmpDir } from '../helpers/tmp.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
// util-linux's script(1) gives the CLI a real terminal, so Ctrl-C is the terminal's own, not a signal we fake.
const hasScript = spawnSync('script', ['--version']).status === 0;

/** Types Ctrl-C into a terminal running a long run once its progress bar shows; resolves with what the terminal showed. */
function interruptAtBar(): Promise<{ code: number | null; screen: string }> {
  const cmd = 'node bin/supportcast.js run scenarios/multisite-150.yaml --threads 1 --trials 1000000 --allow-large';
  const child = spawn('script', ['-q', '-e', '-c', cmd, join(tmpDir(), 'typescript')], {
    cwd: root,
    env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', TERM: 'xterm' },
  });
  let screen = '';
  let typed = false;
  child.stdout.on('data', (d: Buffer) => {
    screen += d.toString('utf8');
    if (!typed && screen.includes('▏')) {
      typed = true;
      child.stdin.write('\x03');
    }
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, screen })));
}

describe.skipIf(!hasScript)('Ctrl-C during a run', { tags: ['slow'] }, () => {
  it('erases the progress bar and exits 130', async () => {
    const { code, screen } = await interruptAtBar();
    expect(code).toBe(130);
    expect(screen).toMatch(/^\rsimulating Meridian Supply Co\. ▕/);
    // The terminal echoes ^C after the bar; the last thing written erases the line.
    expect(screen.endsWith('\r\x1b[K')).toBe(true);
    expect(screen).not.toContain('Recommendation');
  });
});
