/**
 * supportcast against the C reference (bench/reference/reference.c), part of npm run bench:
 * the C program is built with gcc -O2 -march=native, given the 150-person profile's compiled
 * model, and timed in turn with the CLI (A B A B …); each ratio is the median of the per-pair
 * wall-time ratios (below 1: supportcast is faster). Also a check that it is the same model:
 * each option's mean yearly cost from both, within Monte Carlo noise.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

function wall(cmd: string, args: string[], input?: string): { ms: number; stdout: string } {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...(input !== undefined ? { input } : {}) });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  return { ms, stdout: r.stdout };
}

export interface ReferenceRatios {
  readonly rows: string[];
  readonly note?: string;
}

export function referenceRatios(root: string, pairs: number, trials: number): ReferenceRatios {
  const dir = mkdtempSync(join(tmpdir(), 'supportcast-ref-'));
  const exe = join(dir, 'reference');
  const cc = spawnSync('gcc', ['-O2', '-march=native', '-o', exe, join(root, 'bench/reference/reference.c'), '-lm'], { encoding: 'utf8' });
  if (cc.status !== 0)
    return {
      rows: [],
      note: `C reference: skipped, gcc failed or is missing (${(cc.stderr ?? cc.error?.message ?? '').trim().split('\n')[0]})`,
    };
  const profile = join(root, 'scenarios/multisite-150.yaml');
  const model = wall(process.execPath, ['--import', 'tsx', join(root, 'bench/reference/export-model.ts'), profile, String(trials)]).stdout;
  writeFileSync(join(dir, 'model.txt'), model);
  const text = readFileSync(join(dir, 'model.txt'), 'utf8');
  const cli = (extra: string[]) =>
    wall(process.execPath, [join(root, 'bin/supportcast.js'), 'run', profile, '--trials', String(trials), '--json', '--quiet', ...extra]);
  const c = () => wall(exe, [], text);
  const rows: string[] = [];
  for (const [name, extra] of [
    ['both cores (default threads)', []],
    ['one thread (--threads 1)', ['--threads', '1']],
  ] as [string, string[]][]) {
    cli(extra);
    c();
    const ratios: number[] = [];
    for (let i = 0; i < pairs; i++) ratios.push(cli(extra).ms / c().ms);
    rows.push(
      `| 150-person, ${trials.toLocaleString('en-US')} trials, ${name} | ${median(ratios).toFixed(2)} | ${ratios.map((r) => r.toFixed(2)).join(', ')} |`,
    );
    process.stdout.write(`${rows.at(-1)}\n`);
  }
  // The same model: mean yearly total cost per option from each.
  const js = JSON.parse(cli([]).stdout) as { options: Record<string, { horizon_total_cost: { mean: number; se: { mean: number } } }> };
  const ref = JSON.parse(c().stdout) as { options: { mean: number }[] };
  const parts = Object.entries(js.options).map(([id, o], i) => {
    const z = (ref.options[i]!.mean - o.horizon_total_cost.mean) / (Math.SQRT2 * o.horizon_total_cost.se.mean);
    return `${id} ${Math.round(o.horizon_total_cost.mean).toLocaleString('en-US')} vs ${Math.round(ref.options[i]!.mean).toLocaleString('en-US')} (${z >= 0 ? '+' : ''}${z.toFixed(1)} SE)`;
  });
  return { rows, note: `Same model: mean yearly cost, supportcast vs C — ${parts.join(' · ')}` };
}
