import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/*
 * SQLite's automatic checkpoint runs inside whichever commit crosses the threshold, on the event loop,
 * and ends with an fsync of the database file: a pause of several milliseconds for one unlucky alert.
 * Here a worker thread with its own connection checkpoints on a timer instead, so commits never wait
 * for it. PASSIVE never blocks the writer; commits are durable in the WAL whether or not it has run.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 1000');
const checkpoint = () => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (error) { parentPort.postMessage(String(error)); }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'close') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

export interface WalCheckpointer {
  close(): Promise<void>;
}

export function startWalCheckpointer(
  path: string,
  intervalMs: number,
  onError: (message: string) => void,
): WalCheckpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, intervalMs, driver } });
  worker.on('message', (message: string) => onError(message));
  worker.on('error', (error) => onError(String(error)));
  // A forgotten close must not keep the process alive.
  worker.unref();
  return {
    close: () =>
      new Promise<void>((resolve) => {
        worker.once('exit', () => resolve());
        // Unreferenced, the worker would not keep the loop alive long enough to finish closing.
        worker.ref();
        worker.postMessage('close');
      }),
  };
}
