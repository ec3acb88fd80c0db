import { describe, expect, it } from 'vitest';
import { authConfig } from './authConfig.js';
import { RISK_SIGNALS, signalTable } from './signals.js';

describe('signal registry', () => {
  it('has exactly one signal per configurable weight', () => {
    const ids = RISK_SIGNALS.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(Object.keys(authConfig().weights).sort());
  });

  it('lets a trusted device silence only the novelty of device, IP and network', () => {
    const silenced = RISK_SIGNALS.filter((s) => s.trustedDeviceSuppresses).map((s) => s.id);
    expect(silenced).toEqual(['newDevice', 'newIp', 'newNetwork']);
  });

  it('describes every signal with its weight', () => {
    const rows = signalTable(authConfig({ weights: { bot: 0.25 } }).weights);
    expect(rows.find((r) => r.id === 'bot')?.weight).toBe(0.25);
    expect(rows.every((r) => r.description.length > 10)).toBe(true);
    expect(rows.filter((r) => r.gate).map((r) => r.id)).toEqual(['stepUpRequired']);
  });
});
