import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

const OFFICE = 'scenarios/office-5.yaml';
const COMMANDS = ['run', 'compare', 'breakeven', 'sensitivity', 'exact', 'check', 'validate', 'diff', 'init', 'schema'];

describe('did you mean', () => {
  it('suggests the nearest file in the folder of a missing profile', async () => {
    const r = await runCli(['run', 'scenarios/dental.yaml']);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: cannot read scenarios/dental.yaml: no such file — did you mean scenarios/dental-clinic.yaml?\n',
    });
  });

  it('suggests the nearest format, and lists the choices', async () => {
    const r = await runCli(['run', OFFICE, '--format', 'jsn']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/table, json, csv, markdown — did you mean json\?\n$/);
  });

  it('suggests the nearest command for help on an unknown one', async () => {
    expect(await runCli(['help', 'rn'])).toEqual({ code: 2, stdout: '', stderr: 'error: unknown command "rn" — did you mean run?\n' });
  });

  it('refuses --json with another --format instead of silently picking JSON', async () => {
    const r = await runCli(['run', OFFICE, '--json', '--format', 'csv', '--trials', '100']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'error: --json and --format csv ask for different formats — use one of them\n' });
    // The two agreeing is not a conflict.
    expect((await runCli(['run', OFFICE, '--json', '--format', 'json', '--trials', '100'])).code).toBe(0);
  });

  it('refuses an unknown currency code, offering real ISO 4217 codes near it', async () => {
    const r = await runCli(['run', OFFICE, '--set', 'currency=EUT']);
    expect(r.code).toBe(2);
    const m =
      /^error: --set currency=EUT: currency: unknown currency code "EUT" — use an ISO 4217 code; the nearest are ([A-Z]{3}), ([A-Z]{3}), ([A-Z]{3})\n/.exec(
        r.stderr,
      );
    expect(m, r.stderr).not.toBeNull();
    const codes = m!.slice(1);
    expect(codes[0]).toBe('EUR');
    for (const c of codes) expect(Intl.supportedValuesOf('currency')).toContain(c);
    // A real code in lower case is named, not guessed at.
    expect((await runCli(['run', OFFICE, '--set', 'currency=usd'])).stderr).toMatch(
      /currency codes are in capitals, got "usd" — write USD\n/,
    );
    expect((await runCli(['run', OFFICE, '--set', 'currency=GBP', '--trials', '100'])).code).toBe(0);
  });
});

describe('messages that do not contradict themselves', () => {
  const cases: [string, string, RegExp][] = [
    ['an exclusive minimum of 0', 'incidents[0].labor_hours.p50=0', /must be greater than 0, got 0 — use a positive value such as 1\n/],
    ['an inclusive minimum', 'break_fix.hourly_rate=-5', /must be at least 0, got -5 — use 0 or more\n/],
    ['a maximum', 'incidents[0].onsite_share=3', /must be at most 1, got 3 — use 1 or less\n/],
  ];
  it.each(cases)('%s', async (_, set, message) => {
    const r = await runCli(['validate', OFFICE, '--set', set]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(message);
  });

  it('tells the user to close an unclosed bracket, not to line it up', async () => {
    const dir = tmpDir();
    const list = join(dir, 'list.yaml');
    const map = join(dir, 'map.yaml');
    writeFileSync(list, 'version: 1\nname: [a, b\norganization: {}\n');
    writeFileSync(map, 'version: 1\nname: x\norganization: { employees: 3\n');
    const r = await runCli(['validate', list, map]);
    expect(r.stdout.split('\n').slice(0, 2)).toEqual([
      `error: ${list}:3:1 yaml: a list opened with [ before this line is not closed — close it with ], and indent any line that continues it`,
      `error: ${map}:4:1 yaml: a map opened with { before this line is not closed — close it with }, and indent any line that continues it`,
    ]);
  });
});

describe('help', () => {
  const helps = async () =>
    Promise.all(
      [[], ...COMMANDS.map((c) => [c])].map(async (c) => ({ name: c[0] ?? 'supportcast', text: (await runCli([...c, '--help'])).stdout })),
    );

  it('fits 80 columns and never wraps an option or an argument', async () => {
    for (const { name, text } of await helps()) {
      expect(text.length, name).toBeGreaterThan(100);
      for (const line of text.split('\n')) {
        expect(line.length, `${name}: ${line}`).toBeLessThanOrEqual(80);
        // A continuation line of the options column starts under the descriptions.
        expect(line, name).not.toMatch(/^ {10,}\S/);
      }
    }
  });

  it('keeps each sentence of a description on one line', async () => {
    for (const { name, text } of await helps()) {
      const description = text.split('\n\n')[1]!;
      for (const line of description.split('\n')) expect(line, name).toMatch(/[.:?)]$/);
    }
  });

  it('prints no empty or repeated defaults', async () => {
    for (const { name, text } of await helps()) {
      expect(text, name).not.toContain('(default: [])');
      for (const line of text.split('\n')) expect(line.split('(default:').length, `${name}: ${line}`).toBeLessThanOrEqual(2);
    }
  });
});
