import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TSX_LOADER } from './support/tsxLoader.js';

const MAIN = resolve(import.meta.dirname, '../src/cli/main.ts');

function argus(cwd: string, args: string[]) {
  const r = spawnSync(process.execPath, ['--import', TSX_LOADER, MAIN, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** 200 ordinary accounts and 3 with extreme activity; the label column must never be read. */
function table(): string {
  const lines = ['address,label,sent,received,token'];
  for (let i = 0; i < 200; i++)
    lines.push(`0xa${i},0,${10 + (i % 7)},${12 + (i % 5)},${i % 2 ? 'USDC' : 'ETH'}`);
  for (let i = 0; i < 3; i++) lines.push(`0xbad${i},1,${5000 + i * 900},${1},ETH`);
  lines.push('0xragged,0,1');
  return lines.join('\n');
}

describe('argus ml score', () => {
  it('writes id,score with the injected anomalies on top, and reports what it did to the data', () => {
    const dir = mkdtempSync(join(tmpdir(), 'argus-ml-'));
    writeFileSync(join(dir, 'accounts.csv'), table());
    const r = argus(dir, [
      'ml',
      'score',
      '--data',
      'accounts.csv',
      '--ignore',
      'label',
      '--id',
      'address',
      '--out',
      'scores.csv',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/"token" is non-numeric/);
    expect(r.stderr).toMatch(/1 rows with the wrong number of cells/);
    const rows = readFileSync(join(dir, 'scores.csv'), 'utf8').trim().split('\n');
    expect(rows[0]).toBe('id,score');
    const ranked = rows
      .slice(1)
      .map((l) => l.split(','))
      .sort((a, b) => Number(b[1]) - Number(a[1]));
    expect(
      ranked
        .slice(0, 3)
        .map((r) => r[0])
        .sort(),
    ).toEqual(['0xbad0', '0xbad1', '0xbad2']);
  });

  it('fails clearly on an unknown column or detector', () => {
    const dir = mkdtempSync(join(tmpdir(), 'argus-ml-'));
    writeFileSync(join(dir, 'accounts.csv'), table());
    const missing = argus(dir, ['ml', 'score', '--data', 'accounts.csv', '--ignore', 'FLAG']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/column "FLAG" is not in the CSV/);
    expect(argus(dir, ['ml', 'score', '--data', 'accounts.csv', '--detector', 'svm']).code).toBe(2);
  });
});
