import type { TransferEvent } from '../core/transferEvent.js';

export interface ModelAlertGateOptions {
  /** Least value (valueUsd, else amount) a transfer needs for a model alert. Default 0. */
  minValue?: number;
  /** After a model alert on an account, none on the same account for this long (event time). Default 0. */
  cooldownMs?: number;
  /** Most accounts remembered; past it the longest-quiet ones are forgotten first. Default 100,000. */
  maxAccounts?: number;
}

/**
 * Decides whether a transfer the model scored past its threshold is worth an alert. An unsupervised
 * score ranks transfers against the whole population, so an account that is always extreme (a whale,
 * a market maker) scores at the top on every transfer; analysts work cases per customer, and one
 * alert per account per cooldown is what they can act on. Asked only for the rare score past the
 * threshold, so the map it keeps stays small; Map order is kept as "least recently alerted first".
 */
export class ModelAlertGate {
  private readonly minValue: number;
  private readonly cooldownMs: number;
  private readonly maxAccounts: number;
  private readonly lastAlert = new Map<string, number>();
  /** Alerts held back because the account had one within the cooldown. */
  suppressed = 0;

  constructor(options: ModelAlertGateOptions = {}) {
    this.minValue = options.minValue ?? 0;
    this.cooldownMs = options.cooldownMs ?? 0;
    this.maxAccounts = Math.max(1, options.maxAccounts ?? 100_000);
  }

  /** True when the transfer may raise a model alert; records it as the account's latest one. */
  allows(event: TransferEvent): boolean {
    if (!((event.valueUsd ?? event.amount) >= this.minValue)) return false;
    if (this.cooldownMs <= 0) return true;
    const last = this.lastAlert.get(event.from);
    // Math.abs: a late event just before the last alert is as much a repeat as one just after it.
    if (last !== undefined && Math.abs(event.time - last) < this.cooldownMs) {
      this.suppressed++;
      return false;
    }
    this.lastAlert.delete(event.from);
    this.lastAlert.set(event.from, event.time);
    if (this.lastAlert.size > this.maxAccounts) {
      const oldest = this.lastAlert.keys().next().value;
      if (oldest !== undefined) this.lastAlert.delete(oldest);
    }
    return true;
  }
}
