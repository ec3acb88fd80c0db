/**
 * Runs tasks that share a key one after another, and tasks with different keys concurrently.
 * Ingesting two alerts with one dedupe key must not create two alerts, and one TOTP code or WebAuthn
 * counter must not be checked twice at once; work on different keys need not wait. Keys without
 * queued work hold no memory.
 */
export class KeyedSerializer {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key);
    const result = previous === undefined ? task() : previous.then(task);
    const settle = (): void => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    };
    const tail = result.then(settle, settle);
    this.tails.set(key, tail);
    return result;
  }

  /** Keys with work queued or running. */
  get size(): number {
    return this.tails.size;
  }
}
