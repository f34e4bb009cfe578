import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/cli/errors.js';
import { estimateRun, refuseLargeRun } from '../../src/cli/estimate.js';
import { executionFor, runProfile } from '../../src/cli/execute.js';
import { firstNonFinite } from '../../src/cli/finite.js';
import type { Io } from '../../src/cli/io.js';
import { CORES, parseThreads } from '../../src/cli/options.js';
import { reportFailure } from '../../src/cli/program.js';
import { fixed, type Model } from '../../src/engine/model.js';
import { LIMITS } from '../../src/profile/limits.js';
import { loadProfile } from '../../src/profile/load.js';
import { runCli } from '../helpers/cli.js';

const OFFICE = 'scenarios/office-5.yaml';

function multisite() {
  const r = loadProfile(readFileSync('scenarios/multisite-150.yaml', 'utf8'));
  if (!r.ok) throw new Error('invalid scenario');
  return r.value;
}

const quietIo: Io = { out: () => {}, err: () => {}, stdoutIsTTY: false, stderrIsTTY: false, env: {}, readStdin: () => '' };

describe('never stuck: a run estimates its work and memory first', { tags: ['slow'] }, () => {
  it('refuses ~10^11 incidents with the estimate and what to change, before simulating', async () => {
    const r = await runCli(['run', OFFICE, '--set', 'incidents[0].rate={per_month: 1000000}']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^error: this run would simulate about 120,000,000,000 incidents \(10,000 trials × 12 months\), about \d+ hours here — use fewer trials or months, lower the rates, or add --allow-large to go ahead\n$/,
    );
  });

  it('runs the same profile when it is small enough, with finite numbers', async () => {
    const r = await runCli(['run', OFFICE, '--set', 'incidents[0].rate={per_month: 1000000}', '--trials', '2', '--months', '1', '--json']);
    expect(r.code).toBe(0);
    expect(firstNonFinite(JSON.parse(r.stdout))).toBeUndefined();
  });

  it('refuses a report of 10,000,000 trials (its charts keep every value) with the memory it would need', async () => {
    const r = await runCli(['report', OFFICE, '--trials', '10000000']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^error: this run would need about [\d.]+ GB of memory \(10,000,000 trials × 12 months\) — use at most [\d,]+ trials, fewer months, or add --allow-large to go ahead\n$/,
    );
  });

  it('lets run take 10,000,000 trials of the 150-person profile: streamed, its estimate is within both limits', () => {
    const settings = { trials: 10_000_000, months: 12, seed: 1 };
    const streamed = estimateRun(multisite().model, settings, 2, true);
    expect(streamed.bytes).toBeLessThan(LIMITS.memoryBytes);
    expect(streamed.work).toBeLessThan(LIMITS.work);
    expect(() => refuseLargeRun(streamed, settings, false)).not.toThrow();
    // Kept in memory the same run needs 10 GB, and is refused.
    expect(() => refuseLargeRun(estimateRun(multisite().model, settings, 2, false), settings, false)).toThrow(/memory/);
  });

  it('caps --threads at the number of cores', () => {
    expect(parseThreads('256')).toBe(CORES);
    expect(parseThreads('1')).toBe(1);
    expect(() => parseThreads('0')).toThrow(/Threads must be a whole number from 1/);
  });
});

describe('failures are reported once, with the right exit code', () => {
  it('a rate tail beyond any countable month is a refused run (exit 2), not a bug', async () => {
    const loaded = multisite();
    const model: Model = {
      ...loaded.model,
      classes: loaded.model.classes.map((c) => ({ ...c, rate: { amount: fixed(2e9), key: c.rate.key }, rateUnits: 1 })),
    };
    const input = { file: 'x.yaml', label: 'x.yaml', text: '', sha256: '' };
    const exec = executionFor(quietIo, { threads: 1, allowLarge: true }, 'json');
    const run = runProfile({ input, loaded: { ...loaded, model } }, { trials: 2, months: 1, seed: 1 }, 'x.yaml', [], exec);
    await expect(run).rejects.toBeInstanceOf(CliError);
    await expect(run).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(
        /^a trial drew more than a billion incidents in one month .* — narrow the spread of the uncertain rates$/,
      ),
    });
  });

  it('a bug is exit 3 with a short message and a request for a report, never a stack trace', () => {
    let err = '';
    const io = {
      ...quietIo,
      err: (s: string) => {
        err += s;
      },
    };
    expect(reportFailure(new TypeError('x is not a function'), io)).toBe(3);
    expect(err).toMatch(
      /^supportcast \d+\.\d+\.\d+: internal error: x is not a function\nThis is a bug in supportcast, not in your profile\. Please report it with the command you ran\.\n$/,
    );
    expect(err).not.toMatch(/\n\s+at /);
  });

  it('finds the first number that is not finite in a result', () => {
    expect(firstNonFinite({ a: { b: 1, c: [2, Number.NaN] } })).toBe('a.c.1');
    expect(firstNonFinite({ a: Number.POSITIVE_INFINITY })).toBe('a');
    expect(firstNonFinite({ a: 1, b: 'x', c: null, d: true })).toBeUndefined();
  });
});
