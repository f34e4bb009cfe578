import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
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

  it('prints check@1 JSON with the count line on stderr', async () => {
    const file = dentalExpecting('  too_close: true\n');
    const r = await runCli(['check', file, OFFICE, '--json', ...FAST]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('1 passed, 1 failed\n');
    const line =
      readFileSync(file, 'utf8')
        .split('\n')
        .findIndex((l) => l.startsWith('  too_close:')) + 1;
    expect(JSON.parse(r.stdout)).toEqual({
      schema: 'supportcast/check@1',
      profiles: [
        { file, passed: false, failures: [{ path: 'too_close', line, expected: true, actual: false }] },
        { file: OFFICE, passed: true, failures: [] },
      ],
      passed: 1,
      failed: 1,
    });
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
    expect(gh.stdout).toBe(`::error file=${file},line=${line}::recommendation: expected "hybrid", got "managed"\n0 passed, 1 failed\n`);
  });

  it('applies --set before checking, to every file', async () => {
    const r = await runCli(['check', DENTAL, ...FAST, '--set', 'managed.per_employee=400']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('options.managed.monthly_spend.p50: expected 7,620, got 16,620');
  });
});
