import { type SpawnSyncOptions, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface BinRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (npm test builds dist/ first) as a user would, in a new process. */
export function bin(args: string[], env: Record<string, string> = {}, options: SpawnSyncOptions = {}): BinRun {
  const r = spawnSync(process.execPath, ['bin/supportcast.js', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', ...env },
    ...options,
  });
  return { code: r.status, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? '') };
}

/** Runs a shell line in the repository (for pipes and redirections a test cannot express with spawn). */
export function shell(line: string): BinRun {
  // stdin closed off: bash reads ~/.bashrc when its stdin looks like a network socket.
  const r = spawnSync('bash', ['-c', line], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' },
  });

  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
