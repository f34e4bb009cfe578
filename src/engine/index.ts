export * from './model.js';
export { simulate, simulateBlock, allocateOutput, blockCount, optionsOf } from './simulate.js';
export type { OptionInfo, SimulationOutput } from './simulate.js';
export { analyze, summarize, QUANTITIES } from './analyze.js';
export type { Analysis, Decision, OptionStats, Summary, Quantity, Versus } from './analyze.js';
export { BLOCK_SIZE } from './rng.js';
