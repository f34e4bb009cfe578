// Mutation testing (npm run mutation): StrykerJS 9.5 with the vitest runner (10 needs Node 22).
// Per-test coverage runs, for each mutant, only the tests that reach it; the incremental file
// (committed) lets a later run mutate only code that changed since (docs/architecture.md, Tests).
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // Vite's module graph is off (tests/vitest.config.ts), so `related` cannot find a mutant's tests: per-test coverage does.
  vitest: { configFile: 'tests/vitest.mutation.config.ts', related: false },
  mutate: ['src/engine/**/*.ts', 'src/run/**/*.ts', 'src/profile/**/*.ts', '!src/run/worker-entry.ts'],
  coverageAnalysis: 'perTest',
  checkers: [],
  // Stryker rewrites a tsconfig through TypeScript's JS API, which TypeScript 7 (the native
  // compiler) no longer has; ours need no rewriting (nothing extends outside the sandbox).
  tsconfigFile: 'stryker-rewrites-no-tsconfig.json',
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  thresholds: { high: 90, low: 90, break: null },
  concurrency: 2,
  timeoutMS: 30_000,
  dryRunTimeoutMinutes: 20,
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
  ignorePatterns: ['dist', 'tests/.tmp', 'x.tmp', 'reports', '.stryker-tmp', 'bench/RESULTS.md'],
};
