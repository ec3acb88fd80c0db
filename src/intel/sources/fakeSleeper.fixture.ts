import type { Sleeper } from './sleeper.js';

/** A clock that only moves when someone sleeps on it, recording each sleep. */
export class FakeSleeper implements Sleeper {
  readonly sleeps: number[] = [];
  constructor(private current = 0) {}
  now(): number {
    return this.current;
  }
  async sleep(ms: number, signal: AbortSignal): Promise<boolean> {
    if (signal.aborted) return false;
    this.sleeps.push(ms);
    this.current += ms;
    return true;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}
