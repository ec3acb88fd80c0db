import { parentPort } from 'node:worker_threads';
import { type RetrainRequest, runRetrainJob } from './retrainJob.js';

/** Entry point of the retrain worker thread: one job at a time, each answered with one reply. */
const port = parentPort;
if (!port) throw new Error('retrainWorker runs only as a worker thread (see spawnRetrainWorker)');
port.on('message', (request: RetrainRequest) => port.postMessage(runRetrainJob(request)));
