import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * The suite as Stryker runs it for each mutant (npm run mutation). Stryker's runner uses worker
 * threads, where Node's `--import tsx` does not reach, so Vite's own module runner loads the
 * TypeScript here (2.7× slower than the main config's). Left out: the tests that drive a
 * browser or start the CLI as a process (they run the sandbox's build, not the source Stryker
 * mutates), the layer rule (it reads the source text, and Stryker's instrumented text is not
 * the source), and the report and study tests, which reach the engine only through runs the
 * engine's own tests already make.
 */
export default defineConfig({
  test: {
    ...base.test,
    execArgv: [],
    experimental: {},
    // The tests of the folders mutated (engine, run, profile) and the CLI's in-process tests of
    // profiles: the whole suite under Vite's runner takes over five minutes for the dry run alone.
    include: [
      'tests/engine/**/*.test.ts',
      'tests/run/**/*.test.ts',
      'tests/profile/**/*.test.ts',
      'tests/fuzz.test.ts',
      'tests/cli/{validate,check,set,limits,run}.test.ts',
    ],
    exclude: ['tests/.tmp/**'],
  },
});
