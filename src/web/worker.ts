import { config } from 'zod';
import { analyze } from '../engine/analyze.js';
import { monthlyBand } from '../engine/bands.js';
import type { SimulationOutput } from '../engine/collect.js';
import type { RunSettings } from '../engine/model.js';
import { profileTextWith } from '../profile/edit.js';
import { type LoadedProfile, loadProfile } from '../profile/load.js';
import { monthlyBills, overBudget, recommendation, savingSplit, yearlyCosts } from '../report/html/sections.js';
import { buildResult } from '../report/result.js';
import { InThreadExecutor } from '../run/executor.js';
import { RunSession } from '../run/run.js';
import type { FromWorker, LiveMeta, LiveSection, ToWorker } from './protocol.js';

/**
 * The live page's Web Worker: the real model, compiled from the profile's text with the
 * page's --set arguments by the CLI's own loader, run on the same seed, block by block. A
 * first answer comes from a thousand trials; each later one from more, up to the report's
 * trials, whose numbers are the CLI's. A newer request stops an older one between blocks.
 */

// The page forbids eval (its Content-Security-Policy): zod validates without compiling code.
config({ jitless: true });

const scope = globalThis as unknown as {
  onmessage: ((e: { data: ToWorker }) => void) | null;
  postMessage(m: FromWorker): void;
};

/** Answers are sent at these trial counts (and at the report's): a quick first look, then finer. */
export const MILESTONES = [1024, 2048, 4096, 8192];
/** Trials run between looks at the inbox, so a newer request waits at most one block. */
const BLOCK = 1024;

let text = '';
let baseSets: readonly string[] = [];
let settings: RunSettings = { trials: 0, months: 12, seed: 0 };
let meta: LiveMeta = { version: '', file: null, sha256: '' };
let latest = 0;
const executor = new InThreadExecutor();

/** Lets queued messages in: a message-channel hop, without setTimeout's clamping. */
const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();
const yieldNow = () =>
  new Promise<void>((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(0);
  });

function sectionsOf(
  loaded: LoadedProfile,
  out: SimulationOutput,
  overrides: readonly string[],
): { html: Record<LiveSection, string>; result: ReturnType<typeof buildResult> } {
  const { model, profile } = loaded;
  const analysis = analyze(model, out);
  const result = buildResult(analysis, model, {
    version: meta.version,
    profileName: profile.name,
    file: meta.file,
    sha256: meta.sha256,
    currency: profile.currency,
    seed: settings.seed,
    overrides,
  });
  const bands = Object.fromEntries(
    out.options.map((o, i) => [o.id, monthlyBand(out.values.monthly_spend[i]!, out.values.one_off_spend[i]!, out.months)]),
  );
  const input = { report: { result, model, source: meta.file ?? '-' }, bands };
  return {
    html: {
      recommendation: recommendation(input),
      yearly: yearlyCosts(input),
      monthly: monthlyBills(input),
      split: savingSplit(input),
      budget: overBudget(input),
    },
    result,
  };
}

async function run(id: number, sets: readonly string[]): Promise<void> {
  const overrides = [...baseSets, ...sets];
  const loaded = loadProfile(text, overrides);
  if (!loaded.ok) {
    scope.postMessage({
      type: 'problems',
      id,
      messages: loaded.problems.map((p) => `${p.override ? `--set ${p.override}: ` : ''}${p.path}: ${p.message}`),
    });
    return;
  }
  const model = loaded.value.model;
  const session = new RunSession(model, settings);
  const total = settings.trials;
  const looks = [...MILESTONES.filter((m) => m < total), total];
  for (const look of looks) {
    while (session.trials < look) {
      await session.extendTo(Math.min(look, session.trials + BLOCK), executor);
      await yieldNow();
      if (id !== latest) return;
    }
    const { html, result } = sectionsOf(loaded.value, session.output(), overrides);
    scope.postMessage({ type: 'answer', id, trials: look, total, sections: html, ...(look === total ? { result } : {}) });
  }
}

scope.onmessage = (e) => {
  const m = e.data;
  if (m.type === 'init') {
    ({ text, settings, meta } = m);
    baseSets = m.sets;
    return;
  }
  if (m.type === 'yaml') {
    scope.postMessage({ type: 'yaml', id: m.id, text: profileTextWith(text, [...baseSets, ...m.sets]) });
    return;
  }
  latest = Math.max(latest, m.id);
  run(m.id, m.sets).catch((err: unknown) =>
    scope.postMessage({ type: 'failed', id: m.id, message: err instanceof Error ? err.message : String(err) }),
  );
};
