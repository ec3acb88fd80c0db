/**
 * The model the monitor scores with right now. The engine reads `current` once per event; a
 * retrainer replaces it with one assignment of a fully built model, so an event is scored either
 * wholly by the old model or wholly by the new one, never by a half-loaded mix.
 */
export class ModelHolder<Model> {
  private model: Model | undefined;
  private swaps = 0;
  private readonly listeners = new Set<(model: Model, previous: Model | undefined) => void>();

  constructor(initial?: Model) {
    this.model = initial;
  }

  get current(): Model | undefined {
    return this.model;
  }

  /** How many models have been swapped in (0 while the first is still the constructor's, or none). */
  get generation(): number {
    return this.swaps;
  }

  /** Puts model in place and tells the listeners (e.g. the drift detector, which needs its baseline). */
  swap(model: Model): Model | undefined {
    const previous = this.model;
    this.model = model;
    this.swaps++;
    for (const listener of this.listeners) listener(model, previous);
    return previous;
  }

  /** Calls listener after every swap; returns the unsubscribe function. */
  onSwap(listener: (model: Model, previous: Model | undefined) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
