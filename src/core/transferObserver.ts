import type { AlertInput } from './alert.js';
import type { TransferEvent } from './transferEvent.js';

/**
 * Another area's view of the transfers the monitor accepts: the graph area adds each one to the
 * transaction graph and checks it against labelled addresses. Declared in core so the monitor can call
 * it without knowing who listens; app wiring hands the observers in.
 */
export interface TransferObserver {
  /**
   * Called once per accepted transfer (after dedupe, in stream order, after the monitor's own
   * features saw it). The alerts returned go out with the monitor's own for this transfer.
   */
  observe(event: TransferEvent): readonly AlertInput[];
}
