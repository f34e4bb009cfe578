import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadProfile } from '../../src/profile/load.js';
import { runCli } from '../helpers/cli.js';
import { schemaValidator } from '../helpers/schema.js';
import { tmpDir } from '../helpers/tmp.js';

describe('supportcast schema', () => {
  it('prints the JSON Schema generated from the zod schema, and the committed copy is current', async () => {
    const r = await runCli(['schema']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const committed = readFileSync(new URL('../../schema/profile.schema.json', import.meta.url), 'utf8');
    // If this fails, run `npm run schema` and commit schema/profile.schema.json.
    expect(r.stdout).toBe(committed);
  });

  it('accepts every shipped scenario and rejects an unknown key', () => {
    const validate = schemaValidator('profile.schema.json');
    for (const f of ['office-5', 'dental-clinic', 'multisite-150']) {
      const data = parse(readFileSync(`scenarios/${f}.yaml`, 'utf8'));
      expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
    }
    const bad = parse(readFileSync('scenarios/office-5.yaml', 'utf8'));
    bad.organization.employes = 5;
    expect(validate(bad)).toBe(false);
  });

  it('is named on the first line of every scenario', () => {
    for (const f of ['office-5', 'dental-clinic', 'multisite-150']) {
      expect(readFileSync(`scenarios/${f}.yaml`, 'utf8').split('\n')[0]).toBe(
        '# yaml-language-server: $schema=../schema/profile.schema.json',
      );
    }
  });
});

describe('supportcast init', () => {
  it('points editors at a schema beside the profile: a reference that moves and travels with it', async () => {
    const dir = tmpDir();
    const file = join(dir, 'client.yaml');
    expect((await runCli(['init', file])).code).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=profile.schema.json');
    expect(JSON.parse(readFileSync(join(dir, 'profile.schema.json'), 'utf8'))).toEqual(JSON.parse((await runCli(['schema'])).stdout));
    // Printed to stdout it names the same relative file, never a path into a checkout or a temporary folder.
    const printed = (await runCli(['init'])).stdout;
    expect(printed.split('\n')[0]).toBe('# yaml-language-server: $schema=profile.schema.json');
    expect(printed).not.toMatch(/\$schema=\//);
  });

  it.each([
    [['--employees', '4']],
    [['--employees', '40', '--servers', '2', '--sites', '1']],
    [['--employees', '150', '--devices', '170', '--servers', '5', '--sites', '4', '--name', 'Big "Co"']],
  ])('writes a starter profile that validates and runs: %j', async (flags) => {
    const r = await runCli(['init', ...flags]);
    expect(r.code).toBe(0);
    const loaded = loadProfile(r.stdout);
    expect(loaded.ok ? [] : loaded.problems).toEqual([]);
    const run = await runCli(['run', '-', '--trials', '200'], { stdin: r.stdout });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\nRecommendation: /);
  });

  it('sizes the business from the flags', async () => {
    const r = await runCli(['init', '--employees', '25', '--sites', '2']);
    const data = parse(r.stdout);
    expect(data.organization).toEqual({ employees: 25, devices: 29, servers: 1, sites: 2, loaded_hourly_cost: 37.36 });
    expect(data.hybrid.internal_staff).toBe(1);
  });

  it('refuses to overwrite a file without --force', async () => {
    const file = join(tmpDir(), 'client.yaml');
    const schema = join(dirname(file), 'profile.schema.json');
    const first = await runCli(['init', file, '--employees', '12']);
    expect(first).toEqual({
      code: 0,
      stdout: '',
      stderr: `wrote ${file} and ${schema} (for editors) — edit the GUESSes, then: supportcast run ${file}\n`,
    });
    writeFileSync(file, 'mine');
    const second = await runCli(['init', file]);
    expect(second).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: ${file} already exists — choose another name or add --force to overwrite it\n`,
    });
    expect(readFileSync(file, 'utf8')).toBe('mine');
    // The second time the schema is there already, and it is left as it is.
    expect(await runCli(['init', file, '--force'])).toEqual({
      code: 0,
      stdout: '',
      stderr: `wrote ${file} — edit the GUESSes, then: supportcast run ${file}\n`,
    });
    expect(existsSync(file) && readFileSync(file, 'utf8').startsWith('# yaml-language-server')).toBe(true);
  });
});
