import type { TransferEvent } from '../../core/transferEvent.js';

const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** 120000 → "120,000"; 0.5 → "0.5". */
export function formatNumber(n: number): string {
  return NUMBER.format(n);
}

/**
 * A value in the unit rules compare it in: USD when the source priced the transfer, otherwise the
 * asset's own units (the reference amount falls back to `amount`, and saying "USD" then would lie).
 */
export function formatValue(value: number, event: TransferEvent): string {
  return `${NUMBER.format(value)} ${event.valueUsd === undefined ? event.asset : 'USD'}`;
}

const UNITS: readonly [number, string][] = [
  [86_400_000, 'day'],
  [3_600_000, 'hour'],
  [60_000, 'minute'],
  [1_000, 'second'],
];

/** 2_592_000_000 → "30 days", 600_000 → "10 minutes", 5_400_000 → "1.5 hours". */
export function formatDuration(ms: number): string {
  for (const [size, name] of UNITS) {
    if (ms >= size) {
      const n = Math.round((ms / size) * 10) / 10;
      return `${NUMBER.format(n)} ${name}${n === 1 ? '' : 's'}`;
    }
  }
  return `${NUMBER.format(Math.max(0, ms))} ms`;
}
