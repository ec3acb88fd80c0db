import { describe, expect, it } from 'vitest';
import { chooseFactor } from './chooseFactor.js';

const totp = { kind: 'totp' as const, confirmed: true };
const key = { kind: 'webauthn' as const, confirmed: true };

describe('chooseFactor', () => {
  it('prefers the user’s confirmed WebAuthn over TOTP, and says any when none is confirmed', () => {
    expect(chooseFactor([totp, key], [])).toBe('webauthn');
    expect(chooseFactor([totp, { ...key, confirmed: false }], [])).toBe('totp');
    expect(chooseFactor([{ ...totp, confirmed: false }], [])).toBe('any');
    expect(chooseFactor([], [])).toBe('any');
  });
  it('asks what a pending step-up demands, the strongest one if several', () => {
    expect(chooseFactor([key], [{ factor: 'totp' }])).toBe('totp');
    expect(chooseFactor([], [{ factor: 'totp' }, { factor: 'webauthn' }])).toBe('webauthn');
    expect(chooseFactor([totp], [{ factor: 'any' }])).toBe('totp');
    expect(chooseFactor([totp], [{ factor: 'webauthn', satisfiedAt: 5 }])).toBe('totp');
  });
});
