import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { schemaValidator } from '../helpers/schema.js';
import { tmpDir } from '../helpers/tmp.js';

const DENTAL = 'scenarios/dental-clinic.yaml';
const OFFICE = 'scenarios/office-5.yaml';
const FAST = ['--trials', '2000'];

/** The dental clinic with its expect: block replaced (the block is last in the file). */
function dentalExpecting(block: string): string {
  const text = readDental().replace(/\nexpect:\n[\s\S]*$/, `\nexpect:\n${block}`);
  const file = join(tmpDir(), 'dental.yaml');
  writeFileSync(file, text);
  return file;
}

const readDental = () => readFileSync(DENTAL, 'utf8');

describe('supportcast check', { tags: ['slow'] }, () => {
  it('passes the shipped scenarios and ends with the count line', async () => {
    const r = await runCli(['check', OFFICE, DENTAL, ...FAST]);
    expect(r).toEqual({ code: 0, stdout: `PASS ${OFFICE}\nPASS ${DENTAL}\n2 passed, 0 failed\n`, stderr: '' });
  });

  it('reports a failed assertion with its file, line, expected and actual value, and exits 1', async () => {
    const file = dentalExpecting('  recommendation: break_fix\n  options.managed.monthly_spend.p50: { max: 7000 }\n  too_close: false\n');
    const lines = readFileSync(file, 'utf8').split('\n');
    const lineOf = (key: string) => lines.findIndex((l) => l.startsWith(`  ${key}:`)) + 1;
    const r = await runCli(['check', file, ...FAST]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      `FAIL ${file}\n` +
        `  ${file}:${lineOf('recommendation')} recommendation: expected break_fix, got managed\n` +
        `  ${file}:${lineOf('options.managed.monthly_spend.p50')} options.managed.monthly_spend.p50: expected at most 7,000, got 7,620\n` +
        '0 passed, 1 failed\n',
    );
  });

  it('counts a broken profile as failed, and a profile without expect: as passed', async () => {
    const dir = tmpDir();
    const noExpect = join(dir, 'plain.yaml');
    writeFileSync(noExpect, readDental().replace(/\nexpect:\n[\s\S]*$/, '\n'));
    const r = await runCli(['check', noExpect, 'nope.yaml', ...FAST]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(`PASS ${noExpect}\nFAIL nope.yaml\n  cannot read nope.yaml: no such file — check the path\n1 passed, 1 failed\n`);
  });

  it('prints check@2 JSON (valid against its schema) with the count line on stderr', async () => {
    const file = dentalExpecting('  too_close: true\n');
    const r = await runCli(['check', file, OFFICE, '--json', ...FAST]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('1 passed, 1 failed\n');
    const line =
      readFileSync(file, 'utf8')
        .split('\n')
        .findIndex((l) => l.startsWith('  too_close:')) + 1;
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({
      schema: 'supportcast/check@2',
      profiles: [
        { file, passed: false, problems: [], failures: [{ path: 'too_close', line, col: 3, expected: true, actual: false }] },
        { file: OFFICE, passed: true, problems: [], failures: [] },
      ],
      passed: 1,
      failed: 1,
    });
    expect(json.profiles[1].manifest).toEqual({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/), seed: 5, trials: 2000, months: 12 });
    const validate = schemaValidator('check.schema.json');
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
  });

  it('ends Markdown with the count line and writes GitHub annotations', async () => {
    const file = dentalExpecting('  recommendation: hybrid\n');
    const md = await runCli(['check', file, '--format', 'markdown', ...FAST]);
    expect(md.stdout).toMatch(/^\| Profile \| Result \| Failures \|\n/);
    expect(md.stdout.trimEnd().split('\n').at(-1)).toBe('0 passed, 1 failed');
    const gh = await runCli(['check', file, '--format', 'github', ...FAST]);
    const line =
      readFileSync(file, 'utf8')
        .split('\n')
        .findIndex((l) => l.startsWith('  recommendation:')) + 1;
    expect(gh.stdout).toBe(`::error file=${file},line=${line},col=3::recommendation: expected hybrid, got managed\n0 passed, 1 failed\n`);
  });

  it('annotates a broken profile as validate does, and a bound in words, not JSON', async () => {
    const broken = join(tmpDir(), 'broken.yaml');
    writeFileSync(broken, readFileSync('tests/fixtures/broken.yaml'));
    const bound = dentalExpecting('  options.managed.monthly_spend.p90: { max: 4000 }\n');
    const gh = await runCli(['check', broken, bound, 'nothere.yaml', '--format', 'github', ...FAST]);
    const validateGh = await runCli(['validate', broken, '--format', 'github']);
    const lines = gh.stdout.trimEnd().split('\n');
    // Exactly validate's annotations for the broken profile, col= included.
    expect(lines.slice(0, 4)).toEqual(validateGh.stdout.trimEnd().split('\n').slice(0, 4));
    expect(lines[0]).toMatch(
      /^::error file=.*broken\.yaml,line=6,col=13::incidents\[0\]\.rate\.per_employe: unknown key — did you mean "per_employee"\?$/,
    );
    expect(lines[4]).toMatch(
      /^::error file=.*dental\.yaml,line=\d+,col=3::options\.managed\.monthly_spend\.p90: expected at most 4,000, got [\d,.]+$/,
    );
    expect(lines[5]).toBe('::error::cannot read nothere.yaml: no such file — check the path');
    expect(lines[6]).toBe('0 passed, 3 failed');
  });

  it('applies --set before checking, to every file', async () => {
    const r = await runCli(['check', DENTAL, ...FAST, '--set', 'managed.per_employee=400']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('options.managed.monthly_spend.p50: expected 7,620, got 16,620');
  });
});
