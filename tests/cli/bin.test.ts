import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs the built CLI as a user would (npm test builds dist/ first). */
function bin(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['bin/supportcast.js', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the built bin, as a subprocess', { tags: ['slow'] }, () => {
  it('prints a plain table and a recommendation with NO_COLOR', () => {
    const r = bin(['run', 'scenarios/office-5.yaml', '--trials', '500'], { NO_COLOR: '1', FORCE_COLOR: '1' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Monthly invoice (USD)');
    expect(r.stdout).toMatch(/\nRecommendation: /);
    expect(r.stdout).not.toMatch(/\x1b\[/);
  });

  it('exits 2 without a stack trace for an unreadable profile', () => {
    const r = bin(['run', 'nowhere.yaml'], { NO_COLOR: '1' });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('error: cannot read nowhere.yaml: no such file — check the path\n');
  });

  it('prints its version', () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(bin(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
});
