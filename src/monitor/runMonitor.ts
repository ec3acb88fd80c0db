import type { AlertInput } from '../core/alert.js';
import type { RejectedRecord, TransferSource } from './sources/source.js';
import type { TransactionMonitor } from './transactionMonitor.js';

/** Where alerts go: the pipeline in production, a file or an array in evaluation. Resolves once stored. */
export type AlertSink = (alerts: readonly AlertInput[]) => Promise<void>;

export interface RunMonitorOptions {
  source: TransferSource;
  monitor: TransactionMonitor;
  sink: AlertSink;
  signal: AbortSignal;
  /** Every malformed record, after it was counted; the stream goes on. */
  onReject?: (rejected: RejectedRecord) => void;
  /** Called every progressEvery events and at the end. */
  onProgress?: (progress: RunProgress) => void;
  progressEvery?: number;
}

export interface RunProgress {
  received: number;
  rejected: number;
  alerts: number;
  elapsedMs: number;
  done: boolean;
}

/**
 * Pulls transfers from a source through the monitor into the sink. An event is acknowledged only
 * after its alerts are stored, so an at-least-once source redelivers anything a crash interrupted;
 * the monitor drops the redelivered copies by key.
 */
export async function runMonitor(options: RunMonitorOptions): Promise<RunProgress> {
  const { source, monitor, sink, signal } = options;
  const every = options.progressEvery ?? 100_000;
  const started = performance.now();
  const progress: RunProgress = { received: 0, rejected: 0, alerts: 0, elapsedMs: 0, done: false };
  const onReject = (rejected: RejectedRecord): void => {
    progress.rejected++;
    options.onReject?.(rejected);
  };
  for await (const item of source.read(signal, onReject)) {
    progress.received++;
    const alerts = monitor.process(item.event);
    if (alerts.length > 0) {
      progress.alerts += alerts.length;
      await sink(alerts);
    }
    const acked = item.ack?.();
    if (acked) await acked;
    if (progress.received % every === 0 && options.onProgress) {
      progress.elapsedMs = performance.now() - started;
      options.onProgress(progress);
    }
    if (signal.aborted) break;
  }
  progress.elapsedMs = performance.now() - started;
  progress.done = true;
  options.onProgress?.(progress);
  return progress;
}
