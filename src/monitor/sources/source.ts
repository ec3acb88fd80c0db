import type { TransferEvent } from '../../core/transferEvent.js';

/** A record that could not be turned into a TransferEvent; the source reports it and goes on. */
export interface RejectedRecord {
  source: string;
  /** Where it was: "line 17", "block 123 log 4", "stream seq 99". */
  position: string;
  reason: string;
}

export interface SourceItem {
  event: TransferEvent;
  /** Called by the monitor once the event is fully processed (alerts committed); at-least-once sources ack here. */
  ack?: () => Promise<void> | void;
}

/** Where transfers come from: a file, a chain, a message stream. */
export interface TransferSource {
  readonly name: string;
  /**
   * Yields events in arrival order until the source is exhausted or the signal aborts. A malformed
   * record goes to onReject and the stream goes on; it never ends the iteration.
   */
  read(signal: AbortSignal, onReject: (rejected: RejectedRecord) => void): AsyncIterable<SourceItem>;
}
