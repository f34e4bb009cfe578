import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    // Colour-free output so assertions compare plain text.
    env: { FORCE_COLOR: '0' },
    testTimeout: 60_000,
  },
});
