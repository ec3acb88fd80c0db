import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArgusError } from '../../core/errors.js';
import { BreachedPasswordList } from './breachedPasswords.js';

const sha1 = (s: string) => createHash('sha1').update(s).digest('hex').toUpperCase();
// SHA-1("password") = 5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8
const PASSWORD = sha1('password');

describe('BreachedPasswordList', () => {
  it('reads a directory of range files, as the Pwned Passwords API serves them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'argus-pwned-'));
    writeFileSync(
      join(dir, '5BAA6.txt'),
      '003D68EB55068C33ACE09247EE4C639306B:3\r\n1E4C9B93F3F0682250B6CF8331B7EE68FD8:52256179\r\n01330C689E5D64F660D6947A93AD634EF8F:0\r\n',
    );
    const list = BreachedPasswordList.open(dir);
    expect(await list.count(PASSWORD)).toBe(52_256_179);
    expect(await list.count(PASSWORD.toLowerCase())).toBe(52_256_179);
    expect(await list.count('5BAA6003D68EB55068C33ACE09247EE4C639306B')).toBe(3);
    // A padding line (count 0) and a missing range file both mean "not breached".
    expect(await list.count('5BAA601330C689E5D64F660D6947A93AD634EF8F')).toBe(0);
    expect(await list.count(sha1('correct horse battery staple, surely unique 8f2k'))).toBe(0);
  });

  it('reads one HASH:COUNT file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'argus-pwned-'));
    const file = join(dir, 'top.txt');
    writeFileSync(file, `${PASSWORD}:10\n${sha1('123456').toLowerCase()}:7\n`);
    const list = BreachedPasswordList.open(file);
    expect(await list.count(PASSWORD)).toBe(10);
    expect(await list.count(sha1('123456'))).toBe(7);
    expect(await list.count(sha1('not in the list'))).toBe(0);
  });

  it('refuses a path that does not exist and a malformed hash', async () => {
    expect(() => BreachedPasswordList.open('/nonexistent/argus-pwned')).toThrow(ArgusError);
    const list = BreachedPasswordList.open(mkdtempSync(join(tmpdir(), 'argus-pwned-')));
    await expect(list.count('xyz')).rejects.toThrow(/40 hex/);
  });
});

describe('BreachedPasswordList naming', () => {
  it('learns lower-case names without .txt from the directory, and reads lower-case lines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'argus-pwned-'));
    writeFileSync(join(dir, '5baa6'), '1e4c9b93f3f0682250b6cf8331b7ee68fd8:7\n');
    expect(await BreachedPasswordList.open(dir).count(PASSWORD)).toBe(7);
  });
});
