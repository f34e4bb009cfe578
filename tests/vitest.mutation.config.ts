import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * The suite as Stryker runs it for each mutant (npm run mutation). Stryker's runner uses worker
 * threads, where Node's `--import tsx` does not reach, so Vite's own module runner loads the
 * TypeScript here (slower than the main config's, and this does not matter for mutants). Left
 * out: the tests that drive a browser or start the CLI as a process — they run the sandbox's
 * build, not the source Stryker mutates — and the layer rule, which reads the source text
 * (Stryker's instrumented text is not the source).
 */
export default defineConfig({
  test: {
    ...base.test,
    execArgv: [],
    experimental: {},
    exclude: [
      'tests/.tmp/**',
      'tests/browser/**',
      'tests/architecture.test.ts',
      // These start the built CLI as a process (bin/, dist/): a mutant of the source never reaches them.
      'tests/cli/bin.test.ts',
      'tests/cli/install.test.ts',
      'tests/cli/interrupt.test.ts',
      'tests/cli/output.test.ts',
      'tests/cli/pipes.test.ts',
      // The live page embeds the browser bundle from dist/web, which a sandbox does not build.
      'tests/cli/report-live.test.ts',
    ],
  },
});
