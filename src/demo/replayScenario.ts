import type { Transfer } from '../core/transfer.js';
import type { AlertPipeline } from '../respond/types.js';
import type { Store } from '../store/types.js';
import type { DemoStep } from './scenario.js';

/** Plays the steps at their offsets; returns a function that cancels what has not run yet. */
export function replayScenario(
  steps: readonly DemoStep[],
  target: { pipeline: AlertPipeline; store: Store },
  onError: (step: DemoStep, error: unknown) => void,
  speed = 1,
): { done: Promise<void>; cancel(): void } {
  const timers: NodeJS.Timeout[] = [];
  const run = async (step: DemoStep): Promise<void> => {
    try {
      if (step.kind === 'transfer') {
        const now = Date.now();
        const transfer: Transfer = { ...step.transfer, status: 'pending', createdAt: now, updatedAt: now };
        await target.store.transfers.upsert(transfer);
      } else {
        await target.pipeline.ingest(step.alert);
      }
    } catch (error) {
      onError(step, error);
    }
  };
  const done = Promise.all(
    steps.map(
      (step) =>
        new Promise<void>((resolve) => {
          timers.push(
            setTimeout(() => {
              void run(step).then(resolve);
            }, step.at / speed),
          );
        }),
    ),
  ).then(() => undefined);
  return {
    done,
    cancel() {
      for (const t of timers) clearTimeout(t);
    },
  };
}
