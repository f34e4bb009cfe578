import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

const FAST = ['--trials', '300'];

/** A folder of profiles in an order readdir need not keep, with files that are not profiles beside them. */
function clientsFolder(): string {
  const dir = join(tmpDir(), 'clients');
  mkdirSync(join(dir, 'nested.yaml'), { recursive: true });
  copyFileSync('scenarios/office-5.yaml', join(dir, 'zeta.yaml'));
  copyFileSync('scenarios/dental-clinic.yaml', join(dir, 'alpha.yml'));
  copyFileSync('scenarios/office-5.yaml', join(dir, 'Middle.YAML'));
  writeFileSync(join(dir, 'notes.txt'), 'not a profile');
  return dir;
}

describe('folders of profiles', () => {
  it('compare DIR takes every .yaml and .yml file in it, sorted, and nothing else', async () => {
    const dir = clientsFolder();
    const r = await runCli(['compare', dir, '--json', ...FAST]);
    expect(r.code, r.stderr).toBe(0);
    const files = JSON.parse(r.stdout).results.map((x: { profile: { file: string } }) => x.profile.file);
    expect(files).toEqual(['Middle.YAML', 'alpha.yml', 'zeta.yaml'].map((f) => join(dir, f)));
  });

  it('check DIR checks each file in the same order, and validate DIR validates them', async () => {
    const dir = clientsFolder();
    const check = await runCli(['check', dir, ...FAST]);
    expect(check.stdout.split('\n').filter((l) => /^(PASS|FAIL) /.test(l))).toEqual(
      ['Middle.YAML', 'alpha.yml', 'zeta.yaml'].map((f) => expect.stringMatching(new RegExp(` ${join(dir, f).replaceAll('.', '\\.')}$`))),
    );
    expect(check.stdout.trimEnd().split('\n').at(-1)).toMatch(/^\d passed, \d failed$/);
    expect(await runCli(['validate', dir])).toEqual({ code: 0, stdout: '3 profiles valid\n', stderr: '' });
  });

  it('mixes folders and files, and refuses a folder without profiles', async () => {
    const dir = clientsFolder();
    const mixed = await runCli(['validate', 'scenarios/office-5.yaml', dir]);
    expect(mixed.stdout).toBe('4 profiles valid\n');
    const empty = join(tmpDir(), 'empty');
    mkdirSync(empty);
    expect(await runCli(['compare', empty])).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: ${empty} has no .yaml or .yml files — name the profiles, or a folder that holds some\n`,
    });
  });
});
