import { describe, expect, it } from 'vitest';
import type { TransferEvent } from '../core/transferEvent.js';
import { ModelAlertGate } from './modelAlertGate.js';

const HOUR = 3_600_000;
let n = 0;
function transfer(from: string, time: number, valueUsd = 50_000): TransferEvent {
  n += 1;
  return { key: `k${n}`, chain: 'ethereum', asset: 'ETH', from, to: 'x', time, amount: 1, valueUsd };
}

describe('ModelAlertGate', () => {
  it('lets through only transfers worth at least minValue', () => {
    const gate = new ModelAlertGate({ minValue: 10_000 });
    expect(gate.allows(transfer('a', 0, 9_999.99))).toBe(false);
    expect(gate.allows(transfer('a', 0, 10_000))).toBe(true);
    expect(gate.allows(transfer('a', 1, 10_000))).toBe(true);
  });

  it('allows one alert per account per cooldown, in event time, whatever the order', () => {
    const gate = new ModelAlertGate({ cooldownMs: 24 * HOUR });
    expect(gate.allows(transfer('whale', 10 * HOUR))).toBe(true);
    expect(gate.allows(transfer('whale', 20 * HOUR))).toBe(false);
    expect(gate.allows(transfer('whale', 1 * HOUR))).toBe(false);
    expect(gate.allows(transfer('other', 20 * HOUR))).toBe(true);
    expect(gate.allows(transfer('whale', 34 * HOUR))).toBe(true);
    expect(gate.suppressed).toBe(2);
  });

  it('forgets the least recently alerted account past maxAccounts', () => {
    const gate = new ModelAlertGate({ cooldownMs: HOUR, maxAccounts: 2 });
    gate.allows(transfer('a', 0));
    gate.allows(transfer('b', 0));
    gate.allows(transfer('c', 0));
    expect(gate.allows(transfer('a', 1))).toBe(true);
    expect(gate.allows(transfer('c', 1))).toBe(false);
  });
});
