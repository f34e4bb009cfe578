import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Analysis, analyze, STREAM_TRIALS } from '../../src/engine/analyze.js';
import { simulate } from '../../src/engine/collect.js';
import { PILOT_VALUES } from '../../src/engine/order-stats.js';
import { loadProfile } from '../../src/profile/load.js';
import { InThreadExecutor } from '../../src/run/executor.js';
import { runStreamed } from '../../src/run/stream.js';
import { WorkerPool } from '../../src/run/worker-pool.js';

function scenario(name: string) {
  const r = loadProfile(readFileSync(`scenarios/${name}.yaml`, 'utf8'));
  if (!r.ok) throw new Error('invalid scenario');
  return r.value;
}

describe('a streamed run', { tags: ['slow'] }, () => {
  const { model } = scenario('office-5');
  // Three steps, the last a partial one, and more trial-months than the pilot: the windows are used.
  const settings = { trials: 2 * STREAM_TRIALS + 1500, months: 12, seed: 5 };
  // What every streamed run must equal; computed once, for the tests that compare with it.
  let held: Analysis | undefined;
  const inMemory = () => {
    held ??= analyze(model, simulate(model, settings));
    return held;
  };

  it('is the analysis of the whole run held in memory, on this thread and on two', async () => {
    expect(settings.trials * settings.months).toBeGreaterThan(PILOT_VALUES);
    expect(await runStreamed(model, settings, new InThreadExecutor())).toEqual(inMemory());
    const pool = new WorkerPool(2);
    try {
      expect(await runStreamed(model, settings, pool)).toEqual(inMemory());
    } finally {
      await pool.close();
    }
  });

  it('takes a second pass through the executor when a percentile misses its window, and is still exact', async () => {
    // Windows of no width: every percentile past the pilot misses, so every trial is simulated twice.
    let steps = 0;
    const counting = new InThreadExecutor();
    const simulateStep = counting.simulate.bind(counting);
    counting.simulate = (...args) => {
      steps++;
      return simulateStep(...args);
    };
    expect(await runStreamed(model, settings, counting, {}, { pilot: 4096, windowSe: 0 })).toEqual(inMemory());
    expect(steps).toBe(2 * Math.ceil(settings.trials / STREAM_TRIALS));
  });

  it('reports progress over all its steps, ending at the last', async () => {
    const seen: number[] = [];
    await runStreamed(model, { ...settings, trials: STREAM_TRIALS + 10 }, new InThreadExecutor(), {
      onProgress: (done, total) => seen.push(done / total),
    });
    expect(seen.every((x, i) => i === 0 || x >= seen[i - 1]!)).toBe(true);
    expect(seen.at(-1)).toBe(1);
  });
});
