import type { PipelineEvent, PipelineListener } from './types.js';

/** Fan-out of pipeline events to the live stream and other listeners; a failing listener never stops the rest. */
export class EventBus {
  private readonly listeners = new Set<PipelineListener>();

  subscribe(listener: PipelineListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: PipelineEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A broken subscriber (e.g. a closed SSE socket) must not break ingestion.
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}
