import { parentPort, workerData } from 'node:worker_threads';
import { drainBlocks, outputFromBuffers, type WorkerInput } from './blocks.js';

// A worker thread's entry: run blocks from the shared counter, then say so.
const input = workerData as WorkerInput;
const out = outputFromBuffers(input.model, input.settings, input.buffers);
drainBlocks(input.model, input.settings, out, new Int32Array(input.counter));
parentPort?.postMessage('done');
