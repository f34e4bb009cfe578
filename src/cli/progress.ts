import type { Io } from './io.js';

const WIDTH = 30;

export interface ProgressBar {
  /** Shows `share` (0 … 1) of the work done, with the time left at the pace so far. */
  update(share: number): void;
  /** Erases the bar. */
  done(): void;
}

/** "about 12 s left", "about 3 min left"; nothing until there is a pace to go by. */
function timeLeft(elapsedMs: number, share: number): string {
  if (share < 0.02 || elapsedMs < 500) return '';
  const left = (elapsedMs * (1 - share)) / share / 1000;
  return left < 90 ? ` · about ${Math.max(1, Math.round(left))} s left` : ` · about ${Math.round(left / 60)} min left`;
}

/**
 * A progress bar on stderr, redrawn in place, with the time left; `done()` erases it.
 * Ctrl-C erases it too (main.ts), so an interrupted run leaves a clean line.
 */
export function progressBar(io: Io, label: string, now: () => number = () => performance.now()): ProgressBar {
  const start = now();
  let last = '';
  return {
    update(share) {
      const s = Math.min(1, Math.max(0, share));
      const filled = Math.round(s * WIDTH);
      const line = `\r${label} ▕${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}▏ ${Math.round(s * 100)}%${timeLeft(now() - start, s)}`;
      if (line === last) return;
      // A shorter line than the last leaves its tail: clear to the end of the line.
      io.err(`${line}\x1b[K`);
      last = line;
    },
    done() {
      if (last !== '') io.err('\r\x1b[K');
    },
  };
}
