import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { VERSION } from '../../src/cli/version.js';
import { tmpDir } from '../helpers/tmp.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** npm with nothing of the user's: HOME, cache and prefix inside the test's folder, and no network. */
function npm(dir: string, args: string[]) {
  const r = spawnSync('npm', [...args, '--offline', '--no-audit', '--no-fund', '--cache', join(dir, 'cache')], {
    cwd: root,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', HOME: dir },
  });
  expect(r.status, r.stderr).toBe(0);
  return r;
}

/** Runs the installed command from a folder that is not the clone. */
function installed(dir: string, prefix: string, args: string[]) {
  const elsewhere = join(dir, 'elsewhere');
  mkdirSync(elsewhere, { recursive: true });
  return spawnSync(join(prefix, 'bin', 'supportcast'), args, {
    cwd: elsewhere,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', HOME: dir, NO_COLOR: '1' },
  });
}

describe('installing the command for use anywhere (README: Install)', { tags: ['slow', 'e2e'] }, () => {
  it('installs from a packed tarball, offline, and runs from another folder', () => {
    const dir = tmpDir();
    // dist/ is built by `npm test` before the tests run; packing need not build again.
    npm(dir, ['pack', '--ignore-scripts', '--pack-destination', dir, '--silent']);
    const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
    expect(tarball).toBe(`supportcast-${VERSION}.tgz`);
    const prefix = join(dir, 'prefix');
    // --ignore-scripts: an install must not run the clone's build (which empties dist/ under the other tests).
    npm(dir, ['install', '--global', '--ignore-scripts', '--prefix', prefix, join(dir, tarball!)]);
    const version = installed(dir, prefix, ['--version']);
    expect(version.stdout).toBe(`${VERSION}\n`);
    // The tarball carries its dependencies and the example: a run works without the clone.
    const run = installed(dir, prefix, ['run', '--trials', '300', '--json']);
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).profile.name).toBe('Harbor Dental Group');
  });

  it('links the clone with npm install -g .', () => {
    const dir = tmpDir();
    const prefix = join(dir, 'prefix');
    npm(dir, ['install', '--global', '--ignore-scripts', '--prefix', prefix, '.']);
    expect(installed(dir, prefix, ['--version']).stdout).toBe(`${VERSION}\n`);
  });
});
