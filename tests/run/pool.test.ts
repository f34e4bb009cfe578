import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/collect.js';
import { fixed, type Model } from '../../src/engine/model.js';
import { QUANTITIES } from '../../src/engine/quantities.js';
import { optionsOf } from '../../src/engine/simulate.js';
import { loadProfile } from '../../src/profile/load.js';
import { InThreadExecutor } from '../../src/run/executor.js';
import { RunSession } from '../../src/run/run.js';
import { WorkerPool } from '../../src/run/worker-pool.js';

function scenario(name: string) {
  const r = loadProfile(readFileSync(`scenarios/${name}.yaml`, 'utf8'));
  if (!r.ok) throw new Error('invalid scenario');
  return r.value;
}

const sameArrays = (a: ReturnType<typeof simulate>, b: ReturnType<typeof simulate>) => {
  for (const q of QUANTITIES)
    a.values[q].forEach((arr, o) => expect(Buffer.from(b.values[q][o]!.buffer).equals(Buffer.from(arr.buffer))).toBe(true));
};

describe('the runner outside the CLI', { tags: ['slow'] }, () => {
  const { model } = scenario('multisite-150');
  const settings = { trials: 1300, months: 12, seed: 3 };

  it('gives byte-identical arrays on this thread and on 2 threads or one more than the cores, taken directly', async () => {
    const reference = simulate(model, settings);
    // More threads than cores (up to 7: a worker costs a tsx start-up, about 0.3 s of CPU).
    for (const threads of [2, Math.min(availableParallelism(), 6) + 1]) {
      const pool = new WorkerPool(threads);
      try {
        const session = new RunSession(model, settings);
        await session.extendTo(settings.trials, pool);
        sameArrays(session.output(), reference);
      } finally {
        await pool.close();
      }
    }
  });

  it('accumulates: 500 trials now and 800 later are the 1,300-trial run', async () => {
    const session = new RunSession(model, settings);
    const executor = new InThreadExecutor();
    await session.extendTo(500, executor);
    expect(session.trials).toBe(500);
    await session.extendTo(1300, executor);
    sameArrays(session.output(), simulate(model, settings));
  });

  it('runs the worker from the sources under test, never a stale build', async () => {
    const pool = new WorkerPool(2);
    try {
      const [entry] = await Promise.all(pool.entries);
      expect(entry).toMatch(/\/src\/run\/worker-entry\.ts$/);
    } finally {
      await pool.close();
    }
  });

  it('stops every thread and rejects once when a worker fails, keeping the error type', async () => {
    // Not a profile anyone can write (validation caps rates): a count no month can hold.
    const huge: Model = {
      ...model,
      classes: model.classes.map((c) => ({ ...c, rate: { amount: fixed(2e9), key: c.rate.key }, rateUnits: 1 })),
    };
    const rejections: unknown[] = [];
    const onUnhandled = (e: unknown) => rejections.push(e);
    process.on('unhandledRejection', onUnhandled);
    const pool = new WorkerPool(2);
    try {
      const session = new RunSession(huge, settings);
      await expect(session.extendTo(settings.trials, pool)).rejects.toThrow(RangeError);
      await new Promise((r) => setTimeout(r, 50));
      expect(rejections).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      await pool.close();
    }
  });

  it('refuses arrays to write into that are not shared memory, whose values the workers could not return', async () => {
    const pool = new WorkerPool(2);
    try {
      const range = { first: 0, trials: 10 };
      const plain = new InThreadExecutor().allocate(optionsOf(model).length, range.trials, settings.months);
      await expect(pool.simulate(model, settings, range, undefined, plain)).rejects.toThrow(/allocate\(\)/);
      const shared = pool.allocate(optionsOf(model).length, range.trials, settings.months);
      const values = await pool.simulate(model, settings, range, undefined, shared);
      expect(values).toBe(shared);
      sameArrays({ ...simulate(model, { ...settings, trials: 10 }), values }, simulate(model, { ...settings, trials: 10 }));
    } finally {
      await pool.close();
    }
  });
});
