import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deviceHasher, deviceId } from './deviceId.js';
import { createSecretBox } from './secretBox.js';

describe('deviceId', () => {
  it('is stable for one deployment, differs between fingerprints and between deployments', () => {
    const key = randomBytes(32);
    const hash = deviceHasher(createSecretBox(key));
    const again = deviceHasher(createSecretBox(key));
    const elsewhere = deviceHasher(createSecretBox(randomBytes(32)));
    expect(hash('fp-1')).toMatch(/^[0-9a-f]{64}$/);
    expect(again('fp-1')).toBe(hash('fp-1'));
    expect(hash('fp-2')).not.toBe(hash('fp-1'));
    expect(elsewhere('fp-1')).not.toBe(hash('fp-1'));
    expect(hash('fp-1')).not.toContain('fp-1');
  });

  it('refuses an empty fingerprint', () => {
    expect(() => deviceId(randomBytes(32), '')).toThrow(/must not be empty/);
  });
});
