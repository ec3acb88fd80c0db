import { Worker } from 'node:worker_threads';

/*
 * From the built package the worker is plain JavaScript beside this file. Run from source (tsx,
 * vitest) it is TypeScript, and on Node 20 a worker does not inherit the parent's module hooks nor
 * honour `--import tsx` in its execArgv, so a small CommonJS bootstrap registers tsx inside the
 * worker first and then imports the entry.
 */
const TS_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.tsx)
  .then((tsx) => { tsx.register(); return import(workerData.entry); })
  .catch((error) => { setImmediate(() => { throw error; }); });
`;

export function spawnRetrainWorker(): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(`./retrainWorker.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  if (!fromSource) return new Worker(entry);
  return new Worker(TS_BOOTSTRAP, {
    eval: true,
    workerData: { tsx: import.meta.resolve('tsx/esm/api'), entry: entry.href },
  });
}
