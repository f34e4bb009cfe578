import type { Io } from './io.js';

const WIDTH = 30;

/** A progress bar on stderr, redrawn in place; `done()` erases it. */
export function progressBar(io: Io, label: string): { update(done: number, total: number): void; done(): void } {
  let last = -1;
  return {
    update(done, total) {
      const share = total > 0 ? done / total : 1;
      const filled = Math.round(share * WIDTH);
      if (filled === last) return;
      last = filled;
      io.err(`\r${label} ▕${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}▏ ${Math.round(share * 100)}%`);
    },
    done() {
      if (last >= 0) io.err('\r\x1b[K');
    },
  };
}
