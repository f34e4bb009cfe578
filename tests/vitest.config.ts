import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/.tmp/**'],

    environment: 'node',
    globalSetup: ['tests/global-setup.mjs'],
    pool: 'forks',
    // Node's own module loader, with tsx for TypeScript, rather than Vite's module runner: the
    // runner reaches every import through a getter, which made the engine's hot loop 2.7×
    // slower under test than in the CLI.
    execArgv: ['--import', 'tsx'],
    experimental: { viteModuleRunner: false },
    maxWorkers: 2,
    // One process runs many files: modules (zod, yaml, the engine) load once per worker, not once per file.
    isolate: false,

    // Colour-free output so assertions compare plain text.
    env: { FORCE_COLOR: '0' },
    testTimeout: 60_000,
    // Slow tests run in CI and `npm test`; `npm run test:quick` leaves them out while iterating.
    tags: [
      { name: 'slow', description: 'End-to-end or long statistical runs (over about a second each).' },
      {
        name: 'e2e',
        description:
          'The product as a user meets it: a real browser, every README example, installing the package. npm run test:e2e; CI runs them.',
      },
    ],
  },
});
