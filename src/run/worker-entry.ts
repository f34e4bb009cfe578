import { parentPort } from 'node:worker_threads';
import { simulateTrials } from '../engine/simulate.js';
import { drainRanges, type RunRequest, type WorkerReply } from './worker-protocol.js';

// A worker thread's entry: for each request, take ranges until none are left, writing each
// into the run's shared arrays and saying so, then say done — or why it failed, so the main
// thread can report the one error and stop the rest.
const port = parentPort!;
port.postMessage({ type: 'ready', entry: import.meta.url } satisfies WorkerReply);
port.on('message', (request: RunRequest) => {
  const reply = (r: WorkerReply) => port.postMessage(r);
  try {
    drainRanges(request, () => reply({ type: 'range', id: request.id }), simulateTrials);
    reply({ type: 'done', id: request.id });
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    reply({ type: 'failed', id: request.id, name: err.name, message: err.message });
  }
});
