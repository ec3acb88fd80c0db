import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ArgusError } from '../../core/errors.js';
import { createSecretBox, loadSecretKey, openSecretBox } from './secretBox.js';

describe('createSecretBox', () => {
  const box = createSecretBox(randomBytes(32));

  it('opens what it sealed, and seals the same text differently each time (random IV)', () => {
    const a = box.seal('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', 'mfa_1');
    const b = box.seal('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', 'mfa_1');
    expect(a).toMatch(/^v1\.[\w-]{16}\.[\w-]+\.[\w-]{22}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('JBSWY3DP');
    expect(box.open(a, 'mfa_1')).toBe('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
    expect(box.open(b, 'mfa_1')).toBe('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
  });

  it('detects a changed ciphertext, IV or tag', () => {
    const sealed = box.seal('secret-seed', 'mfa_1');
    const parts = sealed.split('.');
    for (const index of [1, 2, 3]) {
      const changed = [...parts];
      const bytes = Buffer.from(changed[index] ?? '', 'base64url');
      bytes[0] = (bytes[0] ?? 0) ^ 1;
      changed[index] = bytes.toString('base64url');
      expect(() => box.open(changed.join('.'), 'mfa_1')).toThrow(/could not be opened/);
    }
  });

  it('refuses a value moved to another context (another factor row)', () => {
    const sealed = box.seal('secret-seed', 'mfa_1');
    expect(() => box.open(sealed, 'mfa_2')).toThrow(/authentication failed/);
  });

  it('refuses a value sealed under another key, with a hint about the key file', () => {
    const other = createSecretBox(randomBytes(32));
    const sealed = other.seal('secret-seed');
    try {
      box.open(sealed);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ArgusError);
      expect((error as ArgusError).code).toBe('INPUT_INVALID');
      expect((error as ArgusError).hint).toMatch(/secretKeyFile/);
    }
  });

  it('refuses unknown versions and malformed values', () => {
    const sealed = box.seal('x');
    expect(() => box.open(sealed.replace(/^v1/, 'v9'))).toThrow(/unknown format version "v9"/);
    expect(() => box.open('not sealed')).toThrow(/not a sealed value/);
  });

  it('derives distinct, stable sub-keys per purpose', () => {
    const key = randomBytes(32);
    const one = createSecretBox(key);
    const two = createSecretBox(key);
    expect(one.derive('device')).toEqual(two.derive('device'));
    expect(one.derive('device')).not.toEqual(one.derive('other'));
    expect(one.derive('device')).not.toEqual(key);
    expect(createSecretBox(randomBytes(32)).derive('device')).not.toEqual(one.derive('device'));
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(() => createSecretBox(randomBytes(16))).toThrow(/must be 32 bytes, got 16/);
  });
});

describe('loadSecretKey', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'argus-secretbox-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates the key file (0600, folder made) on first use and reads the same key afterwards', async () => {
    const file = join(dir, 'nested', 'auth-secret.key');
    const first = await loadSecretKey(file);
    expect(first).toHaveLength(32);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await readFile(file, 'utf8')).trim()).toBe(first.toString('hex'));
    expect(await loadSecretKey(file)).toEqual(first);
  });

  it('agrees on one key when several callers create it at once', async () => {
    const file = join(dir, 'auth-secret.key');
    const keys = await Promise.all(Array.from({ length: 8 }, () => loadSecretKey(file)));
    for (const key of keys) expect(key).toEqual(keys[0]);
  });

  it('accepts hex, base64 and raw key files', async () => {
    const key = randomBytes(32);
    const file = join(dir, 'k');
    for (const content of [
      key.toString('hex'),
      `${key.toString('base64')}\n`,
      key.toString('base64url'),
      key,
    ]) {
      await writeFile(file, content);
      expect(await loadSecretKey(file)).toEqual(key);
    }
  });

  it('refuses a key file of the wrong size with a hint', async () => {
    const file = join(dir, 'k');
    await writeFile(file, 'too short');
    await expect(loadSecretKey(file)).rejects.toThrow(/does not hold a 32-byte key/);
  });

  it('a box from the file opens what an earlier box from the same file sealed', async () => {
    const file = join(dir, 'k');
    const sealed = (await openSecretBox(file)).seal('seed', 'f');
    expect((await openSecretBox(file)).open(sealed, 'f')).toBe('seed');
  });
});
